// Activity editing rules: who may, and the same checks as a data file.
#include "activities/editor.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>

#include "accounts/crypto.hpp"
#include "activities/data_file.hpp"
#include "activities/repository.hpp"
#include "activities/series.hpp"
#include "activities/service.hpp"
#include "platform/audit_log.hpp"

namespace skirosim::activities {

namespace json = boost::json;

namespace {

std::vector<std::string> all_values(const http::Request& request, const std::string& name) {
    std::vector<std::string> out;
    for (const auto& [key, value] : request.form()) {
        if (key == name && !value.empty()) out.push_back(value);
    }
    return out;
}

// "2026-12-09T15:00" in the town's time, as the form's datetime-local field wants it.
std::string local_text(const platform::TimeZone& zone, std::time_t utc) {
    const auto t = zone.local(utc);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}", t.year, t.month, t.day, t.hour, t.minute);
}

}  // namespace

ActivityForm ActivityForm::from(const http::Request& request) {
    ActivityForm f;
    auto field = [&](const char* name) { return request.form_param(name).value_or(""); };
    f.institution = field("institution");
    f.kind = field("kind");
    f.start = field("start");
    f.end = field("end");
    f.venue = field("venue");
    f.capacity = field("capacity");
    f.max_party = field("max_party");
    f.reminder_hours = field("reminder_hours");
    f.registration = field("registration") == "yes";
    f.cancelled = field("cancelled") == "yes";
    f.repeat = field("repeat");
    f.repeat_until = field("repeat_until");
    f.scope = field("scope") == "following" ? "following" : "this";
    for (Language l : kLanguages) {
        const std::string s = "_" + std::string(code(l));
        in(f.title, l) = field(("title" + s).c_str());
        in(f.description, l) = field(("description" + s).c_str());
        in(f.accessibility, l) = field(("accessibility" + s).c_str());
    }
    f.audiences = all_values(request, "audiences");
    f.held_in = all_values(request, "held_in");
    return f;
}

Result<std::vector<Activity>> Editor::editable(const Principal& who) {
    if (!who.staff()) return std::unexpected(not_allowed());
    return db_.read<std::vector<Activity>>(
        [&](soci::session& sql) -> Result<std::vector<Activity>> {
            std::vector<Activity> out;
            for (auto& a : Repository::list(sql, Filter{}, 1000)) {
                if (who.acts_for(a.institution)) out.push_back(std::move(a));
            }
            return out;
        });
}

namespace {

Error invalid(const char* message, const char* field) {
    return Error::make(ErrorCode::invalid_input, message, {}, field);
}

// A whole number from `low` to `high` as typed in a number field; empty keeps the default.
bool whole_number_within(const std::string& text, long long low, long long high) {
    if (text.empty()) return true;
    if (text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) return false;
    const long long value = std::stoll(text);
    return value >= low && value <= high;
}

bool any_written(const std::array<std::string, 3>& texts) {
    return std::any_of(texts.begin(), texts.end(), [](const std::string& t) {
        return t.find_first_not_of(" \t\r\n") != std::string::npos;
    });
}

// The form checked in the words of its fields, before it becomes a data file's entry (whose
// messages speak of paths such as "activities[0].description"). `existing` is the activity
// being changed, if any.
Result<void> check_form(const ActivityForm& f, const platform::TimeZone& zone, std::time_t now,
                        const Activity* existing) {
    if (!any_written(f.title))
        return std::unexpected(invalid("Write the title in at least one language.", "title_lv"));
    if (!any_written(f.description)) {
        return std::unexpected(invalid(
            "Write in a few words what happens, in at least one language.", "description_lv"));
    }
    const auto start = f.start.size() == 16 ? zone.parse_local(f.start) : std::nullopt;
    if (!start) return std::unexpected(invalid("Give the day and time it starts.", "start"));
    const auto end = f.end.size() == 16 ? zone.parse_local(f.end) : std::nullopt;
    if (!end) return std::unexpected(invalid("Give the day and time it ends.", "end"));
    if (*end <= *start) return std::unexpected(invalid("It must end after it starts.", "end"));
    // What happened is marked afterwards; a date is not moved into the past to look held.
    const bool start_moved = !existing || existing->starts_at != *start;
    if (start_moved && *start < now) {
        return std::unexpected(
            invalid(existing ? "An activity cannot be moved to a time that has passed."
                             : "A new activity cannot start at a time that has passed.",
                    "start"));
    }
    if (!whole_number_within(f.capacity, 0, 100000))
        return std::unexpected(invalid("Write a whole number from 0 to 100000.", "capacity"));
    if (!whole_number_within(f.max_party, 1, 20))
        return std::unexpected(invalid("Write a whole number from 1 to 20.", "max_party"));
    if (!whole_number_within(f.reminder_hours, 0, 720))
        return std::unexpected(invalid("Write a whole number from 0 to 720.", "reminder_hours"));
    return {};
}

}  // namespace

