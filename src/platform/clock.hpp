// Where every part of the program gets the time: nothing else reads the system clock, so that
// tests and demonstrations can run at a moment of their choosing.
#pragma once

#include <atomic>
#include <chrono>
#include <ctime>

namespace skirosim::platform {

class Clock {
public:
    using time_point = std::chrono::system_clock::time_point;
    virtual ~Clock() = default;
    virtual time_point now() const = 0;
    // Whole seconds since 1970 (UTC), the unit the database keeps.
    std::time_t seconds() const { return std::chrono::system_clock::to_time_t(now()); }
};

// The machine's clock.
class SystemClock final : public Clock {
public:
    time_point now() const override;
};

// Starts at a chosen moment and runs on at the machine's pace (a server "as of" a date).
class ShiftedClock final : public Clock {
public:
    explicit ShiftedClock(time_point start);
    time_point now() const override;

private:
    std::chrono::system_clock::duration offset_;
};

// Stands still until a test moves it.
class ManualClock final : public Clock {
public:
    explicit ManualClock(time_point start) : at_(start.time_since_epoch().count()) {}
    time_point now() const override;
    void set(time_point at) { at_ = at.time_since_epoch().count(); }
    void advance(std::chrono::system_clock::duration by) { at_ += by.count(); }

private:
    std::atomic<std::chrono::system_clock::rep> at_;
};

}  // namespace skirosim::platform
