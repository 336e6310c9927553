// The outbox sender: libcurl for SMTP and for the SMS gateway, and the thread that sends.
#include "platform/sender.hpp"

#include <curl/curl.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include <algorithm>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "http/message.hpp"
#include "platform/outbox.hpp"

namespace skirosim::platform {

namespace {

void ensure_curl() {
    static const bool ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    if (!ready) throw std::runtime_error("libcurl could not be initialised");
}

struct CurlDeleter {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using CurlList = std::unique_ptr<curl_slist, CurlDeleter>;

CurlHandle new_handle() {
    ensure_curl();
    CurlHandle curl(curl_easy_init());
    if (!curl) throw std::runtime_error("libcurl: no handle");
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    // A server that stops answering must not hold the sender for ever.
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, 15L);
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 60L);
    return curl;
}

void perform(CURL* curl, const char* what, char* error_buffer) {
    const CURLcode code = curl_easy_perform(curl);
    if (code != CURLE_OK) {
        throw std::runtime_error(std::string(what) + ": " +
                                 (error_buffer[0] ? error_buffer : curl_easy_strerror(code)));
    }
}

std::string base64(const std::string& text) {
    std::string out(sodium_base64_ENCODED_LEN(text.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()),
                      text.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.find('\0'));
    return out;
}

bool header_safe(const std::string& value) {
    return value.find_first_of("\r\n") == std::string::npos;
}

// The message as it goes on the wire: headers, a blank line, the body, every line ending CRLF.
// libcurl escapes a line that starts with a dot (RFC 5321 4.5.2) itself.
// A Message-ID's unique part: 16 random bytes, hex.
std::string random_id() {
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return hex;
}

std::string rfc5322_message(const SmtpSettings& settings, const std::string& to,
                            const std::string& subject, const std::string& body, std::time_t now) {
    char date[64];
    std::tm tm{};
    gmtime_r(&now, &tm);
    std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    std::string message = "From: <" + settings.from + ">\r\nTo: <" + to +
                          ">\r\nSubject: =?UTF-8?B?" + base64(subject) + "?=\r\nDate: " + date +
                          "\r\nMessage-ID: <" + random_id() + "@" + settings.helo +
                          ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                          "Content-Transfer-Encoding: 8bit\r\n\r\n";
    std::size_t start = 0;
    while (start <= body.size()) {
        auto end = body.find('\n', start);
        if (end == std::string::npos) end = body.size();
        std::string line = body.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        message += line + "\r\n";
        start = end + 1;
    }
    return message;
}

struct Upload {
    const std::string& data;
    std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    const std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
    std::memcpy(buffer, upload->data.data() + upload->offset, n);
    upload->offset += n;
    return n;
}

std::size_t discard(char*, std::size_t size, std::size_t count, void*) { return size * count; }

std::string json_string_contents(const std::string& text) {
    std::string quoted = boost::json::serialize(boost::json::string(text));
    return quoted.substr(1, quoted.size() - 2);
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
}

}  // namespace

std::chrono::seconds retry_pause(int attempts) {
    const int doublings = std::clamp(attempts - 1, 0, 20);
    return std::min(std::chrono::seconds(60LL << std::min(doublings, 9)),
                    std::chrono::seconds(6 * 3600));
}

