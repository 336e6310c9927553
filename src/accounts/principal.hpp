// Who is making a request, and with which roles: the vocabulary permission checks speak (the
// accounts capability's; the other capabilities ask it through these types).
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "core/language.hpp"
#include "http/message.hpp"

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
        return std::any_of(roles.begin(), roles.end(),
                           [&](const RoleGrant& g) { return g.role == role; });
    }
    bool coordinator() const { return has(roles::kCoordinator); }
    bool administrator() const { return has(roles::kAdministrator); }
    // Staff of this institution, or a coordinator (who acts for every institution).
    bool acts_for(const std::string& institution) const {
        return coordinator() || std::any_of(roles.begin(), roles.end(), [&](const RoleGrant& g) {
                   return g.role == roles::kStaff && g.institution == institution;
               });
    }
    bool staff() const { return has(roles::kStaff) || coordinator(); }
};

}  // namespace skirosim

namespace skirosim::accounts {

// The signed-in person of a request (the session middleware attaches them), or null.
inline const Principal* signed_in_person(const http::Request& request) {
    return request.attached<Principal>();
}

// Guards for handlers: an error when the request may not go on (not signed in: the log-in page).
inline Result<const Principal*> signed_in(const http::Request& request) {
    if (const Principal* who = signed_in_person(request)) return who;
    return std::unexpected(Error::make(ErrorCode::unauthorized, "Please log in to continue."));
}

inline Result<const Principal*> with_role(const http::Request& request,
                                          bool (*allowed)(const Principal&)) {
    auto who = signed_in(request);
    if (!who) return who;
    if (!allowed(**who))
        return std::unexpected(Error::make(ErrorCode::forbidden, "You may not do this."));
    return who;
}

// The usual role checks, for with_role.
inline bool is_staff(const Principal& p) { return p.staff(); }
inline bool is_coordinator(const Principal& p) { return p.coordinator(); }
inline bool is_administrator(const Principal& p) { return p.administrator(); }
inline bool is_coordinator_or_administrator(const Principal& p) {
    return p.coordinator() || p.administrator();
}

}  // namespace skirosim::accounts
