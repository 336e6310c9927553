// Sends the outbox: e-mail through an SMTP server (libcurl: STARTTLS or TLS, a login) and text
// messages through an HTTP SMS gateway. A message whose medium has no sender set up waits in the
// outbox, where the coordinator's pages show it; one that failed is tried again after a growing
// pause, ten times at most.
#pragma once

#include <chrono>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <string>
#include <thread>

#include "core/error.hpp"
#include "platform/clock.hpp"
#include "storage/database.hpp"

namespace skirosim::platform {

enum class SmtpSecurity { starttls, tls, none };

struct SmtpSettings {
    std::string host;  // empty: e-mail waits in the outbox
    unsigned short port = 587;
    SmtpSecurity security = SmtpSecurity::starttls;
    std::string user, password;  // no login when the user is empty
    std::string ca_file;         // a private authority's certificate (else the system's)
    std::string from = "skirosim@localhost";
    std::string helo = "skirosim";
    std::chrono::milliseconds interval{10'000};
};

struct SmsSettings {
    std::string url;  // empty: text messages wait in the outbox
    // The request body; {to} and {text} are replaced, escaped for the content type (JSON string
    // contents, or percent-encoding for a form).
    std::string body = R"({"to":"{to}","text":"{text}"})";
    std::string content_type = "application/json";
    std::string secret;  // sent as "Authorization: Bearer …" when set
};

// The pause before the next try after `attempts` failures: a minute, doubling, at most 6 hours.
std::chrono::seconds retry_pause(int attempts);
inline constexpr int kMaxSendAttempts = 10;
// How long a claimed message is left to the sender that claimed it: longer than any one try
// (libcurl's timeouts), so that a sender that died mid-send leaves it to be tried again later.
inline constexpr std::time_t kClaimSeconds = 10 * 60;

class Sender {
public:
    Sender(storage::Database& db, const Clock& clock, SmtpSettings smtp, SmsSettings sms = {});
    ~Sender();
    void start();
    void wake();  // sends at once (after a sign-up, say) instead of at the next interval
    // Sends what is due now; returns how many were sent.
    Result<int> send_pending(std::time_t now);
    // Whether messages of this medium ("email", "sms") go out, or only wait in the outbox.
    bool delivers(const std::string& medium) const;

private:
    storage::Database& db_;
    const Clock& clock_;
    SmtpSettings smtp_;
    SmsSettings sms_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false, woken_ = false;
    std::thread thread_;
};

// One plain-text UTF-8 message over SMTP; throws std::runtime_error with libcurl's reason.
void smtp_send(const SmtpSettings& settings, const std::string& to, const std::string& subject,
               const std::string& body, std::time_t now);
// One text message through the gateway; throws with the status or libcurl's reason.
void sms_send(const SmsSettings& settings, const std::string& to, const std::string& text);
// The gateway's body for one message (exposed for its unit test).
std::string sms_body(const SmsSettings& settings, const std::string& to, const std::string& text);

}  // namespace skirosim::platform
