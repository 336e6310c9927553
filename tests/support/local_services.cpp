// Starts the Python helpers in tests/support/ and reads what they kept.
#include "support/local_services.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "support/test_env.hpp"

namespace skirosim::testing {

namespace fs = std::filesystem;

namespace {

// Debian's Python, which has python3-aiosmtpd (a python3 earlier on the PATH may not).
constexpr const char* kPython = "/usr/bin/python3";

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

std::vector<fs::path> files_with(const std::string& dir, const std::string& extension) {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() == extension) out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

const TestCertificate& test_certificate() {
    static const TestCertificate made = [] {
        const std::string dir = fresh_test_directory();
        TestCertificate c{dir + "/cert.pem", dir + "/key.pem"};
        auto run = run_command(
            "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost "
            "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " +
            shell_quote(c.key) + " -out " + shell_quote(c.cert));
        if (run.exit_code != 0)
            throw std::runtime_error("openssl could not make a certificate: " + run.output);
        return c;
    }();
    return made;
}

std::vector<std::string> read_qr_codes(const std::string& svg_document) {
    const std::string dir = fresh_test_directory();
    { std::ofstream(dir + "/page.svg", std::ios::binary) << svg_document; }
    auto drawn = run_command("rsvg-convert -z 3 -b white " + shell_quote(dir + "/page.svg") +
                             " -o " + shell_quote(dir + "/page.png"));
    if (drawn.exit_code != 0) throw std::runtime_error("rsvg-convert failed: " + drawn.output);
    std::vector<std::string> codes;
    // zbarimg exits 4 when it finds nothing: an empty list, which the test then sees.
    (void)run_command("(zbarimg -q --raw -Sdisable -Sqrcode.enable " +
                      shell_quote(dir + "/page.png") + " 2>/dev/null) > " +
                      shell_quote(dir + "/codes"));
    std::ifstream in(dir + "/codes");
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) codes.push_back(line);
    }
    return codes;
}

SmtpServer::SmtpServer(Security security, std::string user, std::string password)
    : dir_(fresh_test_directory()) {
    fs::create_directories(dir_ + "/out");
    std::vector<std::string> args{kPython,       source_dir() + "/tests/support/smtp_server.py",
                                  "--port-file", dir_ + "/port",
                                  "--out",       dir_ + "/out"};
    if (security != Security::plain) {
        args.insert(args.end(),
                    {"--cert", test_certificate().cert, "--key", test_certificate().key});
    }
    if (security == Security::tls) args.emplace_back("--tls");
    if (!user.empty()) args.insert(args.end(), {"--user", user, "--password", password});
    process_ = std::make_unique<BackgroundProcess>(args, dir_ + "/log");
    port_ = static_cast<unsigned short>(process_->wait_for_number_in(dir_ + "/port"));
}

std::vector<ReceivedMail> SmtpServer::messages(std::size_t at_least,
                                               std::chrono::milliseconds timeout) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        std::vector<ReceivedMail> out;
        for (const auto& facts : files_with(dir_ + "/out", ".json")) {
            fs::path raw = facts;
            raw.replace_extension(".eml");
            out.push_back({read_file(raw), boost::json::parse(read_file(facts))});
        }
        if (out.size() >= at_least || std::chrono::steady_clock::now() > deadline) return out;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

HttpReceiver::HttpReceiver(int fail_first) : dir_(fresh_test_directory()) {
    fs::create_directories(dir_ + "/out");
    process_ = std::make_unique<BackgroundProcess>(
        std::vector<std::string>{kPython, source_dir() + "/tests/support/http_receiver.py",
                                 "--port-file", dir_ + "/port", "--out", dir_ + "/out",
                                 "--fail-first", std::to_string(fail_first)},
        dir_ + "/log");
    port_ = static_cast<unsigned short>(process_->wait_for_number_in(dir_ + "/port"));
}

std::string HttpReceiver::url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
}

std::vector<boost::json::value> HttpReceiver::requests() const {
    std::vector<boost::json::value> out;
    for (const auto& file : files_with(dir_ + "/out", ".json"))
        out.push_back(boost::json::parse(read_file(file)));
    return out;
}

}  // namespace skirosim::testing
