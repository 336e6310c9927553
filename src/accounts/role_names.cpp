#include "accounts/role_names.hpp"

#include "accounts/principal.hpp"

namespace skirosim::accounts {

std::string role_name(const i18n::Translator& tr, Language language, std::string_view role) {
    return tr.text(language, role == roles::kStaff           ? "staff of a partner institution"
                             : role == roles::kCoordinator   ? "coordinator"
                             : role == roles::kAdministrator ? "administrator"
                                                             : "resident");
}

}  // namespace skirosim::accounts
