// A small SMTP client over Asio, and the outbox sender thread.
#include "accounts/mailer.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include <ctime>
#include <istream>
#include <stdexcept>

#include "accounts/crypto.hpp"
#include "accounts/repository.hpp"

namespace skirosim::accounts {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

std::string base64(const std::string& text) {
    std::string out(sodium_base64_ENCODED_LEN(text.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.find('\0'));
    return out;
}

class Conversation {
public:
    Conversation(const SmtpSettings& settings) : socket_(ioc_) {
        tcp::resolver resolver(ioc_);
        net::connect(socket_, resolver.resolve(settings.host, std::to_string(settings.port)));
        // A relay that stops answering must not hold the sender for ever.
        timeval timeout{15, 0};
        setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        setsockopt(socket_.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    }
    // Reads a (possibly multi-line) reply and checks its code class.
    void expect(char code_class) {
        std::string line;
        do {
            net::read_until(socket_, buffer_, "\r\n");
            std::istream in(&buffer_);
            std::getline(in, line);
            if (line.size() < 4) throw std::runtime_error("SMTP: short reply");
        } while (line[3] == '-');
        if (line[0] != code_class) throw std::runtime_error("SMTP: " + line);
    }
    void say(const std::string& line, char code_class) {
        net::write(socket_, net::buffer(line + "\r\n"));
        expect(code_class);
    }
    void write_raw(const std::string& data) { net::write(socket_, net::buffer(data)); }

private:
    net::io_context ioc_;
    tcp::socket socket_;
    net::streambuf buffer_;
};

bool header_safe(const std::string& value) { return value.find_first_of("\r\n") == std::string::npos; }

}  // namespace

void smtp_send(const SmtpSettings& settings, const std::string& to, const std::string& subject, const std::string& body) {
    if (!header_safe(to) || !header_safe(settings.from) || to.find('@') == std::string::npos) {
        throw std::runtime_error("SMTP: not an address: " + to);
    }
    Conversation smtp(settings);
    smtp.expect('2');
    smtp.say("EHLO " + settings.helo, '2');
    smtp.say("MAIL FROM:<" + settings.from + ">", '2');
    smtp.say("RCPT TO:<" + to + ">", '2');
    smtp.say("DATA", '3');
    char date[64];
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    std::string message = "From: <" + settings.from + ">\r\nTo: <" + to + ">\r\nSubject: =?UTF-8?B?" +
                          base64(subject) + "?=\r\nDate: " + date + "\r\nMessage-ID: <" + random_token() + "@" +
                          settings.helo + ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                          "Content-Transfer-Encoding: 8bit\r\n\r\n";
    // Lines end in CRLF; a line that starts with a dot gets another (RFC 5321 4.5.2).
    std::size_t start = 0;
    while (start <= body.size()) {
        auto end = body.find('\n', start);
        if (end == std::string::npos) end = body.size();
        std::string line = body.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty() && line[0] == '.') line.insert(0, ".");
        message += line + "\r\n";
        start = end + 1;
    }
    smtp.write_raw(message + ".\r\n");
    smtp.expect('2');
    smtp.say("QUIT", '2');
}

Mailer::Mailer(storage::Database& db, SmtpSettings settings) : db_(db), settings_(std::move(settings)) {}

Mailer::~Mailer() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void Mailer::start() {
    if (settings_.host.empty() || thread_.joinable()) return;
    thread_ = std::thread([this] {
        std::unique_lock lock(mutex_);
        while (!stop_) {
            lock.unlock();
            if (auto sent = send_pending(); !sent) spdlog::warn("outbox: {}", sent.error().message);
            lock.lock();
            wake_.wait_for(lock, settings_.interval, [this] { return stop_ || woken_; });
            woken_ = false;
        }
    });
}

void Mailer::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    wake_.notify_all();
}

Result<int> Mailer::send_pending() {
    if (settings_.host.empty()) return 0;
    auto pending = db_.read<std::vector<OutboxMessage>>([](soci::session& sql) -> Result<std::vector<OutboxMessage>> {
        return Repository::unsent(sql, 20);
    });
    if (!pending) return std::unexpected(pending.error());
    int sent = 0;
    for (const auto& message : *pending) {
        if (message.medium != "email") continue;  // text messages need a gateway: they wait
        std::string error;
        try {
            smtp_send(settings_, message.recipient, message.subject, message.body);
        } catch (const std::exception& e) {
            error = e.what();
        }
        (void)db_.transaction<void>([&](soci::session& sql) -> Result<void> {
            if (error.empty()) Repository::mark_sent(sql, message.id, std::time(nullptr));
            else Repository::mark_failed(sql, message.id, error.substr(0, 500));
            return {};
        });
        if (error.empty()) ++sent;
        else spdlog::warn("outbox: message {} not sent: {}", message.id, error);
    }
    return sent;
}

}  // namespace skirosim::accounts
