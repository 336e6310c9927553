// Password hashing (argon2id through libsodium) behind a gate: a hash takes tens of milliseconds of
// a core and 64 MiB, so only a few run at once and only a few more may wait; past that a request
// is told to try again in a moment instead of stalling every page on the machine.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>

#include "core/error.hpp"

namespace skirosim::accounts {

struct PasswordCost {
    unsigned long long operations = 0;
    std::size_t memory = 0;
    // libsodium's "interactive" argon2id: what accounts are stored with.
    static PasswordCost production();
    // The least libsodium allows: for tests, which hash hundreds of passwords. Never for people.
    static PasswordCost cheapest();
};

class PasswordHasher {
public:
    PasswordHasher(PasswordCost cost, unsigned max_running, unsigned max_waiting,
                   std::chrono::milliseconds max_wait = std::chrono::seconds(3));

    Result<std::string> hash(const std::string& password);
    // A missing hash is checked against a dummy one, so that an unknown account takes as long
    // as a known one.
    Result<bool> verify(const std::string& hash, const std::string& password);

    // The most hashes that ran at the same moment since start, and how many were computed (for
    // the tests that check the gate and that cheap checks come first).
    unsigned peak_running() const;
    unsigned long long computed() const;

private:
    class Slot;
    Result<void> enter();
    void leave();

    PasswordCost cost_;
    unsigned max_running_, max_waiting_;
    std::chrono::milliseconds max_wait_;
    // Made at the first log-in for an unknown account, not at start: a hash costs 64 MiB.
    const std::string& dummy_hash();
    std::once_flag dummy_once_;
    std::string dummy_hash_;
    mutable std::mutex mutex_;
    std::condition_variable free_;
    unsigned running_ = 0, waiting_ = 0, peak_ = 0;
    unsigned long long computed_ = 0;
};

}  // namespace skirosim::accounts
