// The guide's part of every import and export.
#pragma once

#include "app/data_import.hpp"
#include "guide/service.hpp"

namespace skirosim::guide {

app::DataSection data_section(Service& service);

}  // namespace skirosim::guide
