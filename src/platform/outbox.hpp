// The outbox: every message the site sends (links, reminders, answers to reports) is written
// here in the transaction that makes it, and a sender takes it from here (platform/sender.hpp).
#pragma once

#include <soci/soci.h>

#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace skirosim::platform {

struct OutboxMessage {
    long long id = 0;
    std::string recipient, medium, subject, body;  // medium: "email" or "sms"
    std::time_t created_at = 0;
    std::optional<std::time_t> sent_at;
    int attempts = 0;
    std::string last_error;
    std::time_t next_attempt_at = 0;
};

class Outbox {
public:
    // "name@example.org" → "email"; a phone number → "sms".
    static std::string medium_for(const std::string& contact);
    static void enqueue(soci::session& sql, const OutboxMessage& message);
    // A message to a contact, of the medium the contact calls for, made now.
    static void send(soci::session& sql, const std::string& to, const std::string& subject,
                     const std::string& body, std::time_t now);

    static std::vector<OutboxMessage> newest(soci::session& sql, int limit);
    static std::vector<OutboxMessage> to_recipient(soci::session& sql,
                                                   const std::string& recipient);
    static std::vector<OutboxMessage> unsent(soci::session& sql, int limit);
    // Unsent messages of these media that are due to be tried, oldest first.
    static std::vector<OutboxMessage> due(soci::session& sql, const std::vector<std::string>& media,
                                          std::time_t now, int max_attempts, int limit);
    // Takes a due message for one sender until `until`: true only for the one sender (thread or
    // server) whose claim changed the row, so that two never send the same message.
    static bool claim(soci::session& sql, long long id, std::time_t now, std::time_t until);
    static void mark_sent(soci::session& sql, long long id, std::time_t at);
    // A failed try: counted, its reason kept, the next one not before `next_attempt_at`.
    static void mark_failed(soci::session& sql, long long id, const std::string& error,
                            std::time_t next_attempt_at);
    // Everything to one recipient goes (the person deleted their account).
    static void forget_recipient(soci::session& sql, const std::string& recipient);
    // Retention: sent messages older than `before`; returns how many went.
    static long long forget_sent_before(soci::session& sql, std::time_t before);
};

}  // namespace skirosim::platform
