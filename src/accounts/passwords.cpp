// The bounded password hasher.
#include "accounts/passwords.hpp"

#include "accounts/crypto.hpp"

#include <sodium.h>

#include <stdexcept>

namespace skirosim::accounts {

namespace {

std::string argon2id(const std::string& password, const PasswordCost& cost) {
    ensure_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.operations, cost.memory,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("out of memory while hashing a password");
    }
    return out;
}

Error busy() {
    return Error::make(ErrorCode::too_many_requests,
                       "Many people are signing in right now. Please try again in a moment.");
}

}  // namespace

PasswordCost PasswordCost::production() {
    return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}

PasswordCost PasswordCost::cheapest() {
    return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

PasswordHasher::PasswordHasher(PasswordCost cost, unsigned max_running, unsigned max_waiting,
                               std::chrono::milliseconds max_wait)
    : cost_(cost),
      max_running_(max_running == 0 ? 1 : max_running),
      max_waiting_(max_waiting),
      max_wait_(max_wait) {}

const std::string& PasswordHasher::dummy_hash() {
    std::call_once(dummy_once_,
                   [this] { dummy_hash_ = argon2id("not a real password at all", cost_); });
    return dummy_hash_;
}

Result<void> PasswordHasher::enter() {
    std::unique_lock lock(mutex_);
    if (running_ >= max_running_) {
        if (waiting_ >= max_waiting_) return std::unexpected(busy());
        ++waiting_;
        const bool got =
            free_.wait_for(lock, max_wait_, [this] { return running_ < max_running_; });
        --waiting_;
        if (!got) return std::unexpected(busy());
    }
    ++running_;
    ++computed_;
    if (running_ > peak_) peak_ = running_;
    return {};
}

void PasswordHasher::leave() {
    {
        std::lock_guard lock(mutex_);
        --running_;
    }
    free_.notify_one();
}

class PasswordHasher::Slot {
public:
    explicit Slot(PasswordHasher& hasher) : hasher_(hasher) {}
    ~Slot() { hasher_.leave(); }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

private:
    PasswordHasher& hasher_;
};

Result<std::string> PasswordHasher::hash(const std::string& password) {
    if (auto entered = enter(); !entered) return std::unexpected(entered.error());
    Slot slot(*this);
    return argon2id(password, cost_);
}

Result<bool> PasswordHasher::verify(const std::string& hash, const std::string& password) {
    if (auto entered = enter(); !entered) return std::unexpected(entered.error());
    Slot slot(*this);
    ensure_sodium();
    const std::string& against = hash.empty() ? dummy_hash() : hash;
    const bool right =
        crypto_pwhash_str_verify(against.c_str(), password.data(), password.size()) == 0;
    return right && !hash.empty();
}

unsigned long long PasswordHasher::computed() const {
    std::lock_guard lock(mutex_);
    return computed_;
}

unsigned PasswordHasher::peak_running() const {
    std::lock_guard lock(mutex_);
    return peak_;
}

}  // namespace skirosim::accounts
