// Cookie jar and form posting for tests.
#include "support/browser.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cctype>
#include <regex>

#include "http/message.hpp"

namespace skirosim::testing {

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
    return http::encode_form(fields);
}

Headers Browser::headers() const {
    std::string cookie_header;
    for (const auto& [name, value] : cookies_) {
        if (!cookie_header.empty()) cookie_header += "; ";
        cookie_header += name + "=" + value;
    }
    Headers h;
    if (!cookie_header.empty()) h.emplace_back("Cookie", cookie_header);
    for (const auto& [name, value] : extra_) h.emplace_back(name, value);
    return h;
}

void Browser::remember(const HttpResult& response) {
    // The test client folds repeated headers; Set-Cookie values arrive joined with ", ".
    const std::string all = response.header("set-cookie");
    std::regex cookie_re(R"((?:^|, )([A-Za-z_]+)=([^;]*);[^,]*?Max-Age=(\d+))");
    for (auto it = std::sregex_iterator(all.begin(), all.end(), cookie_re);
         it != std::sregex_iterator(); ++it) {
        if ((*it)[3] == "0")
            cookies_.erase((*it)[1]);
        else
            cookies_[(*it)[1]] = (*it)[2];
    }
    std::smatch m;
    if (std::regex_search(response.body, m, std::regex(R"re(name="csrf" value="([^"]+)")re")))
        csrf_ = m[1];
}

HttpResult Browser::get(const std::string& target) {
    auto response = server_.get(target, headers());
    remember(response);
    return response;
}

HttpResult Browser::post(const std::string& target,
                         const std::vector<std::pair<std::string, std::string>>& fields,
                         std::optional<std::string> csrf) {
    auto all = fields;
    all.emplace_back("csrf", csrf.value_or(csrf_));
    auto response = server_.post_form(target, form_encode(all), headers());
    remember(response);
    return response;
}

HttpResult Browser::follow(const HttpResult& response) {
    if (response.status / 100 != 3) return response;
    return get(response.header("location"));
}

std::string Browser::cookie(const std::string& name) const {
    auto it = cookies_.find(name);
    return it == cookies_.end() ? "" : it->second;
}

Browser logged_in(const HttpClient& server, const std::string& login, const std::string& password) {
    Browser browser(server);
    browser.get("/lv/login");
    auto in = browser.post("/lv/login", {{"login", login}, {"password", password}});
    EXPECT_EQ(in.status, 303) << login << ": " << in.body.substr(0, 300);
    return browser;
}

}  // namespace skirosim::testing
