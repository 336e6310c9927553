// Who is making a request, and with which roles: the vocabulary permission checks speak.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "core/language.hpp"

namespace skirosim {

// Roles are data (granted in the administrator's pages); these are the codes the code knows.
namespace roles {
inline constexpr const char* kResident = "resident";
inline constexpr const char* kStaff = "staff";              // of one institution
inline constexpr const char* kCoordinator = "coordinator";  // every institution, catalogue, reports
inline constexpr const char* kAdministrator = "administrator";  // accounts and roles
}  // namespace roles

struct RoleGrant {
    std::string role;
    std::string institution;  // for staff; empty for the others
};

struct Principal {
    long long account_id = 0;
    std::string display_name;
    Language language = kDefaultLanguage;
    std::vector<RoleGrant> roles;

    bool has(const std::string& role) const {
        return std::any_of(roles.begin(), roles.end(), [&](const RoleGrant& g) { return g.role == role; });
    }
    bool coordinator() const { return has(roles::kCoordinator); }
    bool administrator() const { return has(roles::kAdministrator); }
    // Staff of this institution, or a coordinator (who acts for every institution).
    bool acts_for(const std::string& institution) const {
        return coordinator() ||
               std::any_of(roles.begin(), roles.end(), [&](const RoleGrant& g) {
                   return g.role == roles::kStaff && g.institution == institution;
               });
    }
    bool staff() const { return has(roles::kStaff) || coordinator(); }
    std::vector<std::string> institutions() const {
        std::vector<std::string> out;
        for (const auto& g : roles) {
            if (g.role == roles::kStaff) out.push_back(g.institution);
        }
        return out;
    }
};

}  // namespace skirosim
