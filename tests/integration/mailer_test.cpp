// The outbox is sent through a real SMTP conversation with a small relay on loopback; a relay
// that is away leaves the messages waiting, with the error noted.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include <atomic>
#include <mutex>
#include <thread>

#include "accounts/repository.hpp"
#include "support/browser.hpp"
#include "support/test_env.hpp"
#include "support/test_server.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// A relay that speaks just enough SMTP to take messages and keeps what it received.
class LoopbackRelay {
public:
    LoopbackRelay() : acceptor_(ioc_, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)) {
        thread_ = std::thread([this] { serve(); });
    }
    ~LoopbackRelay() {
        stop_ = true;
        boost::system::error_code ignored;
        tcp::socket poke(ioc_);
        poke.connect(acceptor_.local_endpoint(), ignored);
        thread_.join();
    }
    unsigned short port() const { return acceptor_.local_endpoint().port(); }
    std::vector<std::string> messages() {
        std::lock_guard lock(mutex_);
        return messages_;
    }

private:
    void serve() {
        while (!stop_) {
            tcp::socket socket(ioc_);
            boost::system::error_code ec;
            acceptor_.accept(socket, ec);
            if (ec || stop_) return;
            net::streambuf buffer;
            auto say = [&](const std::string& text) { net::write(socket, net::buffer(text + "\r\n"), ec); };
            auto line = [&]() -> std::string {
                net::read_until(socket, buffer, "\r\n", ec);
                if (ec) return "";
                std::istream in(&buffer);
                std::string l;
                std::getline(in, l);
                if (!l.empty() && l.back() == '\r') l.pop_back();
                return l;
            };
            say("220 loopback relay");
            std::string data;
            while (!ec) {
                std::string command = line();
                if (ec) break;
                if (command.starts_with("EHLO")) say("250-loopback\r\n250 8BITMIME");
                else if (command == "DATA") {
                    say("354 go on");
                    for (std::string l = line(); !ec && l != "."; l = line()) data += l + "\n";
                    {
                        std::lock_guard lock(mutex_);
                        messages_.push_back(data);
                    }
                    data.clear();
                    say("250 queued");
                } else if (command == "QUIT") {
                    say("221 bye");
                    break;
                } else say("250 ok");
            }
        }
    }
    net::io_context ioc_;
    tcp::acceptor acceptor_;
    std::thread thread_;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::vector<std::string> messages_;
};

TEST(Mailer, TheOutboxGoesThroughTheRelay) {
    LoopbackRelay relay;
    auto options = TestServer::default_options(temp_sqlite_url());
    options.smtp.host = "127.0.0.1";
    options.smtp.port = relay.port();
    options.smtp.from = "sorting@kimija.example";
    TestServer server(options);
    Browser browser(server);
    browser.get("/en/signup");
    ASSERT_EQ(browser.post("/en/signup", {{"display_name", "Ilze"}, {"login", "ilze@example.org"},
                                          {"password", "correct horse"}, {"language", "en"}, {"age", "yes"}}).status, 303);
    auto sent = server.app().mailer().send_pending();
    ASSERT_TRUE(sent);
    EXPECT_EQ(*sent, 1);
    auto messages = relay.messages();
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_THAT(messages[0], HasSubstr("To: <ilze@example.org>"));
    EXPECT_THAT(messages[0], HasSubstr("From: <sorting@kimija.example>"));
    EXPECT_THAT(messages[0], HasSubstr("Subject: =?UTF-8?B?"));
    EXPECT_THAT(messages[0], HasSubstr("/en/confirm?token="));
    auto unsent = server.app().database().read<std::vector<accounts::OutboxMessage>>(
        [](soci::session& sql) -> Result<std::vector<accounts::OutboxMessage>> { return accounts::Repository::unsent(sql, 10); });
    EXPECT_TRUE(unsent->empty());
    EXPECT_EQ(*server.app().mailer().send_pending(), 0);  // nothing is sent twice
}

TEST(Mailer, ARelayThatIsAwayLeavesTheMessagesWaiting) {
    auto options = TestServer::default_options(temp_sqlite_url());
    options.smtp.host = "127.0.0.1";
    {
        // A port that was just free: nobody listens there.
        net::io_context ioc;
        tcp::acceptor probe(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
        options.smtp.port = probe.local_endpoint().port();
    }
    TestServer server(options);
    Browser browser(server);
    browser.get("/en/signup");
    browser.post("/en/signup", {{"display_name", "Ilze"}, {"login", "ilze@example.org"},
                                {"password", "correct horse"}, {"language", "en"}, {"age", "yes"}});
    auto sent = server.app().mailer().send_pending();
    ASSERT_TRUE(sent);
    EXPECT_EQ(*sent, 0);
    auto unsent = server.app().database().read<std::vector<accounts::OutboxMessage>>(
        [](soci::session& sql) -> Result<std::vector<accounts::OutboxMessage>> { return accounts::Repository::unsent(sql, 10); });
    ASSERT_EQ(unsent->size(), 1u);
    EXPECT_EQ(unsent->front().attempts, 1);
    EXPECT_FALSE(unsent->front().last_error.empty());
}

}  // namespace
}  // namespace skirosim::testing
