// Sends the outbox's e-mails through an SMTP relay, when one is configured. Without one (and
// for text messages, which need a gateway we do not have) messages wait in the outbox, where
// the coordinator's pages show them.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "core/error.hpp"
#include "storage/database.hpp"

namespace skirosim::accounts {

struct SmtpSettings {
    std::string host;  // empty: no relay
    unsigned short port = 25;
    std::string from = "skirosim@localhost";
    std::string helo = "skirosim";
    std::chrono::milliseconds interval{10'000};
};

class Mailer {
public:
    Mailer(storage::Database& db, SmtpSettings settings);
    ~Mailer();
    void start();
    void wake();  // sends at once (after a sign-up, say) instead of at the next interval
    // Sends what is waiting; returns how many were sent.
    Result<int> send_pending();

private:
    storage::Database& db_;
    SmtpSettings settings_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false, woken_ = false;
    std::thread thread_;
};

// One message over SMTP (RFC 5321), plain text in UTF-8; throws with the server's reply.
void smtp_send(const SmtpSettings& settings, const std::string& to, const std::string& subject,
               const std::string& body);

}  // namespace skirosim::accounts
