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
