// The data download made readable: one table a section, the catalogue naming each field.
#include "accounts/data_page.hpp"

#include <map>

#include "accounts/audit_text.hpp"
#include "accounts/role_names.hpp"
#include "platform/audit_names.hpp"

namespace skirosim::accounts {

namespace json = boost::json;
namespace mustache = web::mustache;

namespace {

// Section and field names as the catalogue knows them; a key not listed keeps its own name.
const std::map<std::string, const char*>& labels() {
    static const std::map<std::string, const char*> kLabels{
        {"account", i18n::msgid("Account")},
        {"roles", i18n::msgid("Roles")},
        {"consents", i18n::msgid("Consents")},
        {"sessions", i18n::msgid("Devices logged in")},
        {"log_in_attempts", i18n::msgid("Log-in attempts")},
        {"messages", i18n::msgid("Messages sent to you")},
        {"activity_log", i18n::msgid("What was done with your account")},
        {"registrations", i18n::msgid("Registrations for activities")},
        {"id", i18n::msgid("Number")},
        {"email", i18n::msgid("E-mail")},
        {"phone", i18n::msgid("Phone")},
        {"display_name", i18n::msgid("Name")},
        {"name", i18n::msgid("Name")},
        {"language", i18n::msgid("Language")},
        {"created_at", i18n::msgid("Created")},
        {"confirmed_at", i18n::msgid("Confirmed")},
        {"registered_by_staff", i18n::msgid("Registered by staff")},
        {"role", i18n::msgid("Role")},
        {"institution", i18n::msgid("Institution")},
        {"what", i18n::msgid("What")},
        {"given_at", i18n::msgid("Given")},
        {"recorded_by", i18n::msgid("Recorded by staff account")},
        {"expires_at", i18n::msgid("Valid until")},
        {"last_seen_at", i18n::msgid("Last used")},
        {"at", i18n::msgid("When")},
        {"succeeded", i18n::msgid("Succeeded")},
        {"subject", i18n::msgid("Subject")},
        {"sent_at", i18n::msgid("Sent")},
        {"action", i18n::msgid("Action")},
        {"about", i18n::msgid("Concerns")},
        {"details", i18n::msgid("Details")},
        {"activity_title", i18n::msgid("Activity")},
        {"contact", i18n::msgid("Contact")},
        {"adults", i18n::msgid("Adults")},
        {"children", i18n::msgid("Children")},
        {"ages", i18n::msgid("Ages")},
        {"people", i18n::msgid("People")},
        {"age_name", i18n::msgid("Age group")},
        {"status", i18n::msgid("Status")}};
    return kLabels;
}

std::string label(const std::string& key, const i18n::Translator& tr, Language language) {
    auto it = labels().find(key);
    return it == labels().end() ? key : tr.text(language, it->second);
}

bool is_time(const std::string& key) { return key == "at" || key.ends_with("_at"); }

// Numbers and codes that only programs need (they stay in the JSON file); "age" is named by
// "age_name" beside it.
bool is_internal(const std::string& key) {
    return key == "id" || key == "activity" || key == "age";
}

// A registration's state in words.
std::string status_name(const i18n::Translator& tr, Language language, const std::string& status) {
    if (status == "confirmed") return tr.text(language, "Confirmed");
    if (status == "waiting") return tr.text(language, "On the waiting list");
    if (status == "cancelled") return tr.text(language, "Cancelled");
    return status;
}

// `row` is the object the value is in: an audit entry's details are read with its action.
std::string cell(const std::string& key, const json::value& value, const json::object& row,
                 const Service& service, const i18n::Translator& tr, Language language) {
    if (value.is_null()) return "—";
    if (value.is_bool()) return tr.text(language, value.as_bool() ? "Yes" : "No");
    if (value.is_int64() && is_time(key)) return tr.date_time(language, value.as_int64());
    if (value.is_int64()) return tr.integer(language, value.as_int64());
    if (value.is_string()) {
        const std::string text(value.as_string());
        if (text.empty()) return "—";  // a field left blank (no phone) reads as one, not as a gap
        if (key == "language") {
            if (auto named = parse_language(text)) return i18n::language_name(tr, language, *named);
        }
        if (key == "role") return role_name(tr, language, text);
        if (key == "institution") {
            const std::string name = service.institution_name(text, language);
            return name.empty() ? "—" : name;
        }
        if (key == "status") return status_name(tr, language, text);
        if (key == "action") return platform::audit_action_name(tr, language, text);
        if (key == "about") return platform::audit_subject_name(tr, language, text);
        if (key == "details") {
            const auto* action = row.if_contains("action");
            return audit_details_text(
                service, tr, language,
                action && action->is_string() ? std::string(action->as_string()) : "", text);
        }
        return text;
    }
    if (value.is_object()) {  // a text in each language: the reader's
        const auto& texts = value.as_object();
        if (const auto* text = texts.if_contains(code(language)); text && text->is_string())
            return std::string(text->as_string());
        return "—";
    }
    if (value.is_array()) {  // a list inside a row ("ages"): "adults 2, 65+ 1"
        std::string out;
        for (const auto& element : value.as_array()) {
            if (!out.empty()) out += "; ";
            if (!element.is_object()) continue;
            std::string part;
            for (const auto& [k, v] : element.as_object()) {
                if (is_internal(std::string(k))) continue;
                if (!part.empty()) part += " ";
                part += cell(std::string(k), v, element.as_object(), service, tr, language);
            }
            out += part;
        }
        return out.empty() ? "—" : out;
    }
    return json::serialize(value);
}

mustache::data table(const std::vector<const json::object*>& rows, const Service& service,
                     const i18n::Translator& tr, Language language) {
    mustache::data headers{mustache::data::type::list}, body{mustache::data::type::list};
    if (rows.empty()) return mustache::data{mustache::data::type::object};
    for (const auto& [key, value] : *rows.front()) {
        if (is_internal(std::string(key))) continue;
        mustache::data h;
        h.set("name", label(std::string(key), tr, language));
        headers.push_back(h);
    }
    for (const json::object* row : rows) {
        mustache::data cells{mustache::data::type::list};
        for (const auto& [key, value] : *row) {
            if (is_internal(std::string(key))) continue;
            mustache::data c;
            c.set("label", label(std::string(key), tr, language));  // a phone shows it per cell
            c.set("text", cell(std::string(key), value, *row, service, tr, language));
            cells.push_back(c);
        }
        mustache::data r;
        r.set("cells", cells);
        body.push_back(r);
    }
    mustache::data t;
    t.set("headers", headers);
    t.set("rows", body);
    return t;
}

}  // namespace

mustache::data readable_data(const json::object& data, const Service& service,
                             const i18n::Translator& tr, Language language) {
    mustache::data sections{mustache::data::type::list};
    for (const auto& [key, value] : data) {
        std::vector<const json::object*> rows;
        if (value.is_object()) rows.push_back(&value.as_object());
        if (value.is_array()) {
            for (const auto& element : value.as_array()) {
                if (element.is_object()) rows.push_back(&element.as_object());
            }
        }
        mustache::data section;
        section.set("title", label(std::string(key), tr, language));
        section.set("has_rows", !rows.empty());
        if (!rows.empty()) section.set("table", table(rows, service, tr, language));
        sections.push_back(section);
    }
    return sections;
}

}  // namespace skirosim::accounts
