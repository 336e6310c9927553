#include "platform/audit_names.hpp"

#include <map>

namespace skirosim::platform {

namespace {

// Every action a module records (AuditLog::record callers); the messages are in locale/*.po.
const std::map<std::string_view, const char*>& action_msgids() {
    static const std::map<std::string_view, const char*> kActions{
        {"account.sign-up", "Account made by signing up"},
        {"account.created-by-command", "Account made by the administrator"},
        {"account.assisted-registration", "Account made by staff for a resident"},
        {"account.takeover-code", "Take-over code given"},
        {"account.take-over", "Account taken over by its owner"},
        {"account.password-reset", "Password changed with a reset link"},
        {"account.log-out-everywhere", "Logged out on every device"},
        {"account.deleted", "Account deleted"},
        {"role.grant", "Role given"},
        {"role.revoke", "Role taken away"},
        {"activity.created", "Activity added"},
        {"activity.changed", "Activity changed"},
        {"activity.attendance", "Attendance recorded"},
        {"institution.created", "Institution added"},
        {"institution.changed", "Institution changed"},
        {"report.forwarded", "Problem report forwarded to the operator"},
        {"report.resolved", "Problem report marked as resolved"},
        {"catalogue.item-added", "Guide item added"},
        {"catalogue.item-changed", "Guide item changed"},
        {"catalogue.bin-changed", "Container in the guide changed"},
        {"catalogue.synonym-added", "Search word added to a guide item"}};
    return kActions;
}

const std::map<std::string_view, const char*>& subject_msgids() {
    static const std::map<std::string_view, const char*> kSubjects{{"you", "You"},
                                                                   {"account", "Account"},
                                                                   {"activity", "Activity"},
                                                                   {"institution", "Institution"},
                                                                   {"report", "Problem report"},
                                                                   {"item", "Guide item"},
                                                                   {"bin", "Container"}};
    return kSubjects;
}

}  // namespace

std::string audit_action_name(const i18n::Translator& tr, Language language,
                              std::string_view action) {
    auto it = action_msgids().find(action);
    return tr.text(language, it == action_msgids().end() ? "Other change" : it->second);
}

std::string audit_subject_name(const i18n::Translator& tr, Language language,
                               std::string_view subject_kind) {
    if (subject_kind.empty()) return "—";
    auto it = subject_msgids().find(subject_kind);
    return tr.text(language, it == subject_msgids().end() ? "Other" : it->second);
}

}  // namespace skirosim::platform
