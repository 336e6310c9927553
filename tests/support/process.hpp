// Runs the skirosim binary and shell commands from tests.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace skirosim::testing {

struct CommandResult {
    int exit_code = -1;
    std::string output;  // stdout and stderr together
};

// Runs a shell command line and waits for it.
CommandResult run_command(const std::string& command_line);
// Quotes one argument for the shell.
std::string shell_quote(const std::string& text);

// Any program run in the background for a test (a mail server, a gateway): output to a log file,
// killed when the object goes.
class BackgroundProcess {
public:
    BackgroundProcess(std::vector<std::string> argv, const std::string& log_path);
    ~BackgroundProcess();
    BackgroundProcess(const BackgroundProcess&) = delete;
    BackgroundProcess& operator=(const BackgroundProcess&) = delete;
    pid_t pid() const { return pid_; }
    // The number the program wrote into `path` (a port), waiting for it; throws with the log.
    int wait_for_number_in(const std::string& path,
                           std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
    // Waits for the program to end; its exit status, or -1 on timeout.
    int wait(std::chrono::milliseconds timeout);
    std::string log() const;

private:
    pid_t pid_ = -1;
    std::string log_;
};

// A `skirosim serve` process on an ephemeral port.
class ServerProcess {
public:
    ServerProcess(const std::string& database_url, std::vector<std::string> extra_args = {});
    ~ServerProcess();
    unsigned short port() const { return port_; }
    pid_t pid() const { return pid_; }
    void signal(int sig) const;
    // Waits for the process to end; returns its exit status or -1 on timeout.
    int wait(std::chrono::milliseconds timeout);
    const std::string& log_path() const { return log_; }

private:
    pid_t pid_ = -1;
    unsigned short port_ = 0;
    std::string dir_, log_;
};

}  // namespace skirosim::testing
