// Where tests find the resources, and which databases they run against.
#pragma once

#include <string>
#include <vector>

namespace skirosim::testing {

std::string source_dir();
std::string locale_dir();
std::string binary();
// A fresh SQLite path in a temporary folder.
std::string temp_sqlite_url();
// "sqlite" always; "postgresql" when SKIROSIM_TEST_POSTGRES names a server URL (the test
// script starts one). Each call for postgresql creates a fresh database on that server.
std::vector<std::string> backends();
std::string fresh_database_url(const std::string& backend);

}  // namespace skirosim::testing