void smtp_send(const SmtpSettings& settings, const std::string& to, const std::string& subject,
               const std::string& body, std::time_t now) {
    if (!header_safe(to) || !header_safe(settings.from) || to.find('@') == std::string::npos) {
        throw std::runtime_error("SMTP: not an address");
    }
    CurlHandle curl = new_handle();
    char error[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
    // The URL's path is the name we greet the server with (EHLO).
    const std::string scheme = settings.security == SmtpSecurity::tls ? "smtps://" : "smtp://";
    const std::string url =
        scheme + settings.host + ":" + std::to_string(settings.port) + "/" + settings.helo;
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    if (settings.security == SmtpSecurity::starttls)
        curl_easy_setopt(curl.get(), CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    if (!settings.ca_file.empty())
        curl_easy_setopt(curl.get(), CURLOPT_CAINFO, settings.ca_file.c_str());
    if (!settings.user.empty()) {
        curl_easy_setopt(curl.get(), CURLOPT_USERNAME, settings.user.c_str());
        curl_easy_setopt(curl.get(), CURLOPT_PASSWORD, settings.password.c_str());
    }
    const std::string from = "<" + settings.from + ">";
    curl_easy_setopt(curl.get(), CURLOPT_MAIL_FROM, from.c_str());
    CurlList recipients(curl_slist_append(nullptr, ("<" + to + ">").c_str()));
    curl_easy_setopt(curl.get(), CURLOPT_MAIL_RCPT, recipients.get());
    const std::string message = rfc5322_message(settings, to, subject, body, now);
    Upload upload{message};
    curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl.get(), CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
    perform(curl.get(), "SMTP", error);
}

std::string sms_body(const SmsSettings& settings, const std::string& to, const std::string& text) {
    const bool json = settings.content_type.find("json") != std::string::npos;
    auto escape = [&](const std::string& value) {
        return json ? json_string_contents(value) : http::percent_encode(value);
    };
    std::string body = settings.body;
    // One pass per placeholder, the message last: its text may itself contain "{to}".
    replace_all(body, "{to}", escape(to));
    replace_all(body, "{text}", escape(text));
    return body;
}

void sms_send(const SmsSettings& settings, const std::string& to, const std::string& text) {
    CurlHandle curl = new_handle();
    char error[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl.get(), CURLOPT_URL, settings.url.c_str());
    const std::string body = sms_body(settings, to, text);
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    CurlList headers(
        curl_slist_append(nullptr, ("Content-Type: " + settings.content_type).c_str()));
    if (!settings.secret.empty()) {
        headers.reset(curl_slist_append(headers.release(),
                                        ("Authorization: Bearer " + settings.secret).c_str()));
    }
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, discard);
    perform(curl.get(), "SMS gateway", error);
    long status = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status > 299)
        throw std::runtime_error("SMS gateway answered " + std::to_string(status));
}

Sender::Sender(storage::Database& db, const Clock& clock, SmtpSettings smtp, SmsSettings sms)
    : db_(db), clock_(clock), smtp_(std::move(smtp)), sms_(std::move(sms)) {}

Sender::~Sender() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

bool Sender::delivers(const std::string& medium) const {
    return (medium == "email" && !smtp_.host.empty()) || (medium == "sms" && !sms_.url.empty());
}

void Sender::start() {
    if ((smtp_.host.empty() && sms_.url.empty()) || thread_.joinable()) return;
    thread_ = std::thread([this] {
        std::unique_lock lock(mutex_);
        while (!stop_) {
            lock.unlock();
            if (auto sent = send_pending(clock_.seconds()); !sent)
                spdlog::warn("outbox: {}", sent.error().message);
            lock.lock();
            wake_.wait_for(lock, smtp_.interval, [this] { return stop_ || woken_; });
            woken_ = false;
        }
    });
}

void Sender::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    wake_.notify_all();
}

Result<int> Sender::send_pending(std::time_t now) {
    std::vector<std::string> media;
    for (const char* medium : {"email", "sms"}) {
        if (delivers(medium)) media.emplace_back(medium);
    }
    if (media.empty()) return 0;
    auto pending = db_.read<std::vector<OutboxMessage>>(
        [&](soci::session& sql) -> Result<std::vector<OutboxMessage>> {
            return Outbox::due(sql, media, now, kMaxSendAttempts, 20);
        });
    if (!pending) return std::unexpected(pending.error());
    int sent = 0;
    for (const auto& message : *pending) {
        // Another sender (the background thread, another server) may have read the same list.
        auto mine = db_.transaction<bool>([&](soci::session& sql) -> Result<bool> {
            return Outbox::claim(sql, message.id, now, now + kClaimSeconds);
        });
        if (!mine || !*mine) continue;
        std::string error;
        try {
            if (message.medium == "email")
                smtp_send(smtp_, message.recipient, message.subject, message.body, now);
            else
                sms_send(sms_, message.recipient, message.body);
        } catch (const std::exception& e) {
            error = e.what();
        }
        (void)db_.transaction<void>([&](soci::session& sql) -> Result<void> {
            if (error.empty())
                Outbox::mark_sent(sql, message.id, now);
            else
                Outbox::mark_failed(sql, message.id, error.substr(0, 500),
                                    now + retry_pause(message.attempts + 1).count());
            return {};
        });
        if (error.empty()) ++sent;
        // The reason stays in the outbox for the coordinator: a server's reply may quote the
        // address.
        else
            spdlog::warn("outbox: message {} ({}) not sent, try {}", message.id, message.medium,
                         message.attempts + 1);
    }
    return sent;
}

}  // namespace skirosim::platform
