#include "platform/audit_names.hpp"

#include <map>

namespace skirosim::platform {

namespace {

// Every action a module records (AuditLog::record callers); the messages are in locale/*.po.
const std::map<std::string_view, const char*>& action_msgids() {
    static const std::map<std::string_view, const char*> kActions{
        {"account.sign-up", i18n::msgid("Account made by signing up")},
        {"account.created-by-command", i18n::msgid("Account made by the administrator")},
        {"account.assisted-registration", i18n::msgid("Account made by staff for a resident")},
        {"account.takeover-code", i18n::msgid("Take-over code given")},
        {"account.take-over", i18n::msgid("Account taken over by its owner")},
        {"account.password-reset", i18n::msgid("Password changed with a reset link")},
        {"account.log-out-everywhere", i18n::msgid("Logged out on every device")},
        {"account.deleted", i18n::msgid("Account deleted")},
        {"role.grant", i18n::msgid("Role given")},
        {"role.revoke", i18n::msgid("Role taken away")},
        {"activity.created", i18n::msgid("Activity added")},
        {"activity.changed", i18n::msgid("Activity changed")},
        {"activity.attendance", i18n::msgid("Attendance recorded")},
        {"institution.created", i18n::msgid("Institution added")},
        {"institution.changed", i18n::msgid("Institution changed")},
        {"report.forwarded", i18n::msgid("Problem report forwarded to the operator")},
        {"report.resolved", i18n::msgid("Problem report marked as resolved")},
        {"catalogue.item-added", i18n::msgid("Guide item added")},
        {"catalogue.item-changed", i18n::msgid("Guide item changed")},
        {"catalogue.bin-changed", i18n::msgid("Container in the guide changed")},
        {"catalogue.synonym-added", i18n::msgid("Search word added to a guide item")}};
    return kActions;
}

const std::map<std::string_view, const char*>& subject_msgids() {
    static const std::map<std::string_view, const char*> kSubjects{
        {"you", i18n::msgid("You")},
        {"account", i18n::msgid("Account")},
        {"activity", i18n::msgid("Activity")},
        {"institution", i18n::msgid("Institution")},
        {"report", i18n::msgid("Problem report")},
        {"item", i18n::msgid("Guide item")},
        {"bin", i18n::msgid("Container")}};
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
