// Real servers on loopback for the tests: an SMTP server (aiosmtpd) that can require STARTTLS or
// TLS and a login, and an HTTP endpoint that keeps what is posted to it (an SMS gateway).
#pragma once

#include <boost/json/value.hpp>

#include <memory>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace skirosim::testing {

// A throw-away certificate for 127.0.0.1 and localhost (openssl), made once per test process.
struct TestCertificate {
    std::string cert, key;
};
const TestCertificate& test_certificate();

struct ReceivedMail {
    std::string raw;           // the message as it arrived
    boost::json::value facts;  // from, to, user (the login used), tls
};

// What the QR codes drawn in an SVG document say: the whole document is drawn as a picture
// (rsvg-convert) and read by zbarimg, as a phone's camera would read the printed page.
std::vector<std::string> read_qr_codes(const std::string& svg_document);

class SmtpServer {
public:
    enum class Security { plain, starttls_required, tls };
    SmtpServer(Security security, std::string user = {}, std::string password = {});
    unsigned short port() const { return port_; }
    // What arrived so far, in order (waits up to `timeout` for at least `at_least`).
    std::vector<ReceivedMail> messages(std::size_t at_least = 0, std::chrono::milliseconds timeout =
                                                                     std::chrono::seconds(5)) const;

private:
    std::string dir_;
    std::unique_ptr<BackgroundProcess> process_;
    unsigned short port_ = 0;
};

class HttpReceiver {
public:
    explicit HttpReceiver(int fail_first = 0);
    unsigned short port() const { return port_; }
    std::string url(const std::string& path = "/send") const;
    // Requests so far as JSON: method, path, headers, body.
    std::vector<boost::json::value> requests() const;

private:
    std::string dir_;
    std::unique_ptr<BackgroundProcess> process_;
    unsigned short port_ = 0;
};

}  // namespace skirosim::testing
