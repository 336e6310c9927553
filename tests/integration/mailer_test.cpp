// The outbox is sent for real: e-mail to an SMTP server (Python's aiosmtpd) that requires
// STARTTLS and a login, or TLS from the first byte, and text messages to an HTTP gateway on
// loopback; failures wait for their next try with a growing pause.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/json.hpp>

#include <map>
#include <regex>
#include <thread>

#include "accounts/repository.hpp"
#include "platform/audit_log.hpp"
#include "platform/outbox.hpp"
#include "platform/sender.hpp"
#include "support/browser.hpp"
#include "support/local_services.hpp"
#include "support/test_env.hpp"
#include "support/test_server.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace net = boost::asio;

std::vector<platform::OutboxMessage> outbox(TestServer& server) {
    return server.outbox_newest(100).value();
}

app::Options with_smtp(const SmtpServer& smtp, platform::SmtpSecurity security,
                       const std::string& password) {
    auto options = TestServer::default_options(temp_sqlite_url());
    options.smtp.host = "127.0.0.1";
    options.smtp.port = smtp.port();
    options.smtp.security = security;
    options.smtp.ca_file = test_certificate().cert;
    options.smtp.user = "skirosim";
    options.smtp.password = password;
    options.smtp.from = "sorting@kimija.example";
    return options;
}

void sign_up(TestServer& server, const std::string& login) {
    Browser browser(server);
    browser.get("/en/signup");
    ASSERT_EQ(browser
                  .post("/en/signup", {{"display_name", "Ilze"},
                                       {"login", login},
                                       {"password", "correct horse"},
                                       {"language", "en"},
                                       {"age", "yes"}})
                  .status,
              303);
}

TEST(Mailer, APasswordResetGoesThroughAServerThatRequiresStarttlsAndALogin) {
    SmtpServer smtp(SmtpServer::Security::starttls_required, "skirosim", "mail secret");
    TestServer server(with_smtp(smtp, platform::SmtpSecurity::starttls, "mail secret"));
    ASSERT_TRUE(
        server.accounts().create_confirmed("ilze@example.org", "Ilze", "old password 1", "en", {}));
    Browser browser(server);
    browser.get("/en/password/forgot");
    ASSERT_EQ(browser.post("/en/password/forgot", {{"login", "ilze@example.org"}}).status, 303);

    auto sent = server.app().sender().send_pending(server.now());
    ASSERT_TRUE(sent) << sent.error().message;
    EXPECT_EQ(*sent, 1);
    auto mail = smtp.messages(1);
    ASSERT_EQ(mail.size(), 1u);
    const auto& facts = mail[0].facts.as_object();
    EXPECT_EQ(facts.at("user"), "skirosim");  // it logged in
    EXPECT_EQ(facts.at("tls"), true);         // after STARTTLS
    EXPECT_EQ(facts.at("to").as_array().at(0), "ilze@example.org");
    EXPECT_EQ(facts.at("from"), "sorting@kimija.example");
    EXPECT_THAT(mail[0].raw, HasSubstr("Subject: =?UTF-8?B?"));
    EXPECT_THAT(mail[0].raw, HasSubstr("Content-Type: text/plain; charset=UTF-8"));

    // The link in the message works: the person chooses a new password with it.
    std::smatch link;
    ASSERT_TRUE(std::regex_search(mail[0].raw, link,
                                  std::regex(R"(/en/password/reset\?token=([A-Za-z0-9_-]+))")));
    Browser owner(server);
    owner.get("/en/password/reset?token=" + link[1].str());
    EXPECT_EQ(
        owner
            .post("/en/password/reset", {{"token", link[1].str()}, {"password", "new password 22"}})
            .status,
        303);
    EXPECT_TRUE(server.accounts().log_in("ilze@example.org", "new password 22", "127.0.0.1"));
    EXPECT_EQ(*server.app().sender().send_pending(server.now()), 0);  // nothing is sent twice
}

