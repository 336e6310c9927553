// Activity rules.
#include "activities/service.hpp"

#include <spdlog/spdlog.h>

#include "accounts/crypto.hpp"
#include "accounts/repository.hpp"
#include "activities/repository.hpp"

namespace skirosim::activities {

namespace {
Error invalid(std::string message, std::string field) {
    return Error::make(ErrorCode::invalid_input, std::move(message), {}, std::move(field));
}
Error not_found() { return Error::make(ErrorCode::not_found, "This page does not exist."); }
}  // namespace

Result<std::vector<Activity>> Service::list(const Filter& filter, int limit) {
    return db_.read<std::vector<Activity>>([&](soci::session& sql) -> Result<std::vector<Activity>> {
        return Repository::list(sql, filter, limit);
    });
}

Result<Activity> Service::find(long long id) {
    auto found = db_.read<std::optional<Activity>>([&](soci::session& sql) -> Result<std::optional<Activity>> {
        return Repository::find(sql, id);
    });
    if (!found) return std::unexpected(found.error());
    if (!*found) return std::unexpected(not_found());
    return **found;
}

Result<std::vector<Label>> Service::kinds() {
    return db_.read<std::vector<Label>>([](soci::session& sql) -> Result<std::vector<Label>> { return Repository::kinds(sql); });
}

Result<std::vector<Label>> Service::audiences() {
    return db_.read<std::vector<Label>>([](soci::session& sql) -> Result<std::vector<Label>> { return Repository::audiences(sql); });
}

Result<std::vector<std::pair<std::string, LocalizedText>>> Service::institution_points(const std::string& institution) {
    using Points = std::vector<std::pair<std::string, LocalizedText>>;
    return db_.read<Points>([&](soci::session& sql) -> Result<Points> {
        Points out;
        std::string id;
        LocalizedText name;
        soci::statement st = (sql.prepare << "SELECT id, name_lv, name_ru, name_en FROM points WHERE institution_id = :i "
                                             "ORDER BY id",
                              soci::into(id), soci::into(name[0]), soci::into(name[1]), soci::into(name[2]),
                              soci::use(institution));
        st.execute();
        while (st.fetch()) out.emplace_back(id, name);
        return out;
    });
}

Result<int> Service::confirmed_people(long long activity) {
    return db_.read<int>([&](soci::session& sql) -> Result<int> { return Repository::confirmed_people(sql, activity); });
}

void Service::tell(soci::session& sql, const Registration& r, const Activity& a, const std::string& purpose,
                   const std::string& link, std::time_t now) {
    if (r.contact.empty() || !messages_) return;
    const auto language = static_cast<std::size_t>(parse_language(r.language).value_or(kDefaultLanguage));
    auto [subject, body] = messages_(r.language, purpose, a.title[language], link);
    accounts::OutboxMessage message;
    message.recipient = r.contact;
    message.medium = r.contact.find('@') == std::string::npos ? "sms" : "email";
    message.subject = subject;
    message.body = body;
    message.created_at = now;
    accounts::Repository::enqueue(sql, message);
}

Result<Registered> Service::register_party(const RegistrationForm& form, std::time_t now) {
    const auto trimmed_name = form.name.find_first_not_of(" \t");
    if (trimmed_name == std::string::npos) return std::unexpected(invalid("Please write your name.", "name"));
    if (form.name.size() > 100) return std::unexpected(invalid("The name is too long.", "name"));
    if (form.contact.find_first_not_of(" \t") == std::string::npos && !form.registered_by) {
        return std::unexpected(invalid("Write an e-mail address or a phone number.", "contact"));
    }
    if (form.contact.size() > 200) return std::unexpected(invalid("The contact is too long.", "contact"));
    if (form.adults < 0 || form.children < 0 || form.adults + form.children < 1 || form.adults + form.children > 20) {
        return std::unexpected(invalid("A party is 1 to 20 people.", "adults"));
    }
    const std::string token = accounts::random_token();
    return db_.transaction<Registered>([&](soci::session& sql) -> Result<Registered> {
        Repository::lock(sql, form.activity);
        auto activity = Repository::find(sql, form.activity);
        if (!activity) return std::unexpected(not_found());
        if (activity->cancelled || activity->ends_at < now) {
            return std::unexpected(invalid("This activity is no longer open for registration.", "activity"));
        }
        if (!activity->registration) {
            return std::unexpected(invalid("This activity needs no registration: just come.", "activity"));
        }
        Registration r;
        r.activity = form.activity;
        r.name = form.name.substr(trimmed_name);
        r.contact = form.contact;
        r.language = parse_language(form.language) ? form.language : std::string(code(kDefaultLanguage));
        r.adults = form.adults;
        r.children = form.children;
        r.created_at = now;
        const int taken = Repository::confirmed_people(sql, form.activity);
        r.status = activity->capacity <= 0 || taken + r.people() <= activity->capacity ? "confirmed" : "waiting";
        const long long id = Repository::insert_registration(sql, r, accounts::token_hash(token), form.account,
                                                            form.registered_by, form.consent);
        tell(sql, r, *activity, r.status,
             public_url_ + "/" + r.language + "/registrations/cancel?token=" + token, now);
        return Registered{r.status, token, id};
    });
}

Result<std::optional<Registration>> Service::by_token(const std::string& token) {
    return db_.read<std::optional<Registration>>([&](soci::session& sql) -> Result<std::optional<Registration>> {
        return Repository::by_cancel_hash(sql, accounts::token_hash(token));
    });
}

Result<int> Service::send_due_messages(std::time_t now) {
    return db_.transaction<int>([&](soci::session& sql) -> Result<int> {
        int queued = 0;
        for (const auto& [registration, activity_id] : Repository::due_reminders(sql, now)) {
            auto activity = Repository::find(sql, activity_id);
            if (!activity) continue;
            tell(sql, registration, *activity, "reminder",
                 public_url_ + "/" + registration.language + "/activities/" + std::to_string(activity_id), now);
            Repository::mark_reminded(sql, registration.id, now);
            ++queued;
        }
        for (const auto& [registration, activity_id] : Repository::due_feedback(sql, now)) {
            auto activity = Repository::find(sql, activity_id);
            if (!activity) continue;
            tell(sql, registration, *activity, "feedback",
                 public_url_ + "/" + registration.language + "/activities/" + std::to_string(activity_id), now);
            Repository::mark_feedback_requested(sql, registration.id, now);
            ++queued;
        }
        return queued;
    });
}

Result<Registration> Service::cancel(const std::string& token, std::time_t now) {
    return db_.transaction<Registration>([&](soci::session& sql) -> Result<Registration> {
        auto found = Repository::by_cancel_hash(sql, accounts::token_hash(token));
        if (!found) return std::unexpected(invalid("This link has expired or was already used.", "token"));
        Repository::lock(sql, found->activity);
        auto activity = Repository::find(sql, found->activity);
        if (!activity) return std::unexpected(not_found());
        if (found->status == "cancelled") return *found;
        const bool freed = found->status == "confirmed";
        Repository::set_status(sql, found->id, "cancelled");
        found->status = "cancelled";
        if (!freed || activity->capacity <= 0) return *found;
        // The first in line who fits moves up; a big party further back waits for more room.
        int taken = Repository::confirmed_people(sql, activity->id);
        for (const Registration& waiting : Repository::registrations(sql, activity->id, "waiting")) {
            if (taken + waiting.people() > activity->capacity) continue;
            Repository::set_status(sql, waiting.id, "confirmed");
            taken += waiting.people();
            // Their cancel link is theirs already; the message links the activity's page.
            Registration promoted = waiting;
            promoted.status = "confirmed";
            tell(sql, promoted, *activity, "promoted",
                 public_url_ + "/" + promoted.language + "/activities/" + std::to_string(activity->id), now);
            spdlog::info("registration {} moved up from the waiting list", waiting.id);
        }
        return *found;
    });
}

}  // namespace skirosim::activities
