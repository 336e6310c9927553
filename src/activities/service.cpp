// Activity rules.
#include "activities/service.hpp"

#include <spdlog/spdlog.h>

#include "accounts/crypto.hpp"
#include "accounts/service.hpp"
#include "activities/figures.hpp"
#include "activities/repository.hpp"
#include "platform/audit_log.hpp"
#include "platform/outbox.hpp"

namespace skirosim::activities {

namespace {
Error invalid(std::string message, std::string field) {
    return Error::make(ErrorCode::invalid_input, std::move(message), {}, std::move(field));
}

// Whether a party with this contact (as accounts::Service::normalise_login keys it) holds or
// waits for a place already: the same person twice would take two parties' places.
bool already_registered(soci::session& sql, long long activity, const std::string& contact_key) {
    for (const char* status : {"confirmed", "waiting"}) {
        for (const Registration& r : Repository::registrations(sql, activity, status)) {
            auto login = accounts::Service::normalise_login(r.contact);
            if (login && (login->first.empty() ? login->second : login->first) == contact_key)
                return true;
        }
    }
    return false;
}
Error forbidden() { return not_allowed(); }

// Counts a party by age group into adults and children; checks the codes and numbers.
Result<void> count_party(Registration& r, const AgeCounts& ages,
                         const std::vector<std::string>& groups,
                         const std::vector<Label>& audiences) {
    auto label = [&](const std::string& code, const char* kind) -> const Label* {
        for (const auto& l : audiences) {
            if (l.code == code && l.kind == kind) return &l;
        }
        return nullptr;
    };
    if (!ages.empty()) {
        r.adults = r.children = 0;
        for (const auto& [code, count] : ages) {
            const Label* l = label(code, "age");
            if (!l || count < 0 || count > 20)
                return std::unexpected(invalid("A party is 1 to 20 people.", "adults"));
            (l->child ? r.children : r.adults) += count;
            if (count > 0) r.ages.emplace_back(code, count);
        }
    }
    for (const auto& code : groups) {
        if (label(code, "group") &&
            std::find(r.groups.begin(), r.groups.end(), code) == r.groups.end()) {
            r.groups.push_back(code);
        }
    }
    if (r.adults < 0 || r.children < 0 || r.people() < 1 || r.people() > 20) {
        return std::unexpected(invalid("A party is 1 to 20 people.", "adults"));
    }
    return {};
}
}  // namespace

Result<std::vector<Activity>> Service::list(const Filter& filter, int limit) {
    return db_.read<std::vector<Activity>>(
        [&](soci::session& sql) -> Result<std::vector<Activity>> {
            return Repository::list(sql, filter, limit);
        });
}

Result<Activity> Service::find(long long id) {
    auto found = db_.read<std::optional<Activity>>(
        [&](soci::session& sql) -> Result<std::optional<Activity>> {
            return Repository::find(sql, id);
        });
    if (!found) return std::unexpected(found.error());
    if (!*found) return std::unexpected(not_found());
    return **found;
}

Result<std::vector<Label>> Service::kinds() {
    return db_.read<std::vector<Label>>(
        [](soci::session& sql) -> Result<std::vector<Label>> { return Repository::kinds(sql); });
}

Result<std::vector<Label>> Service::audiences() {
    return db_.read<std::vector<Label>>([](soci::session& sql) -> Result<std::vector<Label>> {
        return Repository::audiences(sql);
    });
}

Result<std::vector<Label>> Service::channels() {
    return db_.read<std::vector<Label>>(
        [](soci::session& sql) -> Result<std::vector<Label>> { return Repository::channels(sql); });
}

Result<Figures> Service::figures(std::time_t from, std::time_t to, std::time_t now) {
    return db_.read<Figures>(
        [&](soci::session& sql) -> Result<Figures> { return read_figures(sql, from, to, now); });
}

Result<std::vector<Activity>> Service::other_dates(const Activity& activity, std::time_t from) {
    if (activity.series_id == 0) return std::vector<Activity>{};
    return db_.read<std::vector<Activity>>(
        [&](soci::session& sql) -> Result<std::vector<Activity>> {
            auto dates = Repository::series(sql, activity.series_id);
            std::erase_if(
                dates, [&](const Activity& a) { return a.id == activity.id || a.ends_at < from; });
            return dates;
        });
}

Result<int> Service::confirmed_people(long long activity) {
    return db_.read<int>([&](soci::session& sql) -> Result<int> {
        return Repository::confirmed_people(sql, activity);
    });
}

void Service::tell(soci::session& sql, const Registration& r, const Activity& a,
                   const std::string& purpose, const std::string& link,
                   const std::vector<Label>& audiences, std::time_t now) {
    if (r.contact.empty() || !messages_) return;
    const Language language = parse_language(r.language).value_or(kDefaultLanguage);
    auto [subject, body] = messages_({r.language, purpose, in(a.title, language), link,
                                      guests_.hold.count(), &a, &r, audiences, now});
    platform::Outbox::send(sql, r.contact, subject, body, now);
}

Result<Registered> Service::register_party(const RegistrationForm& form, std::time_t now) {
    const auto trimmed_name = form.name.find_first_not_of(" \t");
    if (trimmed_name == std::string::npos)
        return std::unexpected(invalid("Please write your name.", "name"));
    if (form.name.size() > 100) return std::unexpected(invalid("The name is too long.", "name"));
    if (form.contact.find_first_not_of(" \t") == std::string::npos && !form.registered_by) {
        return std::unexpected(invalid("Write an e-mail address or a phone number.", "contact"));
    }
    if (form.contact.size() > 200)
        return std::unexpected(invalid("The contact is too long.", "contact"));
    // A contact is an e-mail address or a phone number that a message can reach, kept as typed.
    std::string contact_key;
    if (form.contact.find_first_not_of(" \t") != std::string::npos) {
        auto login = accounts::Service::normalise_login(form.contact);
        if (!login)
            return std::unexpected(
                invalid("Write an e-mail address or a phone number.", "contact"));
        contact_key = login->first.empty() ? login->second : login->first;
    }
    const bool guest = !form.account && !form.registered_by;
    const std::string medium = form.contact.find('@') == std::string::npos ? "sms" : "email";
    const bool hold = guest && !contact_key.empty() && platform_.sender().delivers(medium);
    const std::string token = accounts::random_token();
    return db_.transaction<Registered>([&](soci::session& sql) -> Result<Registered> {
        if (guest &&
            (!storage::take(sql, "guest-registration:" + form.address, guests_.per_address, now) ||
             (!contact_key.empty() &&
              !storage::take(sql, "guest-contact:" + contact_key, guests_.per_contact, now)))) {
            spdlog::warn("registration refused: the limit for guests is reached (from {})",
                         form.address);
            return std::unexpected(
                Error::make(ErrorCode::too_many_requests,
                            "Several registrations were made from here or for this contact "
                            "lately. Please try again later or ask the organiser."));
        }
        Repository::lock(sql, form.activity);
        auto activity = Repository::find(sql, form.activity);
        if (!activity) return std::unexpected(not_found());
        // Places held for guests who did not open their link are free again before anyone counts.
        for (const auto& [_, lapsed] : Repository::lapsed_holds(sql, now, form.activity)) {
            for (long long id : lapsed) Repository::delete_lapsed(sql, id, now);
            promote_waiting(sql, *activity, now);
        }
        if (activity->cancelled || activity->ends_at < now) {
            return std::unexpected(
                invalid("This activity is no longer open for registration.", "activity"));
        }
        if (!activity->registration) {
            return std::unexpected(
                invalid("This activity needs no registration: just come.", "activity"));
        }
        if (!form.another_party && !contact_key.empty() &&
            already_registered(sql, form.activity, contact_key)) {
            return std::unexpected(Error::make(
                ErrorCode::conflict,
                "This e-mail address or phone number is already registered for this activity. "
                "To change how many are coming, cancel with the link in our message and "
                "register again; or tick below that this is another party.",
                {}, "contact"));
        }
        Registration r;
        r.activity = form.activity;
        r.name = form.name.substr(trimmed_name);
        r.contact = form.contact;
        r.language =
            parse_language(form.language) ? form.language : std::string(code(kDefaultLanguage));
        r.adults = form.adults;
        r.children = form.children;
        r.created_at = now;
        const std::vector<Label> audiences = Repository::audiences(sql);
        if (auto counted = count_party(r, form.ages, form.groups, audiences); !counted) {
            return std::unexpected(counted.error());
        }
        if (r.people() > activity->max_party) {
            return std::unexpected(Error::make(ErrorCode::invalid_input,
                                               "One registration may bring at most {1} people.",
                                               {std::to_string(activity->max_party)}, "adults"));
        }
        const int taken = Repository::confirmed_people(sql, form.activity);
        r.status = activity->capacity <= 0 || taken + r.people() <= activity->capacity ? "confirmed"
                                                                                       : "waiting";
        if (hold) r.hold_until = now + guests_.hold.count() * 60;
        const long long id = Repository::insert_registration(
            sql, r, accounts::token_hash(token), form.account, form.registered_by, form.consent);
        if (hold) {
            tell(
                sql, r, *activity, "confirm-place",
                platform_.public_url() + "/" + r.language + "/registrations/confirm?token=" + token,
                audiences, now);
        } else {
            tell(sql, r, *activity, r.status,
                 platform_.public_url() + "/" + r.language + "/registrations/cancel?token=" + token,
                 audiences, now);
        }
        return Registered{r.status, token, id, r.hold_until};
    });
}

Result<std::optional<Registration>> Service::by_token(const std::string& token) {
    return db_.read<std::optional<Registration>>(
        [&](soci::session& sql) -> Result<std::optional<Registration>> {
            return Repository::by_cancel_hash(sql, accounts::token_hash(token));
        });
}

Result<int> Service::send_due_messages(std::time_t now) {
    return db_.transaction<int>([&](soci::session& sql) -> Result<int> {
        int queued = 0;
        const std::vector<Label> audiences = Repository::audiences(sql);
        auto send = [&](const std::vector<Registration>& due, const char* purpose, auto mark) {
            for (const Registration& registration : due) {
                auto activity = Repository::find(sql, registration.activity);
                // Every server runs this: the one whose claim succeeds sends, once.
                if (!activity || !mark(sql, registration.id, now)) continue;
                tell(sql, registration, *activity, purpose,
                     platform_.public_url() + "/" + registration.language + "/activities/" +
                         std::to_string(activity->id),
                     audiences, now);
                ++queued;
            }
        };
        send(Repository::due_reminders(sql, now), "reminder", Repository::mark_reminded);
        send(Repository::due_feedback(sql, now), "feedback", Repository::mark_feedback_requested);
        return queued;
    });
}

void Service::tell_cancelled(soci::session& sql, const Activity& activity, std::time_t now) {
    const std::vector<Label> audiences = Repository::audiences(sql);
    for (const Registration& r : Repository::registrations(sql, activity.id, "")) {
        if (r.status == "cancelled") continue;
        tell(sql, r, activity, "cancelled",
             platform_.public_url() + "/" + r.language +
                 "/activities?institution=" + activity.institution,
             audiences, now);
    }
}

Result<std::vector<Activity>> Service::upcoming(std::time_t now, int limit) {
    Filter filter;
    filter.from = now;
    auto activities = list(filter, limit + 20);
    if (!activities) return activities;
    std::erase_if(*activities, [](const Activity& a) { return a.cancelled; });
    if (static_cast<int>(activities->size()) > limit)
        activities->resize(static_cast<std::size_t>(limit));
    return activities;
}

void Service::export_person(soci::session& sql, long long account, boost::json::object& into) {
    boost::json::array registrations;
    const std::vector<Label> audiences = Repository::audiences(sql);
    for (const Registration& r : Repository::registrations_of_account(sql, account)) {
        boost::json::array ages;
        for (const auto& [age, count] : r.ages) {
            // The group's name too ("7–12 gadi"), for a person reading it.
            boost::json::object name;
            for (Language l : kLanguages) name[code(l)] = name_of(audiences, age, l);
            ages.push_back(boost::json::object{
                {"age", age}, {"age_name", std::move(name)}, {"people", count}});
        }
        // The activity's title too, so that a person reading it knows which one it was.
        boost::json::object title;
        if (auto activity = Repository::find(sql, r.activity)) {
            for (Language l : kLanguages) title[code(l)] = in(activity->title, l);
        }
        registrations.push_back(
            boost::json::object{{"activity", r.activity},
                                {"activity_title", std::move(title)},
                                {"name", r.name},
                                {"contact", r.contact},
                                {"adults", r.adults},
                                {"children", r.children},
                                {"ages", ages},
                                {"status", r.status},
                                {"created_at", static_cast<std::int64_t>(r.created_at)}});
    }
    into["registrations"] = std::move(registrations);
}

void Service::forget_person(soci::session& sql, long long account) {
    // The counts stay for the statistics; the name, the contact and the link to the account go.
    Repository::forget_account(sql, account);
}

Result<long long> Service::forget_contacts(std::time_t now, long long keep_days) {
    return db_.transaction<long long>([&](soci::session& sql) -> Result<long long> {
        return Repository::forget_contacts(sql, now - keep_days * 86400);
    });
}

Result<Registered> Service::register_on_behalf(const Principal& staff, RegistrationForm form,
                                               std::time_t now) {
    if (!staff.staff()) return std::unexpected(forbidden());
    if (form.consent.empty()) {
        return std::unexpected(
            invalid("Tick that the resident agreed to be registered.", "consent"));
    }
    if (form.account) {
        auto account = accounts_.account(*form.account);
        if (!account && account.error().code != ErrorCode::not_found)
            return std::unexpected(account.error());
        // Only the staff member who keeps the assisted account acts for its owner (or the
        // coordinator).
        if (!account || (!staff.coordinator() && account->assisted_by != staff.account_id)) {
            return std::unexpected(forbidden());
        }
        form.name = account->display_name;
        if (form.contact.empty()) form.contact = account->login();
        form.language = account->language;
    }
    form.registered_by = staff.account_id;
    return register_party(form, now);
}

Result<std::vector<std::pair<long long, std::string>>> Service::residents_of(
    const Principal& staff) {
    using Residents = std::vector<std::pair<long long, std::string>>;
    auto kept = accounts_.residents_of(staff);
    if (!kept) return std::unexpected(kept.error());
    Residents out;
    for (const auto& a : *kept) out.emplace_back(a.id, a.display_name);
    return out;
}

Result<AttendanceSheet> Service::attendance_sheet(const Principal& who, long long id) {
    return db_.read<AttendanceSheet>([&](soci::session& sql) -> Result<AttendanceSheet> {
        auto activity = Repository::find(sql, id);
        if (!activity) return std::unexpected(not_found());
        if (!who.acts_for(activity->institution)) return std::unexpected(forbidden());
        return AttendanceSheet{*activity, Repository::registrations(sql, id, "confirmed"),
                               Repository::attendance(sql, id)};
    });
}

Result<void> Service::mark_attendance(const Principal& who, long long id,
                                      const Attendance& attendance, std::time_t now) {
    for (const auto& [code, count] : attendance.walk_ins) {
        if (count < 0 || count > 10000)
            return std::unexpected(invalid("Write a whole number from 0 to 10000.", "walk_ins"));
    }
    for (const auto& [measure, amount] : attendance.results) {
        if (!(amount >= 0 && amount <= 1e6)) {
            return std::unexpected(invalid("Write a number from 0 to 1000000.", "results"));
        }
    }
    return db_.transaction<void>([&](soci::session& sql) -> Result<void> {
        Repository::lock(sql, id);
        auto activity = Repository::find(sql, id);
        if (!activity) return std::unexpected(not_found());
        if (!who.acts_for(activity->institution)) return std::unexpected(forbidden());
        if (activity->starts_at > now) {
            return std::unexpected(
                invalid("Attendance can be marked once the activity has begun.", "activity"));
        }
        const auto registrations = Repository::registrations(sql, id, "confirmed");
        std::vector<Registration> came;
        for (const Registration& r : registrations) {
            for (const auto& [registration, present] : attendance.came) {
                if (registration == r.id && present) came.push_back(r);
            }
        }
        Repository::save_attendance(sql, id, attendance,
                                    participation_counts(came, attendance.walk_ins), now);
        platform::AuditLog::record(sql, now, who.account_id, "activity.attendance", "activity",
                                   std::to_string(id), activity->institution);
        return {};
    });
}

Result<Registration> Service::cancel(const std::string& token, std::time_t now) {
    return db_.transaction<Registration>([&](soci::session& sql) -> Result<Registration> {
        auto found = Repository::by_cancel_hash(sql, accounts::token_hash(token));
        if (!found)
            return std::unexpected(invalid("This link has expired or was already used.", "token"));
        Repository::lock(sql, found->activity);
        auto activity = Repository::find(sql, found->activity);
        if (!activity) return std::unexpected(not_found());
        if (found->status == "cancelled") return *found;
        const bool freed = found->status == "confirmed";
        Repository::set_status(sql, found->id, "cancelled");
        found->status = "cancelled";
        if (freed) promote_waiting(sql, *activity, now);
        return *found;
    });
}

void Service::promote_waiting(soci::session& sql, const Activity& activity, std::time_t now) {
    if (activity.capacity <= 0) return;
    // The first in line who fits moves up; a big party further back waits for more room.
    int taken = Repository::confirmed_people(sql, activity.id);
    const std::vector<Label> audiences = Repository::audiences(sql);
    for (const Registration& waiting : Repository::registrations(sql, activity.id, "waiting")) {
        if (taken + waiting.people() > activity.capacity) continue;
        Repository::set_status(sql, waiting.id, "confirmed");
        taken += waiting.people();
        // Their cancel link is theirs already; the message links the activity's page.
        Registration promoted = waiting;
        promoted.status = "confirmed";
        tell(sql, promoted, activity, "promoted",
             platform_.public_url() + "/" + promoted.language + "/activities/" +
                 std::to_string(activity.id),
             audiences, now);
        spdlog::info("registration {} moved up from the waiting list", waiting.id);
    }
}

Result<Registration> Service::confirm_place(const std::string& token, std::time_t now) {
    return db_.transaction<Registration>([&](soci::session& sql) -> Result<Registration> {
        auto found = Repository::by_cancel_hash(sql, accounts::token_hash(token));
        const Error expired = invalid("This link has expired or was already used.", "token");
        if (!found) return std::unexpected(expired);
        if (!found->hold_until) return *found;  // opened twice: nothing more to do
        if (*found->hold_until < now) return std::unexpected(expired);
        Repository::keep_held(sql, found->id);
        found->hold_until.reset();
        return *found;
    });
}

Result<int> Service::release_lapsed_holds(std::time_t now) {
    return db_.transaction<int>([&](soci::session& sql) -> Result<int> {
        int released = 0;
        for (const auto& [activity_id, registrations] : Repository::lapsed_holds(sql, now)) {
            Repository::lock(sql, activity_id);
            auto activity = Repository::find(sql, activity_id);
            for (long long id : registrations) {
                if (Repository::delete_lapsed(sql, id, now)) ++released;
            }
            if (activity) promote_waiting(sql, *activity, now);
        }
        return released;
    });
}

}  // namespace skirosim::activities
