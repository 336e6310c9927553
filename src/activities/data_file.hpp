// Activities, their kinds and audiences in the exchange format.
#pragma once

#include <boost/json/object.hpp>

#include "activities/model.hpp"
#include "platform/time_zone.hpp"

namespace skirosim::activities {

struct ActivityData {
    std::vector<Label> kinds, audiences;
    std::vector<Activity> activities;
};

// Start and end are local times ("2026-12-09T15:00") in `zone`, the town's.
Result<ActivityData> parse_activity_data(const std::vector<NamedDocument>& documents,
                                         const platform::TimeZone& zone);
void export_activity_data(const ActivityData& data, const platform::TimeZone& zone,
                          boost::json::object& out);

}  // namespace skirosim::activities
