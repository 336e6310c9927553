// What the in-process route tests share: the application on SQLite without a socket, accounts of
// each role, and a signed-in browser. The same routes run over real HTTP on both databases in
// tests/integration/.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <soci/soci.h>

#include "accounts/module.hpp"
#include "support/browser.hpp"
#include "support/in_process.hpp"

namespace skirosim::testing {

class RouteTest : public ::testing::Test {
protected:
    RouteTest() : app_("sqlite") {}
    void SetUp() override {
        auto& accounts = app_.app().module<accounts::Module>().service();
        ASSERT_TRUE(accounts.create_confirmed("coord@example.org", "Koordinatore", "coord password",
                                              "lv", {{"coordinator", ""}}));
        ASSERT_TRUE(accounts.create_confirmed("staff@example.org", "Bibliotekāre", "staff password",
                                              "lv", {{"staff", "cerinu-biblioteka"}}));
        ASSERT_TRUE(accounts.create_confirmed("resident@example.org", "Anna", "resident password",
                                              "lv", {}));
    }
    // A browser signed in as that account.
    Browser as(const std::string& login, const std::string& password) {
        Browser b(app_);
        b.get("/en/login");
        EXPECT_EQ(b.post("/en/login", {{"login", login}, {"password", password}}).status, 303)
            << login;
        return b;
    }
    // One value from the database.
    long long number(const std::string& query) {
        auto v =
            app_.app().database().read<long long>([&](soci::session& sql) -> Result<long long> {
                long long n = 0;
                sql << query, soci::into(n);
                return n;
            });
        return v.value_or(0);
    }
    InProcess app_;
};

}  // namespace skirosim::testing
