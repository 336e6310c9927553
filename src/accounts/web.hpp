// The accounts capability on the web: the session and CSRF middleware, permission guards, and
// the pages (sign-up, log-in, password, my account, privacy, staff, administrator).
#pragma once

#include "accounts/service.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "platform/sender.hpp"
#include "web/views.hpp"

namespace skirosim::accounts {

inline constexpr const char* kSessionCookie = "skirosim_session";
inline constexpr const char* kCsrfCookie = "skirosim_csrf";

// Reads the session cookie into request.principal and checks the CSRF token of every POST
// (the form's "csrf" field against the "skirosim_csrf" cookie, which this sets when missing).
http::Middleware session_middleware(Service& service, bool secure_cookies);

// What a form must carry for these cookies (exposed for the tests of the binding).
std::string csrf_token_for(const std::string& key, const std::string& csrf_cookie,
                           const std::string& session_cookie);

// Messages (confirmation, reset, …) in the person's language, from the .po catalogues.
MessageWriter message_writer(const i18n::Translator& translator);

// How long others keep what the privacy page speaks of (the outbox, registrations' contacts).
struct Retention {
    long long sent_messages_days = 90;
    long long registration_contacts_days = 90;
};

void add_routes(http::Router& router, Service& service, const platform::Sender& sender,
                const web::Views& views, bool secure_cookies, Retention retention);

// What the layout shows of the signed-in person: their name and the menu of their roles.
void add_layout_part(web::Views& views);

}  // namespace skirosim::accounts
