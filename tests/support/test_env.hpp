// Where tests find the resources, and which databases they run against.
#pragma once

#include <string>
#include <vector>

#include "platform/clock.hpp"

namespace skirosim::testing {

std::string source_dir();
std::string locale_dir();
std::string binary();
// A fresh SQLite path in a temporary folder.
std::string temp_sqlite_url();
// A fresh, empty folder of its own for one test's files.
std::string fresh_test_directory();
// The data profile that the tests' new databases get: data/daugavpils-kimija.
const std::string& test_profile();
// The moment every test starts at (its servers' clocks run on from there), whatever the
// machine's date: before the sample activities, so that no test depends on today.
platform::Clock::time_point test_moment();
const char* test_moment_text();  // the same as --clock-start takes it
// The start of a command line that runs our binary with the test resources and profile;
// append the database and the subcommand.
std::string skirosim_cli();
// The same on the SQLite file at database_path; append the subcommand.
std::string skirosim_command(const std::string& database_path);
// "sqlite" always; "postgresql" when SKIROSIM_TEST_POSTGRES names a server URL (the test
// script starts one). Each call for postgresql creates a fresh database on that server.
std::vector<std::string> backends();
std::string fresh_database_url(const std::string& backend);

}  // namespace skirosim::testing
