// The opening-hours parser (the OSM subset) and its answers for every hour of a week.
#include <cstddef>
#include <cstdint>
#include <string>

#include "platform/time_zone.hpp"
#include "points/opening_hours.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 1024) return 0;
    auto hours = skirosim::points::OpeningHours::parse(
        std::string(reinterpret_cast<const char*>(data), size));
    if (!hours) return 0;
    // A week around the spring clock change of 2027 in a zone that has one, hour by hour.
    static const auto zone = skirosim::platform::TimeZone::named("Europe/Riga");
    for (std::time_t t = 1774652400; t < 1774652400 + 7 * 86400; t += 3600)
        (void)hours->open_at(t, *zone);
    return 0;
}
