// Session middleware, guards, messages and the account pages.
#include "accounts/web.hpp"

#include <spdlog/spdlog.h>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include "accounts/audit_text.hpp"
#include "accounts/crypto.hpp"
#include "accounts/data_page.hpp"
#include "accounts/role_names.hpp"
#include "platform/audit_names.hpp"
#include "web/page_helpers.hpp"

namespace skirosim::accounts {

namespace mustache = web::mustache;
using http::Request;
using http::Response;

namespace {

constexpr long long kCsrfCookieAge = 365LL * 24 * 3600;

// Only a path of this site may follow a log-in ("/lv/…"), never another host: it must parse as
// an origin-form target on its own (no tab, space, backslash or control character that a
// browser would drop or read as a slash, as in "/\t/evil.example") and not begin with "//".
std::string safe_next(const Request& request, const std::optional<std::string>& next) {
    const std::string fallback = "/" + web::lang(request) + "/account";
    if (!next || next->size() < 2 || next->size() > 2000 || (*next)[0] != '/' || (*next)[1] == '/')
        return fallback;
    auto parsed = boost::urls::parse_origin_form(*next);
    if (!parsed || parsed->encoded_path().starts_with("//")) return fallback;
    return std::string(parsed->buffer());
}

Response with_session(Response response, const Session& session, const Service& service,
                      bool secure) {
    response.cookie(kSessionCookie, session.token, service.settings().session_lifetime.count(),
                    secure);
    return response;
}

// The fields of the form staff fill in for a resident who is not online.
const web::FormShape kResidentForm{{"display_name", "language", "consent", "consent_given"}};

web::Page form_page(const web::Views& views, const Request& request, const std::string& name,
                    const std::string& title) {
    web::Page page{.template_name = "accounts/" + name,
                   .title = views.translator().text(request.language, title),
                   .section = "account"};
    return page;
}

std::string field(const Request& request, const char* name) {
    return request.form_param(name).value_or("");
}

// What an administrator may grant, each a choice in words: staff of each institution by its
// name, then the coordinator and the administrator. The value is read back by grant_choice.
mustache::data grantable_roles(const Service& service, const i18n::Translator& tr,
                               Language language) {
    mustache::data choices{mustache::data::type::list};
    auto add = [&](std::string value, std::string name) {
        mustache::data choice;
        choice.set("value", std::move(value));
        choice.set("name", std::move(name));
        choices.push_back(choice);
    };
    for (const auto& [id, name] : service.institutions(language))
        add(std::string(roles::kStaff) + "@" + id,
            role_name(tr, language, roles::kStaff) + ", " + name);
    add(roles::kCoordinator, role_name(tr, language, roles::kCoordinator));
    add(roles::kAdministrator, role_name(tr, language, roles::kAdministrator));
    return choices;
}

RoleGrant grant_choice(const std::string& value) {
    const auto at = value.find('@');
    if (at == std::string::npos) return {value, ""};
    return {value.substr(0, at), value.substr(at + 1)};
}

}  // namespace

std::string csrf_token_for(const std::string& key, const std::string& csrf_cookie,
                           const std::string& session_cookie) {
    return keyed_tag(key, "csrf\n" + csrf_cookie + "\n" + session_cookie);
}

namespace {

// "https://site.example:8443/path" → "site.example:8443"; "" when it is not such a URL.
std::string authority_of(std::string_view url) {
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return "";
    url.remove_prefix(scheme + 3);
    return std::string(url.substr(0, url.find('/')));
}

// A form sent from another site: the browser says so (Sec-Fetch-Site) or its Origin is not ours
// (the Host it asked for, or the public address of the settings). Requests without these
// headers (older browsers, scripts) rest on the token alone.
bool from_another_site(const Request& request, const std::string& public_url) {
    const std::string_view fetch_site = request.header("Sec-Fetch-Site");
    if (!fetch_site.empty() && fetch_site != "same-origin" && fetch_site != "none") return true;
    const std::string_view origin = request.header("Origin");
    if (origin.empty()) return false;
    const std::string authority = authority_of(origin);
    if (authority.empty()) return true;  // "null" and anything else that names no site
    const std::string_view host = request.header("Host");
    if (authority == host || authority == authority_of(public_url)) return false;
    // A proxy may pass on the Host without the port the browser used.
    return host.find(':') != std::string_view::npos ||
           authority.substr(0, authority.rfind(':')) != host;
}

Error expired_form() {
    return Error::make(ErrorCode::forbidden,
                       "This form has expired. Go back, reload the page and try again.");
}

}  // namespace

http::Middleware session_middleware(Service& service, bool secure_cookies) {
    return [&service, secure_cookies](Request& request,
                                      const http::Handler& next) -> Result<Response> {
        std::string csrf = request.cookie(kCsrfCookie).value_or("");
        const bool fresh = csrf.size() < 32 || csrf.size() > 64;
        if (fresh) csrf = random_token();
        // The form's token is bound to this visitor's cookies and the installation's key: a
        // token of another visitor, of another session or made up does not pass.
        const std::string session_cookie = request.cookie(kSessionCookie).value_or("");
        const std::string expected = csrf_token_for(service.csrf_key(), csrf, session_cookie);
        request.attach(web::FormToken{expected});
        if (request.method == boost::beast::http::verb::post) {
            if (from_another_site(request, service.public_url())) {
                spdlog::warn("request {}: POST {} refused: sent from another site",
                             request.request_id, request.path);
                return std::unexpected(expired_form());
            }
            const auto sent = request.form_param("csrf");
            if (fresh || !sent || !same(*sent, expected)) {
                spdlog::warn("request {}: POST {} refused without a valid CSRF token",
                             request.request_id, request.path);
                return std::unexpected(expired_form());
            }
        }
        if (!session_cookie.empty()) {
            if (auto person = service.principal(session_cookie)) {
                request.attach(std::move(*person));
                request.attach(web::SignedIn{});
            }
        }
        auto result = next(request);
        if (result && fresh) result->cookie(kCsrfCookie, csrf, kCsrfCookieAge, secure_cookies);
        return result;
    };
}

void add_layout_part(web::Views& views) {
    views.add_layout_part([](const Request& request, mustache::data& layout) {
        const Principal* who = signed_in_person(request);
        if (!who) return;
        layout.set("signed_in", true);
        layout.set("user_name", who->display_name);
        layout.set("is_staff", who->staff());
        layout.set("is_coordinator", who->coordinator());
        layout.set("is_admin", who->administrator());
    });
}

MessageWriter message_writer(const i18n::Translator& translator) {
    return MessageWriter{[&translator](const std::string& lang, const std::string& purpose,
                                       const std::string& link) {
        const Language language = parse_language(lang).value_or(kDefaultLanguage);
        auto t = [&](const char* text) { return translator.text(language, text); };
        if (purpose == "confirm") {
            return std::pair{
                t("Confirm your Šķirosim account"),
                fill_placeholders(t("Hello! Open this link to confirm your account: {1} If you did "
                                    "not sign up, ignore this message."),
                                  {link})};
        }
        if (purpose == "reset") {
            return std::pair{
                t("Choose a new Šķirosim password"),
                fill_placeholders(t("Open this link within an hour to choose a new password: {1} "
                                    "If you did not ask for it, ignore this message."),
                                  {link})};
        }
        return std::pair{
            t("Someone tried to sign up with your address"),
            fill_placeholders(t("Someone, perhaps you, tried to sign up to Šķirosim with this "
                                "address, which already has an account. If you have forgotten your "
                                "password, choose a new one here: {1}"),
                              {link})};
    }};
}

// The account page: who the person is, their language, their data, deleting the account.
Result<web::Page> account_page(Service& service, const web::Views& views, const Request& request,
                               const Principal& who) {
    auto account = service.account(who.account_id);
    if (!account) return std::unexpected(account.error());
    auto page = form_page(views, request, "account", "My account");
    page.data.set("name", account->display_name);
    web::set_text(page.data, "login", account->login());
    page.data.set("welcome", request.query_param("welcome").has_value());
    page.data.set("language_saved", request.query_param("language_saved").has_value());
    page.data.set("has_password", !account->password_hash.empty());
    for (Language l : kLanguages)
        page.data.set("language_" + std::string(code(l)), account->language == code(l));
    mustache::data roles{mustache::data::type::list};
    for (const auto& g : who.roles) {
        mustache::data d;
        d.set("role", role_name(views.translator(), request.language, g.role));
        web::set_text(d, "institution", service.institution_name(g.institution, request.language));
        roles.push_back(d);
    }
    page.data.set("roles", roles);
    return page;
}

void add_routes(http::Router& router, Service& service, const platform::Sender& mailer,
                const web::Views& views, bool secure, Retention retention) {
    // ---- sign-up and confirmation ----
    router.get("/{lang}/signup", web::localized([&views](Request& request) -> Result<Response> {
                   auto page = form_page(views, request, "signup", "Create an account");
                   // A Russian speaker on /ru/ gets Russian messages unless they choose otherwise.
                   page.data.set("chosen_language_" + web::lang(request), true);
                   return views.render(request, std::move(page));
               }));
    router.post(
        "/{lang}/signup", web::localized([&service, &views](Request& request) -> Result<Response> {
            SignUp form{field(request, "login"), field(request, "password"),
                        field(request, "display_name"), field(request, "language"),
                        field(request, "age") == "yes"};
            auto done = service.sign_up(form, web::lang(request), request.remote_address);
            if (!done)
                return web::form_error(
                    views, request, form_page(views, request, "signup", "Create an account"),
                    done.error(), {{"display_name", "login", "password", "language"}});
            return Response::redirect("/" + web::lang(request) + "/signup/sent", 303);
        }));
    router.get(
        "/{lang}/signup/sent", web::localized([&views](Request& request) -> Result<Response> {
            return views.render(request, form_page(views, request, "sent", "Check your messages"));
        }));
    router.get("/{lang}/confirm",
               web::localized([&service, secure](Request& request) -> Result<Response> {
                   auto session = service.confirm(request.query_param("token").value_or(""));
                   if (!session) return std::unexpected(session.error());
                   return with_session(
                       Response::redirect("/" + web::lang(request) + "/account?welcome=1", 303),
                       *session, service, secure);
               }));

    // ---- log-in and log-out ----
    router.get("/{lang}/login", web::localized([&views](Request& request) -> Result<Response> {
                   auto page = form_page(views, request, "login", "Log in");
                   page.data.set("next", request.query_param("next").value_or(""));
                   return views.render(request, std::move(page));
               }));
    router.post("/{lang}/login",
                web::localized([&service, &views, secure](Request& request) -> Result<Response> {
                    auto session =
                        service.log_in(field(request, "login"), field(request, "password"),
                                       request.remote_address);
                    if (!session) {
                        auto page = form_page(views, request, "login", "Log in");
                        page.data.set("next", field(request, "next"));
                        return web::form_error(views, request, std::move(page), session.error(),
                                               {{"login", "password"}});
                    }
                    // A new session token at every log-in: a token planted before it is worth
                    // nothing.
                    if (auto planted = request.cookie(kSessionCookie)) service.log_out(*planted);
                    // Without a page to go back to, staff and the coordinator land on their own
                    // pages, residents on their account.
                    std::optional<std::string> next = request.form_param("next");
                    if (!next || next->empty()) {
                        const auto who = service.principal(session->token);
                        const std::string l = "/" + web::lang(request);
                        if (who && who->coordinator())
                            next = l + "/coordinator";
                        else if (who && who->staff())
                            next = l + "/staff/activities";
                    }
                    return with_session(Response::redirect(safe_next(request, next), 303), *session,
                                        service, secure);
                }));
    router.post("/{lang}/logout",
                web::localized([&service, secure](Request& request) -> Result<Response> {
                    if (auto token = request.cookie(kSessionCookie)) service.log_out(*token);
                    Response response = Response::redirect("/" + web::lang(request) + "/", 303);
                    response.cookie(kSessionCookie, "", 0, secure);
                    return response;
                }));
    router.post("/{lang}/logout-everywhere",
                web::localized([&service, secure](Request& request) -> Result<Response> {
                    auto who = signed_in(request);
                    if (!who) return std::unexpected(who.error());
                    if (auto done = service.log_out_everywhere((*who)->account_id); !done)
                        return std::unexpected(done.error());
                    Response response =
                        Response::redirect("/" + web::lang(request) + "/login", 303);
                    response.cookie(kSessionCookie, "", 0, secure);
                    return response;
                }));

    // ---- forgotten password ----
    router.get(
        "/{lang}/password/forgot", web::localized([&views](Request& request) -> Result<Response> {
            return views.render(request, form_page(views, request, "forgot", "Forgotten password"));
        }));
    router.post(
        "/{lang}/password/forgot",
        web::localized([&service, &views](Request& request) -> Result<Response> {
            auto done = service.forgot_password(field(request, "login"), web::lang(request));
            if (!done)
                return web::form_error(views, request,
                                       form_page(views, request, "forgot", "Forgotten password"),
                                       done.error(), {{"login"}});
            return Response::redirect("/" + web::lang(request) + "/signup/sent", 303);
        }));
    router.get("/{lang}/password/reset",
               web::localized([&views](Request& request) -> Result<Response> {
                   auto page = form_page(views, request, "reset", "Choose a new password");
                   page.data.set("token", request.query_param("token").value_or(""));
                   return views.render(request, std::move(page));
               }));
    router.post("/{lang}/password/reset",
                web::localized([&service, &views, secure](Request& request) -> Result<Response> {
                    auto session =
                        service.reset_password(field(request, "token"), field(request, "password"));
                    if (!session) {
                        auto page = form_page(views, request, "reset", "Choose a new password");
                        page.data.set("token", field(request, "token"));
                        return web::form_error(views, request, std::move(page), session.error(),
                                               {{"password"}});
                    }
                    return with_session(
                        Response::redirect("/" + web::lang(request) + "/account", 303), *session,
                        service, secure);
                }));

    // ---- my account ----
    router.get("/{lang}/account",
               web::localized([&service, &views](Request& request) -> Result<Response> {
                   auto who = signed_in(request);
                   if (!who) return std::unexpected(who.error());
                   auto page = account_page(service, views, request, **who);
                   if (!page) return std::unexpected(page.error());
                   return views.render(request, std::move(*page));
               }));
    router.post("/{lang}/account/language",
                web::localized([&service](Request& request) -> Result<Response> {
                    auto who = signed_in(request);
                    if (!who) return std::unexpected(who.error());
                    const std::string language = field(request, "language");
                    if (auto done = service.set_language((*who)->account_id, language); !done)
                        return std::unexpected(done.error());
                    return Response::redirect("/" + language + "/account?language_saved=1", 303);
                }));
    // The same data as a page to read (the JSON file is for machines).
    router.get("/{lang}/account/data",
               web::localized([&service, &views](Request& request) -> Result<Response> {
                   auto who = signed_in(request);
                   if (!who) return std::unexpected(who.error());
                   auto data = service.download((*who)->account_id);
                   if (!data) return std::unexpected(data.error());
                   auto page = form_page(views, request, "data", "My data");
                   page.data.set("sections", readable_data(*data, service, views.translator(),
                                                           request.language));
                   return views.render(request, std::move(page));
               }));
    router.get("/{lang}/account/data.json",
               web::localized([&service](Request& request) -> Result<Response> {
                   auto who = signed_in(request);
                   if (!who) return std::unexpected(who.error());
                   auto data = service.download((*who)->account_id);
                   if (!data) return std::unexpected(data.error());
                   Response response = Response::json(*data);
                   response.header(
                       "Content-Disposition",
                       http::content_disposition("attachment", "skirosim-my-data.json"));
                   return response;
               }));
    router.post("/{lang}/account/delete",
                web::localized([&service, &views, secure](Request& request) -> Result<Response> {
                    auto who = signed_in(request);
                    if (!who) return std::unexpected(who.error());
                    auto done =
                        service.delete_account((*who)->account_id, field(request, "password"));
                    if (!done) {
                        // The account page again, the problem by the password field.
                        if (!web::is_form_problem(done.error()))
                            return std::unexpected(done.error());
                        auto page = account_page(service, views, request, **who);
                        if (!page) return std::unexpected(page.error());
                        return web::form_error(views, request, std::move(*page), done.error(),
                                               {{"password"}, "delete-"});
                    }
                    Response response =
                        Response::redirect("/" + web::lang(request) + "/account/deleted", 303);
                    response.cookie(kSessionCookie, "", 0, secure);
                    return response;
                }));
    router.get("/{lang}/account/deleted",
               web::localized([&views](Request& request) -> Result<Response> {
                   return views.render(
                       request, form_page(views, request, "deleted", "Your account is deleted"));
               }));
    router.get("/{lang}/privacy",
               web::localized([&views, &service, retention](Request& request) -> Result<Response> {
                   auto page = form_page(views, request, "privacy", "Privacy");
                   page.section = "privacy";
                   page.data.set("attempts_days",
                                 std::to_string(service.settings().keep_login_attempts_days));
                   page.data.set("messages_days", std::to_string(retention.sent_messages_days));
                   page.data.set("registration_days",
                                 std::to_string(retention.registration_contacts_days));
                   page.data.set("unconfirmed_days",
                                 std::to_string(service.settings().keep_unconfirmed_days));
                   return views.render(request, std::move(page));
               }));

    // ---- assisted accounts: staff register a resident who is not online ----
    router.get("/{lang}/staff/residents",
               web::localized([&service, &views](Request& request) -> Result<Response> {
                   auto who = with_role(request, is_staff);
                   if (!who) return std::unexpected(who.error());
                   auto residents = service.residents_of(**who);
                   if (!residents) return std::unexpected(residents.error());
                   auto page = form_page(views, request, "residents", "Residents I registered");
                   mustache::data list{mustache::data::type::list};
                   for (const auto& r : *residents) {
                       mustache::data d;
                       d.set("id", std::to_string(r.id));
                       d.set("name", r.display_name);
                       d.set("taken_over", !r.password_hash.empty());
                       list.push_back(d);
                   }
                   page.data.set("residents", list);
                   // A Russian speaker on /ru/ gets Russian messages unless they choose otherwise.
                   page.data.set("chosen_language_" + web::lang(request), true);
                   return views.render(request, std::move(page));
               }));
    router.post("/{lang}/staff/residents",
                web::localized([&service, &views](Request& request) -> Result<Response> {
                    auto who = with_role(request, is_staff);
                    if (!who) return std::unexpected(who.error());
                    if (field(request, "consent_given") != "yes") {
                        return web::form_error(
                            views, request,
                            form_page(views, request, "residents", "Residents I registered"),
                            Error::make(ErrorCode::invalid_input,
                                        "The resident's consent is needed.", {}, "consent_given"),
                            kResidentForm);
                    }
                    auto created = service.register_assisted(**who, field(request, "display_name"),
                                                             field(request, "language"),
                                                             field(request, "consent"));
                    if (!created)
                        return web::form_error(
                            views, request,
                            form_page(views, request, "residents", "Residents I registered"),
                            created.error(), kResidentForm);
                    auto page = form_page(views, request, "code", "The take-over code");
                    page.data.set("name", created->first.display_name);
                    page.data.set("code", created->second);
                    return views.render(request, std::move(page));
                }));
    router.post("/{lang}/staff/residents/{id}/code",
                web::localized([&service, &views](Request& request) -> Result<Response> {
                    auto who = with_role(request, is_staff);
                    if (!who) return std::unexpected(who.error());
                    auto parsed_id = web::id_param(request);
                    if (!parsed_id) return std::unexpected(parsed_id.error());
                    const long long id = *parsed_id;
                    auto code = service.new_takeover_code(**who, id);
                    if (!code) return std::unexpected(code.error());
                    auto account = service.account(id);
                    auto page = form_page(views, request, "code", "The take-over code");
                    page.data.set("name", account ? account->display_name : std::string());
                    page.data.set("code", *code);
                    return views.render(request, std::move(page));
                }));
    router.get("/{lang}/takeover", web::localized([&views](Request& request) -> Result<Response> {
                   return views.render(
                       request, form_page(views, request, "takeover", "Take over your account"));
               }));
    router.post(
        "/{lang}/takeover",
        web::localized([&service, &views, secure](Request& request) -> Result<Response> {
            auto session = service.take_over(field(request, "code"), field(request, "login"),
                                             field(request, "password"), request.remote_address);
            if (!session)
                return web::form_error(
                    views, request, form_page(views, request, "takeover", "Take over your account"),
                    session.error(), {{"code", "login", "password"}});
            return with_session(
                Response::redirect("/" + web::lang(request) + "/account?welcome=1", 303), *session,
                service, secure);
        }));

    // ---- administrator: accounts, roles, audit; coordinator: outbox ----
    router.get("/{lang}/admin/accounts",
               web::localized([&service, &views](Request& request) -> Result<Response> {
                   auto who = with_role(request, is_administrator);
                   if (!who) return std::unexpected(who.error());
                   auto rows = service.accounts(**who);
                   if (!rows) return std::unexpected(rows.error());
                   auto page = form_page(views, request, "admin-accounts", "Accounts and roles");
                   const i18n::Translator& tr = views.translator();
                   page.data.set("grantable", grantable_roles(service, tr, request.language));
                   mustache::data list{mustache::data::type::list};
                   for (const auto& [account, grants] : *rows) {
                       mustache::data d;
                       d.set("id", std::to_string(account.id));
                       d.set("name", account.display_name);
                       d.set("login", account.login());
                       mustache::data roles{mustache::data::type::list};
                       for (const auto& g : grants) {
                           mustache::data r;
                           r.set("role", g.role);                // for the revoke form
                           r.set("institution", g.institution);  // for the revoke form
                           r.set("role_name", role_name(tr, request.language, g.role));
                           web::set_text(r, "institution_name",
                                         service.institution_name(g.institution, request.language));
                           r.set("id", std::to_string(account.id));
                           roles.push_back(r);
                       }
                       d.set("roles", roles);
                       list.push_back(d);
                   }
                   page.data.set("accounts", list);
                   return views.render(request, std::move(page));
               }));
    for (const char* action : {"grant", "revoke"}) {
        const bool granting = std::string(action) == "grant";
        router.post(
            std::string("/{lang}/admin/accounts/{id}/") + action,
            web::localized([&service, granting](Request& request) -> Result<Response> {
                auto who = with_role(request, is_administrator);
                if (!who) return std::unexpected(who.error());
                auto parsed_id = web::id_param(request);
                if (!parsed_id) return std::unexpected(parsed_id.error());
                const long long id = *parsed_id;
                // Granting picks one choice of the list ("staff@cerinu-biblioteka"), so a role
                // and an institution that do not go together cannot be chosen.
                RoleGrant role =
                    granting ? grant_choice(field(request, "grant"))
                             : RoleGrant{field(request, "role"), field(request, "institution")};
                auto done =
                    granting ? service.grant(**who, id, role) : service.revoke(**who, id, role);
                if (!done) return std::unexpected(done.error());
                return Response::redirect("/" + web::lang(request) + "/admin/accounts", 303);
            }));
    }
    router.get(
        "/{lang}/admin/audit",
        web::localized([&service, &views](Request& request) -> Result<Response> {
            auto who = with_role(request, is_coordinator_or_administrator);
            if (!who) return std::unexpected(who.error());
            auto entries = service.audit_log(**who);
            if (!entries) return std::unexpected(entries.error());
            auto page = form_page(views, request, "audit", "Audit log");
            mustache::data list{mustache::data::type::list};
            // One look-up per subject: a page lists many changes of the same activity or item.
            std::map<std::pair<std::string, std::string>, std::optional<platform::SubjectName>>
                named;
            for (const auto& [e, actor_name, subject_name] : *entries) {
                const Language language = request.language;
                const i18n::Translator& tr = views.translator();
                mustache::data d;
                d.set("at", tr.date_time(language, e.at));
                d.set("actor", actor_name.empty() ? std::string("—") : actor_name);
                d.set("action", platform::audit_action_name(tr, language, e.action));
                // "Konts: Ilze", "Pasākums: Eko nodarbība": the kind in words, then the name of
                // the account (read with the log) or of what its capability names, with its
                // page; the number only for what is no longer there.
                const std::string kind = platform::audit_subject_name(tr, language, e.subject_kind);
                const platform::SubjectName* other = nullptr;
                if (subject_name.empty() && !e.subject_kind.empty()) {
                    auto [it, fresh] = named.try_emplace(std::pair{e.subject_kind, e.subject});
                    if (fresh)
                        it->second = service.subject_name(e.subject_kind, e.subject, language);
                    if (it->second) other = &*it->second;
                }
                d.set("subject", e.subject_kind.empty()  ? kind
                                 : !subject_name.empty() ? kind + ": " + subject_name
                                 : other                 ? kind + ": " + other->name
                                                         : kind + " " + e.subject);
                if (other && !other->href.empty()) d.set("subject_href", other->href);
                d.set("details", audit_details_text(service, tr, language, e.action, e.details));
                list.push_back(d);
            }
            page.data.set("entries", list);
            return views.render(request, std::move(page));
        }));
    router.get(
        "/{lang}/coordinator/outbox",
        web::localized([&service, &views, &mailer](Request& request) -> Result<Response> {
            auto who = with_role(request, is_coordinator_or_administrator);
            if (!who) return std::unexpected(who.error());
            auto messages = service.outbox(**who);
            if (!messages) return std::unexpected(messages.error());
            auto page = form_page(views, request, "outbox", "Outbox");
            mustache::data list{mustache::data::type::list};
            for (const auto& m : *messages) {
                mustache::data d;
                d.set("at", views.translator().date_time(request.language, m.created_at));
                const auto& tr = views.translator();
                d.set("recipient", m.recipient);
                d.set("medium", m.medium == "sms" ? tr.text(request.language, "Text message")
                                                  : tr.text(request.language, "E-mail"));
                d.set("subject", m.subject);
                d.set("body", m.body);
                d.set("sent", m.sent_at.has_value());
                if (!m.sent_at) {
                    // What happens to it: nobody sends this kind (pass it on by hand), it waits for
                    // its next try, or the tries are over.
                    if (!mailer.delivers(m.medium))
                        d.set("by_hand", true);
                    else if (m.attempts >= platform::kMaxSendAttempts)
                        d.set("gave_up", tr.plural(request.language, "Not sent after {1} try",
                                                   "Not sent after {1} tries", m.attempts));
                    else if (m.attempts > 0) {
                        d.set(
                            "retry",
                            fill_placeholders(
                                tr.text(request.language, "Not sent yet ({1}); next try {2}"),
                                {m.last_error, tr.date_time(request.language, m.next_attempt_at)}));
                    }
                }
                list.push_back(d);
            }
            page.data.set("messages", list);
            return views.render(request, std::move(page));
        }));
}

}  // namespace skirosim::accounts
