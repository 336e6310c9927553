// SQL of the outbox table.
#include "platform/outbox.hpp"

namespace skirosim::platform {

std::string Outbox::medium_for(const std::string& contact) {
    return contact.find('@') == std::string::npos ? "sms" : "email";
}

void Outbox::send(soci::session& sql, const std::string& to, const std::string& subject,
                  const std::string& body, std::time_t now) {
    OutboxMessage message;
    message.recipient = to;
    message.medium = medium_for(to);
    message.subject = subject;
    message.body = body;
    message.created_at = now;
    enqueue(sql, message);
}

void Outbox::enqueue(soci::session& sql, const OutboxMessage& m) {
    long long created = m.created_at;
    sql << "INSERT INTO outbox (recipient, medium, subject, body, created_at) VALUES (:r, :m, :s, "
           ":b, :c)",
        soci::use(m.recipient, "r"), soci::use(m.medium, "m"), soci::use(m.subject, "s"),
        soci::use(m.body, "b"), soci::use(created, "c");
}

namespace {
// Newest first for people to read; oldest first for the sender (`oldest_first`).
std::vector<OutboxMessage> select_outbox(
    soci::session& sql, const std::string& where, int limit, bool oldest_first = false,
    const std::vector<std::pair<std::string, std::string>>& texts = {},
    const std::vector<std::pair<std::string, long long>>& numbers = {}) {
    std::vector<OutboxMessage> out;
    OutboxMessage row;
    long long created = 0, sent = 0, next = 0;
    soci::indicator sent_ind = soci::i_null;
    soci::statement st =
        (sql.prepare << "SELECT id, recipient, medium, subject, body, created_at, sent_at, "
                        "attempts, last_error, next_attempt_at FROM outbox " +
                            where + (oldest_first ? " ORDER BY id" : " ORDER BY id DESC") +
                            " LIMIT :limit",
         soci::into(row.id), soci::into(row.recipient), soci::into(row.medium),
         soci::into(row.subject), soci::into(row.body), soci::into(created),
         soci::into(sent, sent_ind), soci::into(row.attempts), soci::into(row.last_error),
         soci::into(next));
    for (const auto& [name, value] : texts) st.exchange(soci::use(value, name));
    for (const auto& [name, value] : numbers) st.exchange(soci::use(value, name));
    st.exchange(soci::use(limit, "limit"));
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        OutboxMessage copy = row;
        copy.created_at = static_cast<std::time_t>(created);
        copy.sent_at = sent_ind == soci::i_ok
                           ? std::optional<std::time_t>(static_cast<std::time_t>(sent))
                           : std::nullopt;
        copy.next_attempt_at = static_cast<std::time_t>(next);
        out.push_back(std::move(copy));
    }
    return out;
}
}  // namespace

std::vector<OutboxMessage> Outbox::newest(soci::session& sql, int limit) {
    return select_outbox(sql, "", limit);
}

std::vector<OutboxMessage> Outbox::to_recipient(soci::session& sql, const std::string& recipient) {
    return select_outbox(sql, "WHERE recipient = :text", 1000, false, {{"text", recipient}});
}

std::vector<OutboxMessage> Outbox::unsent(soci::session& sql, int limit) {
    return select_outbox(sql, "WHERE sent_at IS NULL", limit, true);
}

bool Outbox::claim(soci::session& sql, long long id, std::time_t now, std::time_t until) {
    long long at = now, to = until;
    soci::statement st =
        (sql.prepare
             << "UPDATE outbox SET next_attempt_at = :until WHERE id = :id AND sent_at IS NULL "
                "AND next_attempt_at <= :now",
         soci::use(to, "until"), soci::use(id, "id"), soci::use(at, "now"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void Outbox::mark_sent(soci::session& sql, long long id, std::time_t at) {
    long long when = at;
    sql << "UPDATE outbox SET sent_at = :at, attempts = attempts + 1 WHERE id = :id",
        soci::use(when, "at"), soci::use(id, "id");
}

void Outbox::mark_failed(soci::session& sql, long long id, const std::string& error,
                         std::time_t next_attempt_at) {
    long long next = next_attempt_at;
    sql << "UPDATE outbox SET attempts = attempts + 1, last_error = :e, next_attempt_at = :n WHERE "
           "id = :id",
        soci::use(error, "e"), soci::use(next, "n"), soci::use(id, "id");
}

std::vector<OutboxMessage> Outbox::due(soci::session& sql, const std::vector<std::string>& media,
                                       std::time_t now, int max_attempts, int limit) {
    if (media.empty()) return {};
    // At most two media: the second placeholder repeats the first when there is one.
    return select_outbox(
        sql,
        "WHERE sent_at IS NULL AND attempts < :max AND next_attempt_at <= :now AND "
        "(medium = :m0 OR medium = :m1)",
        limit, true, {{"m0", media.front()}, {"m1", media.back()}},
        {{"max", max_attempts}, {"now", static_cast<long long>(now)}});
}

void Outbox::forget_recipient(soci::session& sql, const std::string& recipient) {
    sql << "DELETE FROM outbox WHERE recipient = :r", soci::use(recipient);
}

long long Outbox::forget_sent_before(soci::session& sql, std::time_t before) {
    long long at = before;
    soci::statement st =
        (sql.prepare << "DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < :t",
         soci::use(at));
    st.execute(true);
    return st.get_affected_rows();
}

}  // namespace skirosim::platform
