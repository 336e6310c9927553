// A minimal browser for integration tests: keeps cookies, reads the CSRF token of a page's
// form, and posts forms the way a person's browser would.
#pragma once

#include <map>
#include <string>

#include "support/test_server.hpp"

namespace skirosim::testing {

class Browser {
public:
    explicit Browser(const HttpClient& server) : server_(server) {}

    HttpResult get(const std::string& target);
    // Posts a form with the CSRF token taken from the last page (or `csrf` when given).
    HttpResult post(const std::string& target,
                    const std::vector<std::pair<std::string, std::string>>& fields,
                    std::optional<std::string> csrf = std::nullopt);
    // Follows one redirect when there is one.
    HttpResult follow(const HttpResult& response);

    std::string cookie(const std::string& name) const;
    void set_cookie(const std::string& name, const std::string& value) { cookies_[name] = value; }
    void forget_cookie(const std::string& name) { cookies_.erase(name); }
    // A header sent with every request (Origin, X-Forwarded-For…).
    void set_header(const std::string& name, const std::string& value) { extra_[name] = value; }
    const std::string& csrf() const { return csrf_; }

private:
    void remember(const HttpResult& response);
    Headers headers() const;
    const HttpClient& server_;
    std::map<std::string, std::string> cookies_, extra_;
    std::string csrf_;
};

// A browser logged in through the log-in form (in Latvian), as a person would; the test fails
// where the log-in is refused.
Browser logged_in(const HttpClient& server, const std::string& login, const std::string& password);

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace skirosim::testing
