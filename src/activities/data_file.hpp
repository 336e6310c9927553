// Activities, their kinds and audiences in the exchange format.
#pragma once

#include <boost/json/object.hpp>

#include "activities/model.hpp"

namespace skirosim::activities {

struct ActivityData {
    std::vector<Label> kinds, audiences;
    std::vector<Activity> activities;
};

Result<ActivityData> parse_activity_data(const std::vector<NamedDocument>& documents);
void export_activity_data(const ActivityData& data, boost::json::object& out);

}  // namespace skirosim::activities