TEST(Mailer, AWrongLoginIsRefusedAndTheMessageWaitsForItsNextTry) {
    SmtpServer smtp(SmtpServer::Security::starttls_required, "skirosim", "mail secret");
    TestServer server(with_smtp(smtp, platform::SmtpSecurity::starttls, "not the secret"));
    sign_up(server, "ilze@example.org");
    const std::time_t now = server.now();
    EXPECT_EQ(*server.app().sender().send_pending(now), 0);
    EXPECT_TRUE(smtp.messages().empty());
    auto waiting = outbox(server);
    ASSERT_EQ(waiting.size(), 1u);
    EXPECT_EQ(waiting[0].attempts, 1);
    EXPECT_FALSE(waiting[0].last_error.empty());
    EXPECT_EQ(waiting[0].next_attempt_at, now + 60);  // a minute, then longer
    EXPECT_EQ(*server.app().sender().send_pending(now + 30), 0);
    EXPECT_EQ(outbox(server)[0].attempts, 1);  // not tried again before its time
    EXPECT_EQ(*server.app().sender().send_pending(now + 61), 0);
    EXPECT_EQ(outbox(server)[0].attempts, 2);
    EXPECT_EQ(outbox(server)[0].next_attempt_at, now + 61 + 120);
}

TEST(Mailer, WithoutStarttlsTheServerRefusesTheMail) {
    SmtpServer smtp(SmtpServer::Security::starttls_required, "skirosim", "mail secret");
    TestServer server(with_smtp(smtp, platform::SmtpSecurity::none, "mail secret"));
    sign_up(server, "ilze@example.org");
    EXPECT_EQ(*server.app().sender().send_pending(server.now()), 0);
    EXPECT_TRUE(smtp.messages().empty());
    EXPECT_EQ(outbox(server)[0].attempts, 1);
}

TEST(Mailer, TlsFromTheFirstByteWorksToo) {
    SmtpServer smtp(SmtpServer::Security::tls);
    auto options = with_smtp(smtp, platform::SmtpSecurity::tls, "");
    options.smtp.user.clear();
    TestServer server(options);
    sign_up(server, "ilze@example.org");
    EXPECT_EQ(*server.app().sender().send_pending(server.now()), 1);
    auto mail = smtp.messages(1);
    ASSERT_EQ(mail.size(), 1u);
    EXPECT_EQ(mail[0].facts.at("tls"), true);
    EXPECT_THAT(mail[0].raw, HasSubstr("/en/confirm?token="));
}

