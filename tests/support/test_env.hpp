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
// A fresh, empty folder of its own for one test's files.
std::string fresh_test_directory();
// The data profile that the tests' new databases get: data/daugavpils-kimija with its sample
// activities moved ahead of today once their dates have passed (scripts/sample-profile.py), so
// that the tests do not fail as the calendar moves on. SKIROSIM_TEST_LEAD_DAYS=N asks that they
// start at least N days ahead (7 by default): a way to run the tests as if it were later.
const std::string& test_profile();
// How many days the sample activities were moved: 0, or a whole number of 52-week steps.
int sample_shift_days();
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