Result<long long> Editor::save(const Principal& who, long long id, const ActivityForm& f) {
    const Error forbidden = not_allowed();
    // Staff act for their own institutions only, also when moving an activity.
    if (!who.acts_for(f.institution)) return std::unexpected(forbidden);
    const auto town = platform_.town();
    const platform::TimeZone& zone = town->zone;
    return db_.transaction<long long>([&](soci::session& sql) -> Result<long long> {
        std::optional<Activity> existing;
        if (id != 0) {
            existing = Repository::find(sql, id);
            if (!existing) return std::unexpected(not_found());
            if (!who.acts_for(existing->institution)) return std::unexpected(forbidden);
        }
        if (auto checked = check_form(f, zone, platform_.now(), existing ? &*existing : nullptr);
            !checked)
            return std::unexpected(checked.error());
        // A title or description written in one language stands in for the others.
        auto complete = [](std::array<std::string, 3> t) {
            std::string any;
            for (const auto& s : t) {
                if (!s.empty()) {
                    any = s;
                    break;
                }
            }
            for (auto& s : t) {
                if (s.empty()) s = any;
            }
            return json::object{{"lv", t[0]}, {"ru", t[1]}, {"en", t[2]}};
        };
        json::array audiences, held_in;
        for (const auto& a : f.audiences) audiences.emplace_back(a);
        for (const auto& l : f.held_in) held_in.emplace_back(l);
        // One activity of the exchange format from the form, on the dates given.
        auto entry = [&](const std::string& external_id, const std::string& start,
                         const std::string& end) {
            json::object activity{{"id", external_id},
                                  {"institution", f.institution},
                                  {"kind", f.kind},
                                  {"title", complete(f.title)},
                                  {"description", complete(f.description)},
                                  {"start", start},
                                  {"end", end},
                                  {"venue", f.venue},
                                  {"audiences", audiences},
                                  {"held_in", held_in},
                                  {"registration", f.registration},
                                  {"cancelled", f.cancelled}};
            if (!f.accessibility[0].empty() || !f.accessibility[1].empty() ||
                !f.accessibility[2].empty()) {
                activity["accessibility"] = complete(f.accessibility);
            }
            for (auto [key, text] : {std::pair{"capacity", &f.capacity},
                                     {"max_party", &f.max_party},
                                     {"reminder_hours", &f.reminder_hours}}) {
                if (text->empty()) continue;
                try {
                    activity[key] = std::stoll(*text);
                } catch (...) {
                    activity[key] = *text;  // the check says "must be a whole number"
                }
            }
            return activity;
        };

        // Which activities the form writes: one, the dates of a new series, or this date of a
        // series and the following ones that were not changed on their own.
        std::vector<const Activity*> targets;
        std::vector<Activity> series;
        json::array entries;
        const auto form_start = local_date(f.start), form_end = local_date(f.end);
        if (existing && existing->series_id != 0 && f.scope == "following" && form_start &&
            form_end) {
            series = Repository::series(sql, existing->series_id);
            const auto before = local_date(ActivityForm::from(*existing, zone).start);
            for (const Activity& date : series) {
                if (date.starts_at < existing->starts_at || (date.series_changed && date.id != id))
                    continue;
                // The same move as this date's, the same time of day and length.
                const auto own =
                    *local_date(ActivityForm::from(date, zone).start) + (*form_start - *before);
                targets.push_back(&date);
                entries.push_back(entry(date.external_id, on_date(f.start, own),
                                        on_date(f.end, own + (*form_end - *form_start))));
            }
        } else if (existing) {
            targets.push_back(&*existing);
            entries.push_back(entry(existing->external_id, f.start, f.end));
        } else {
            const std::string base = "web-" + accounts::random_code() + accounts::random_code();
            if (f.repeat.empty() || !form_start || !form_end) {
                entries.push_back(entry(base, f.start, f.end));
            } else {
                if (f.repeat != "weekly" && f.repeat != "monthly")
                    return std::unexpected(invalid("Choose how it repeats.", "repeat"));
                const auto until = local_date(f.repeat_until);
                if (!until || *until < *form_start) {
                    return std::unexpected(invalid(
                        "Give the date of the last time, after the first.", "repeat_until"));
                }
                if (*until > *form_start + std::chrono::days{366}) {
                    return std::unexpected(
                        invalid("A series can run for a year at most.", "repeat_until"));
                }
                int n = 0;
                for (const auto date :
                     series_dates(*form_start, f.repeat, *until, kMaxSeriesDates)) {
                    entries.push_back(entry(base + "-" + std::to_string(++n),
                                            on_date(f.start, date),
                                            on_date(f.end, date + (*form_end - *form_start))));
                }
            }
        }

        json::array kinds, audience_labels;
        for (const auto& k : Repository::kinds(sql))
            kinds.push_back(json::object{
                {"code", k.code},
                {"name", json::object{{"lv", k.name[0]}, {"ru", k.name[1]}, {"en", k.name[2]}}}});
        for (const auto& a : Repository::audiences(sql))
            audience_labels.push_back(json::object{
                {"code", a.code},
                {"kind", a.kind},
                {"name", json::object{{"lv", a.name[0]}, {"ru", a.name[1]}, {"en", a.name[2]}}}});
        json::value document = json::object{
            {"activity_kinds", kinds}, {"audiences", audience_labels}, {"activities", entries}};
        auto data = parse_activity_data({NamedDocument{"form", JsonReader(document, "")}}, zone);
        if (!data) {
            Error error = data.error();
            if (const auto dot = error.field.find("].");
                error.field.starts_with("activities[") && dot != std::string::npos) {
                error.field = error.field.substr(dot + 2);
            }
            return std::unexpected(error);
        }
        Repository::save(sql, data->activities);
        std::vector<long long> ids;
        for (const Activity& a : data->activities) {
            long long saved = 0;
            sql << "SELECT id FROM activities WHERE external_id = :e", soci::use(a.external_id),
                soci::into(saved);
            ids.push_back(saved);
        }
        const auto now = platform_.now();
        if (!existing && ids.size() > 1) {
            for (long long saved : ids)
                Repository::set_series(sql, saved, ids.front(), f.repeat, false);
        } else if (existing && existing->series_id != 0 && targets.size() == 1) {
            Repository::set_series(sql, id, existing->series_id, existing->series_rule, true);
        }
        for (const Activity* before : targets) {
            if (before->cancelled || !f.cancelled) continue;
            if (auto after = Repository::find(sql, before->id))
                service_.tell_cancelled(sql, *after, now);
        }
        for (long long saved : ids) {
            platform::AuditLog::record(sql, now, who.account_id,
                                       existing ? "activity.changed" : "activity.created",
                                       "activity", std::to_string(saved), f.institution);
        }
        return existing ? id : ids.front();
    });
}

ActivityForm ActivityForm::from(const Activity& a, const platform::TimeZone& zone) {
    ActivityForm f;
    f.institution = a.institution;
    f.kind = a.kind;
    f.start = local_text(zone, a.starts_at);
    f.end = local_text(zone, a.ends_at);
    f.venue = a.venue;
    f.title = a.title;
    f.description = a.description;
    f.accessibility = a.accessibility;
    f.audiences = a.audiences;
    f.held_in = a.held_in;
    f.capacity = std::to_string(a.capacity);
    f.max_party = std::to_string(a.max_party);
    f.reminder_hours = std::to_string(a.reminder_hours);
    f.registration = a.registration;
    f.cancelled = a.cancelled;
    return f;
}

}  // namespace skirosim::activities
