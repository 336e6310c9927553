// The accounts capability on the web: the session and CSRF middleware, permission guards, and
// the pages (sign-up, log-in, password, my account, privacy, staff, administrator).
#pragma once

#include "accounts/mailer.hpp"
#include "accounts/service.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "web/views.hpp"

namespace skirosim::accounts {

inline constexpr const char* kSessionCookie = "skirosim_session";
inline constexpr const char* kCsrfCookie = "skirosim_csrf";

// Reads the session cookie into request.principal and checks the CSRF token of every POST
// (the form's "csrf" field against the "skirosim_csrf" cookie, which this sets when missing).
http::Middleware session_middleware(Service& service, bool secure_cookies);

// What a form must carry for these cookies (exposed for the tests of the binding).
std::string csrf_token_for(const std::string& key, const std::string& csrf_cookie, const std::string& session_cookie);

// Guards for handlers: an error when the request may not go on.
Result<const Principal*> signed_in(const http::Request& request);
Result<const Principal*> with_role(const http::Request& request, bool (*allowed)(const Principal&));

// Messages (confirmation, reset, …) in the person's language, from the .po catalogues.
MessageWriter message_writer(const i18n::Translator& translator);

void add_routes(http::Router& router, Service& service, const Mailer& mailer, const web::Views& views,
                bool secure_cookies);

}  // namespace skirosim::accounts
