// Activity editing rules: who may, and the same checks as a data file.
#include "activities/editor.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "accounts/crypto.hpp"
#include "accounts/repository.hpp"
#include "activities/data_file.hpp"
#include "activities/repository.hpp"
#include "points/opening_hours.hpp"

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

// "2026-12-09T15:00" in Riga time, as the form's datetime-local field wants it.
std::string local_text(std::time_t utc) {
    const auto t = points::riga_date_time(utc);
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
    f.reminder_hours = field("reminder_hours");
    f.registration = field("registration") == "yes";
    f.cancelled = field("cancelled") == "yes";
    for (Language l : kLanguages) {
        const auto i = static_cast<std::size_t>(l);
        const std::string s = "_" + std::string(code(l));
        f.title[i] = field(("title" + s).c_str());
        f.description[i] = field(("description" + s).c_str());
        f.accessibility[i] = field(("accessibility" + s).c_str());
    }
    f.audiences = all_values(request, "audiences");
    f.held_in = all_values(request, "held_in");
    return f;
}

Result<std::vector<Activity>> Editor::editable(const Principal& who) {
    if (!who.staff()) return std::unexpected(Error::make(ErrorCode::forbidden, "You may not do this."));
    return db_.read<std::vector<Activity>>([&](soci::session& sql) -> Result<std::vector<Activity>> {
        std::vector<Activity> out;
        for (auto& a : Repository::list(sql, Filter{}, 1000)) {
            if (who.acts_for(a.institution)) out.push_back(std::move(a));
        }
        return out;
    });
}

Result<long long> Editor::save(const Principal& who, long long id, const ActivityForm& f) {
    const Error forbidden = Error::make(ErrorCode::forbidden, "You may not do this.");
    // Staff act for their own institutions only, also when moving an activity.
    if (!who.acts_for(f.institution)) return std::unexpected(forbidden);
    return db_.transaction<long long>([&](soci::session& sql) -> Result<long long> {
        std::string external_id = "web-" + accounts::random_code() + accounts::random_code();
        if (id != 0) {
            auto existing = Repository::find(sql, id);
            if (!existing) return std::unexpected(Error::make(ErrorCode::not_found, "This page does not exist."));
            if (!who.acts_for(existing->institution)) return std::unexpected(forbidden);
            if (!existing->external_id.empty()) external_id = existing->external_id;
        }
        // A title or description written in one language stands in for the others.
        auto complete = [](std::array<std::string, 3> t) {
            std::string any;
            for (const auto& s : t) {
                if (!s.empty()) { any = s; break; }
            }
            for (auto& s : t) {
                if (s.empty()) s = any;
            }
            return json::object{{"lv", t[0]}, {"ru", t[1]}, {"en", t[2]}};
        };
        json::array audiences, held_in;
        for (const auto& a : f.audiences) audiences.emplace_back(a);
        for (const auto& l : f.held_in) held_in.emplace_back(l);
        json::object activity{{"id", external_id}, {"institution", f.institution}, {"kind", f.kind},
                              {"title", complete(f.title)}, {"description", complete(f.description)},
                              {"start", f.start}, {"end", f.end}, {"venue", f.venue},
                              {"audiences", audiences}, {"held_in", held_in},
                              {"registration", f.registration}, {"cancelled", f.cancelled}};
        if (!f.accessibility[0].empty() || !f.accessibility[1].empty() || !f.accessibility[2].empty()) {
            activity["accessibility"] = complete(f.accessibility);
        }
        for (auto [key, text] : {std::pair{"capacity", &f.capacity}, {"reminder_hours", &f.reminder_hours}}) {
            if (text->empty()) continue;
            try {
                activity[key] = std::stoll(*text);
            } catch (...) {
                activity[key] = *text;  // the check says "must be a whole number"
            }
        }
        json::array kinds, audience_labels;
        for (const auto& k : Repository::kinds(sql)) kinds.push_back(json::object{{"code", k.code}, {"name", json::object{{"lv", k.name[0]}, {"ru", k.name[1]}, {"en", k.name[2]}}}});
        for (const auto& a : Repository::audiences(sql)) audience_labels.push_back(json::object{{"code", a.code}, {"kind", a.kind}, {"name", json::object{{"lv", a.name[0]}, {"ru", a.name[1]}, {"en", a.name[2]}}}});
        json::value document = json::object{{"activity_kinds", kinds}, {"audiences", audience_labels},
                                            {"activities", json::array{activity}}};
        auto data = parse_activity_data({NamedDocument{"form", JsonReader(document, "")}});
        if (!data) {
            Error error = data.error();
            if (error.field.starts_with("activities[0].")) error.field = error.field.substr(14);
            return std::unexpected(error);
        }
        Repository::save(sql, data->activities);
        long long saved = 0;
        sql << "SELECT id FROM activities WHERE external_id = :e", soci::use(external_id), soci::into(saved);
        accounts::Repository::audit(sql, std::time(nullptr), who.account_id,
                                    id == 0 ? "activity.created" : "activity.changed", std::to_string(saved),
                                    f.institution);
        return saved;
    });
}

ActivityForm ActivityForm::from(const Activity& a) {
    ActivityForm f;
    f.institution = a.institution;
    f.kind = a.kind;
    f.start = local_text(a.starts_at);
    f.end = local_text(a.ends_at);
    f.venue = a.venue;
    f.title = a.title;
    f.description = a.description;
    f.accessibility = a.accessibility;
    f.audiences = a.audiences;
    f.held_in = a.held_in;
    f.capacity = std::to_string(a.capacity);
    f.reminder_hours = std::to_string(a.reminder_hours);
    f.registration = a.registration;
    f.cancelled = a.cancelled;
    return f;
}

}  // namespace skirosim::activities
