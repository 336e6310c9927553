#!/usr/bin/python3
"""An HTTP endpoint for the tests that keeps every request it gets (an SMS gateway, say).

  http_receiver.py --port-file F --out DIR [--fail-first N]

Each request is written to DIR as NNN.json: method, path, headers (lower-case names) and body.
The first N requests are answered 503 (to test retries); the rest 200."""

import argparse
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--fail-first", type=int, default=0)
    args = parser.parse_args()
    lock = threading.Lock()
    seen = [0]

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length).decode("utf-8", "replace")
            with lock:
                seen[0] += 1
                number = seen[0]
            with open(os.path.join(args.out, "%03d.json" % number), "w") as f:
                json.dump({"method": "POST", "path": self.path,
                           "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body}, f)
            status = 503 if number <= args.fail_first else 200
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *_):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(args.port_file + ".tmp", args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