TEST(Mailer, AServerThatIsAwayLeavesTheMessagesWaiting) {
    auto options = TestServer::default_options(temp_sqlite_url());
    options.smtp.host = "127.0.0.1";
    {
        // A port that was just free: nobody listens there.
        net::io_context ioc;
        net::ip::tcp::acceptor probe(ioc,
                                     net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
        options.smtp.port = probe.local_endpoint().port();
    }
    TestServer server(options);
    sign_up(server, "ilze@example.org");
    EXPECT_EQ(*server.app().sender().send_pending(server.now()), 0);
    auto waiting = outbox(server);
    ASSERT_EQ(waiting.size(), 1u);
    EXPECT_EQ(waiting.front().attempts, 1);
    EXPECT_FALSE(waiting.front().sent_at.has_value());
    EXPECT_FALSE(waiting.front().last_error.empty());
}

// The background sender and two more callers (as two app servers would) read the same due list
// at once: each message still goes out once.
TEST(Mailer, SendersRacingForTheOutboxSendEachMessageOnce) {
    HttpReceiver gateway(/*fail_first=*/0);
    auto options = TestServer::default_options(temp_sqlite_url());
    options.sms.url = gateway.url("/send");
    TestServer server(options);
    for (int i = 0; i < 6; ++i) sign_up(server, "2612 345" + std::to_string(i));
    std::vector<std::thread> senders;
    for (int i = 0; i < 2; ++i) {
        senders.emplace_back([&] { (void)server.app().sender().send_pending(server.now()); });
    }
    for (auto& t : senders) t.join();
    (void)server.app().sender().send_pending(server.now());  // whatever the others left
    std::map<std::string, int> per_number;
    for (const auto& request : gateway.requests()) {
        ++per_number[std::string(
            boost::json::parse(request.at("body").as_string()).at("to").as_string())];
    }
    EXPECT_EQ(per_number.size(), 6u);
    for (const auto& [number, times] : per_number) EXPECT_EQ(times, 1) << number;
    for (const auto& message : outbox(server))
        EXPECT_TRUE(message.sent_at.has_value()) << message.recipient;
}

TEST(Mailer, TextMessagesGoThroughTheGatewayAndAreTriedAgainWhenItFails) {
    HttpReceiver gateway(/*fail_first=*/1);
    auto options = TestServer::default_options(temp_sqlite_url());
    options.sms.url = gateway.url("/send");
    options.sms.secret = "gateway token";
    TestServer server(options);
    sign_up(server, "2612 3456");
    const std::time_t now = server.now();
    EXPECT_EQ(*server.app().sender().send_pending(now), 0);  // the gateway answered 503
    ASSERT_EQ(outbox(server).size(), 1u);
    EXPECT_EQ(outbox(server)[0].medium, "sms");
    EXPECT_EQ(outbox(server)[0].attempts, 1);
    EXPECT_EQ(outbox(server)[0].next_attempt_at, now + 60);
    EXPECT_EQ(*server.app().sender().send_pending(now + 61), 1);
    auto requests = gateway.requests();
    ASSERT_EQ(requests.size(), 2u);
    const auto& request = requests[1].as_object();
    EXPECT_EQ(request.at("path"), "/send");
    EXPECT_EQ(request.at("headers").at("authorization"), "Bearer gateway token");
    EXPECT_EQ(request.at("headers").at("content-type"), "application/json");
    // The body is the template with the number and the text, as JSON that parses.
    auto body = boost::json::parse(request.at("body").as_string()).as_object();
    EXPECT_EQ(body.at("to"), "+37126123456");
    EXPECT_THAT(std::string(body.at("text").as_string()), HasSubstr("/en/confirm?token="));
    EXPECT_TRUE(outbox(server)[0].sent_at.has_value());
}

TEST(Mailer, TheOutboxPageTellsEachKindAndWhatHappensToIt) {
    HttpReceiver gateway(/*fail_first=*/1);
    auto options = TestServer::default_options(temp_sqlite_url());
    options.sms.url = gateway.url("/send");
    TestServer server(options);
    ASSERT_TRUE(server.accounts().create_confirmed("coord@example.org", "Koordinatore",
                                                   "coord password", "en", {{"coordinator", ""}}));
    sign_up(server, "2612 3456");         // a text message: tried, the gateway fails once
    sign_up(server, "ilze@example.org");  // an e-mail: no mail server is set up
    (void)server.app().sender().send_pending(server.now());
    Browser coordinator(server);
    coordinator.get("/en/login");
    ASSERT_EQ(
        coordinator
            .post("/en/login", {{"login", "coord@example.org"}, {"password", "coord password"}})
            .status,
        303);
    auto page = coordinator.get("/en/coordinator/outbox");
    ASSERT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("Text message"));
    EXPECT_THAT(page.body, HasSubstr("E-mail"));
    EXPECT_THAT(page.body, HasSubstr("Nothing sends this kind of message: pass it on by hand."));
    EXPECT_THAT(page.body, HasSubstr("Not sent yet (SMS gateway answered 503); next try"));
    EXPECT_THAT(page.body, Not(HasSubstr("· sms ·")));
}

TEST(Mailer, TheGatewayBodyEscapesWhatItCarries) {
    platform::SmsSettings json;
    EXPECT_EQ(platform::sms_body(json, "+37126123456", "Say \"hi\"\n{to}"),
              R"({"to":"+37126123456","text":"Say \"hi\"\n{to}"})");
    platform::SmsSettings form;
    form.body = "number={to}&message={text}";
    form.content_type = "application/x-www-form-urlencoded";
    EXPECT_EQ(platform::sms_body(form, "+37126123456", "a&b=c ā"),
              "number=%2B37126123456&message=a%26b%3Dc%20%C4%81");
}

TEST(Mailer, PausesGrowFromAMinuteToSixHours) {
    EXPECT_EQ(platform::retry_pause(1), std::chrono::seconds(60));
    EXPECT_EQ(platform::retry_pause(2), std::chrono::seconds(120));
    EXPECT_EQ(platform::retry_pause(5), std::chrono::seconds(960));
    EXPECT_EQ(platform::retry_pause(9), std::chrono::seconds(15360));
    EXPECT_EQ(platform::retry_pause(10), std::chrono::seconds(6 * 3600));
}

}  // namespace
}  // namespace skirosim::testing
