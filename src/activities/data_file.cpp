// Parsing activities ("start": "2026-12-09T15:00", the town's local time).
#include "activities/data_file.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <set>

namespace skirosim::activities {

namespace json = boost::json;

namespace {

Result<Label> parse_label(const JsonReader& r, bool audience) {
    Label l;
    SKIROSIM_TRY_ASSIGN(l.code, r.identifier("code"));
    SKIROSIM_TRY_ASSIGN(l.name, r.text("name"));
    if (audience) {
        SKIROSIM_TRY_ASSIGN(l.kind, r.string("kind"));
        if (l.kind != "age" && l.kind != "group")
            return std::unexpected(r.error("kind", "must be \"age\" or \"group\""));
        SKIROSIM_TRY_ASSIGN(l.child, r.optional_bool("child", false));
    }
    return l;
}

Result<Activity> parse_activity(const JsonReader& r, const platform::TimeZone& zone) {
    Activity a;
    SKIROSIM_TRY_ASSIGN(a.external_id, r.identifier("id"));
    SKIROSIM_TRY_ASSIGN(a.institution, r.identifier("institution"));
    SKIROSIM_TRY_ASSIGN(a.kind, r.optional_string("kind", "lesson"));
    SKIROSIM_TRY_ASSIGN(a.title, r.text("title"));
    SKIROSIM_TRY_ASSIGN(a.description, r.text("description"));
    std::optional<LocalizedText> accessibility;
    SKIROSIM_TRY_ASSIGN(accessibility, r.optional_text("accessibility"));
    if (accessibility) a.accessibility = *accessibility;
    for (auto [key, target] : {std::pair{"start", &a.starts_at}, {"end", &a.ends_at}}) {
        std::string text;
        SKIROSIM_TRY_ASSIGN(text, r.string(key));
        auto when = text.size() == 16 ? zone.parse_local(text) : std::nullopt;
        if (!when)
            return std::unexpected(
                r.error(key, "\"{2}\" must be a date and time like 2026-12-03T16:00", {text}));
        *target = *when;
    }
    if (a.ends_at < a.starts_at) return std::unexpected(r.error("end", "is before the start"));
    SKIROSIM_TRY_ASSIGN(a.venue, r.optional_string("venue"));
    SKIROSIM_TRY_ASSIGN(a.audiences, r.strings("audiences"));
    SKIROSIM_TRY_ASSIGN(a.held_in, r.strings("held_in"));
    if (a.held_in.empty()) a.held_in = {"lv"};
    for (const auto& language : a.held_in) {
        if (!parse_language(language))
            return std::unexpected(r.error("held_in", "\"{2}\" must be lv, ru or en", {language}));
    }
    long long capacity = 0;
    SKIROSIM_TRY_ASSIGN(capacity, r.optional_integer("capacity", 0));
    if (capacity < 0 || capacity > 100000)
        return std::unexpected(r.error("capacity", "must be between 0 and 100000"));
    a.capacity = static_cast<int>(capacity);
    long long reminder = 48;
    SKIROSIM_TRY_ASSIGN(reminder, r.optional_integer("reminder_hours", 48));
    if (reminder < 0 || reminder > 24 * 30)
        return std::unexpected(r.error("reminder_hours", "must be between 0 and 720"));
    a.reminder_hours = static_cast<int>(reminder);
    long long max_party = 10;
    SKIROSIM_TRY_ASSIGN(max_party, r.optional_integer("max_party", 10));
    if (max_party < 1 || max_party > 20)
        return std::unexpected(r.error("max_party", "must be between 1 and 20"));
    a.max_party = static_cast<int>(max_party);
    SKIROSIM_TRY_ASSIGN(a.registration, r.optional_bool("registration", false));
    SKIROSIM_TRY_ASSIGN(a.cancelled, r.optional_bool("cancelled", false));
    SKIROSIM_TRY_ASSIGN(a.sample, r.optional_bool("sample", false));
    return a;
}

}  // namespace

Result<ActivityData> parse_activity_data(const std::vector<NamedDocument>& documents,
                                         const platform::TimeZone& zone) {
    ActivityData data;
    for (const NamedDocument& document : documents) {
        for (auto [key, audience] : {std::pair{"activity_kinds", false}, {"audiences", true}}) {
            auto readers = document.reader.array(key);
            if (!readers) return std::unexpected(in_file(document.name, readers.error()));
            for (const JsonReader& r : *readers) {
                auto label = parse_label(r, audience);
                if (!label) return std::unexpected(in_file(document.name, label.error()));
                (audience ? data.audiences : data.kinds).push_back(std::move(*label));
            }
        }
        auto readers = document.reader.array("activities");
        if (!readers) return std::unexpected(in_file(document.name, readers.error()));
        for (const JsonReader& r : *readers) {
            auto activity = parse_activity(r, zone);
            if (!activity) return std::unexpected(in_file(document.name, activity.error()));
            data.activities.push_back(std::move(*activity));
        }
    }
    std::set<std::string> kinds, audiences, ids;
    for (const auto& k : data.kinds) kinds.insert(k.code);
    for (const auto& a : data.audiences) audiences.insert(a.code);
    for (const Activity& a : data.activities) {
        if (!ids.insert(a.external_id).second) {
            return std::unexpected(Error::make(ErrorCode::invalid_input,
                                               "Activity \"{1}\" appears twice.", {a.external_id}));
        }
        if (!kinds.empty() && !kinds.contains(a.kind)) {
            return std::unexpected(Error::make(ErrorCode::invalid_input,
                                               "Activity \"{1}\" has an unknown kind \"{2}\".",
                                               {a.external_id, a.kind}));
        }
        for (const auto& audience : a.audiences) {
            if (!audiences.empty() && !audiences.contains(audience)) {
                return std::unexpected(Error::make(
                    ErrorCode::invalid_input, "Activity \"{1}\" has an unknown audience \"{2}\".",
                    {a.external_id, audience}));
            }
        }
    }
    return data;
}

void export_activity_data(const ActivityData& data, const platform::TimeZone& zone,
                          json::object& out) {
    auto localized = [](const LocalizedText& t) {
        return json::object{{"lv", t[0]}, {"ru", t[1]}, {"en", t[2]}};
    };
    json::array kinds, audiences;
    for (const auto& k : data.kinds)
        kinds.push_back(json::object{{"code", k.code}, {"name", localized(k.name)}});
    for (const auto& a : data.audiences) {
        json::object label{{"code", a.code}, {"kind", a.kind}, {"name", localized(a.name)}};
        if (a.child) label["child"] = true;
        audiences.push_back(std::move(label));
    }
    out["activity_kinds"] = kinds;
    out["audiences"] = audiences;
    auto local_text = [&zone](std::time_t utc) {
        const auto t = zone.local(utc);
        return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}", t.year, t.month, t.day, t.hour,
                           t.minute);
    };
    json::array activities;
    for (const Activity& a : data.activities) {
        json::array held_in, for_whom;
        for (const auto& l : a.held_in) held_in.emplace_back(l);
        for (const auto& code : a.audiences) for_whom.emplace_back(code);
        // An activity made in the staff pages has no id of the format yet: its number stands in.
        json::object activity{
            {"id", a.external_id.empty() ? "activity-" + std::to_string(a.id) : a.external_id},
            {"institution", a.institution},
            {"kind", a.kind},
            {"title", localized(a.title)},
            {"description", localized(a.description)},
            {"start", local_text(a.starts_at)},
            {"end", local_text(a.ends_at)},
            {"venue", a.venue},
            {"audiences", for_whom},
            {"held_in", held_in},
            {"capacity", a.capacity},
            {"max_party", a.max_party},
            {"reminder_hours", a.reminder_hours},
            {"registration", a.registration},
            {"cancelled", a.cancelled}};
        if (!a.accessibility[0].empty() || !a.accessibility[1].empty() ||
            !a.accessibility[2].empty()) {
            activity["accessibility"] = localized(a.accessibility);
        }
        if (a.sample) activity["sample"] = true;
        activities.push_back(std::move(activity));
    }
    if (!activities.empty()) out["activities"] = std::move(activities);
}

}  // namespace skirosim::activities
