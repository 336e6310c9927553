#!/usr/bin/python3
"""A real SMTP server for the tests (aiosmtpd, Debian's python3-aiosmtpd).

  smtp_server.py --port-file F --out DIR [--cert C --key K] [--user U --password P] [--tls]

With a certificate it offers STARTTLS and refuses mail before it (require_starttls); with a user
it refuses mail without AUTH LOGIN/PLAIN as that user; --tls speaks TLS from the first byte (port
465 style). Every accepted message is written to DIR as NNN.eml (the raw message) with NNN.json
beside it (envelope: sender, recipients, the user who logged in, whether TLS was on)."""

import argparse
import json
import os
import socket
import ssl
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


tls_from_the_start = False


class Keeper:
    def __init__(self, out):
        self.out = out
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            stem = os.path.join(self.out, "%03d" % self.count)
        with open(stem + ".eml", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        facts = {
            "from": envelope.mail_from,
            "to": envelope.rcpt_tos,
            "user": (session.auth_data.login.decode()
                     if session.authenticated and isinstance(session.auth_data, LoginPassword) else None),
            "tls": session.ssl is not None or tls_from_the_start,
        }
        with open(stem + ".json", "w") as f:
            json.dump(facts, f)
        return "250 kept"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--tls", action="store_true")
    args = parser.parse_args()
    global tls_from_the_start
    tls_from_the_start = args.tls

    context = None
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user
              and auth_data.password.decode() == args.password)
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    options = {}
    if args.tls:
        options["ssl_context"] = context
    elif context is not None:
        options["tls_context"] = context
        options["require_starttls"] = True
    if args.user:
        options["authenticator"] = authenticate
        options["auth_required"] = True
        options["auth_require_tls"] = context is not None
    # A free port: aiosmtpd's Controller connects to its own port to see that it is up.
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    controller = Controller(Keeper(args.out), hostname="127.0.0.1", port=port, server_hostname="localhost", **options)
    controller.start()
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(port))
    os.replace(args.port_file + ".tmp", args.port_file)
    try:
        threading.Event().wait()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
