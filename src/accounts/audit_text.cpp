#include "accounts/audit_text.hpp"

#include "accounts/role_names.hpp"

namespace skirosim::accounts {

std::string audit_details_text(const Service& service, const i18n::Translator& tr,
                               Language language, const std::string& action,
                               const std::string& details) {
    if (details.empty()) return "—";
    // role.grant / role.revoke keep "role@institution" (no "@…" for a role held everywhere).
    if (action.starts_with("role.")) {
        const auto at = details.find('@');
        std::string text = role_name(tr, language, details.substr(0, at));
        if (at != std::string::npos) {
            const std::string institution =
                service.institution_name(details.substr(at + 1), language);
            if (!institution.empty()) text += ", " + institution;
        }
        return text;
    }
    // activity.* keep the organising institution's id.
    if (action.starts_with("activity.")) {
        const std::string institution = service.institution_name(details, language);
        return institution.empty() ? details : institution;
    }
    return details;
}

}  // namespace skirosim::accounts
