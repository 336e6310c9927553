// The only reader of the system time (a test checks that no other file reads it).
#include "platform/clock.hpp"

namespace skirosim::platform {

Clock::time_point SystemClock::now() const { return std::chrono::system_clock::now(); }

ShiftedClock::ShiftedClock(time_point start) : offset_(start - std::chrono::system_clock::now()) {}

Clock::time_point ShiftedClock::now() const { return std::chrono::system_clock::now() + offset_; }

Clock::time_point ManualClock::now() const {
    return time_point(std::chrono::system_clock::duration(at_.load()));
}

}  // namespace skirosim::platform
