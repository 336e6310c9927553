// Imports and exports exchange-format documents: every section of every capability in one
// transaction, so a bad file changes nothing.
#pragma once

#include <boost/json/value.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "core/error.hpp"
#include "core/json_reader.hpp"
#include "platform/town.hpp"
#include "storage/database.hpp"

namespace skirosim::platform {

// What every section of one import shares: the town its local times are in (the town the import
// brings, else the database's).
struct ImportContext {
    const Town& town;
};

// One capability's part of the exchange format. parse() checks everything before anything is
// written and returns a writer that runs inside the one transaction of the import.
struct DataSection {
    using Writer = std::function<void(soci::session&)>;
    // Sees every document of the import at once, so that records may refer to each other
    // across files.
    std::function<Result<Writer>(const std::vector<NamedDocument>& documents,
                                 const ImportContext& context)>
        parse;
    std::function<Result<void>(soci::session&, const ImportContext& context, boost::json::object&)>
        export_into;
};

class DataImporter {
public:
    // `sections` in the order they are written (what refers to something comes after it).
    DataImporter(storage::Database& db, std::vector<DataSection> sections)
        : db_(db), sections_(std::move(sections)) {}

    // Documents (JSON, or CSV through converters), all or nothing. A "town" in them is written
    // first and its time zone reads every local time of the import.
    Result<void> import_documents(
        const std::vector<std::pair<std::string, boost::json::value>>& documents);
    // Every .json file below a profile folder, in name order, as one import.
    Result<void> import_profile(const std::filesystem::path& directory);
    Result<boost::json::object> export_all();

private:
    storage::Database& db_;
    std::vector<DataSection> sections_;
};

// Import files are read whole into memory (a parsed JSON document takes several times its size):
// larger ones are refused with a message rather than taking the machine's memory.
inline constexpr std::uintmax_t kMaxImportBytes = 16 * 1024 * 1024;
// Reads a file for import: an error when it cannot be read, is larger than kMaxImportBytes or is
// not UTF-8.
Result<std::string> read_import_file(const std::filesystem::path& path);

// Reads and parses a JSON file; errors name the file, line and column.
Result<boost::json::value> read_json_file(const std::filesystem::path& path);

// Every .json file below a profile folder, in name order, with its path relative to the folder.
using Documents = std::vector<std::pair<std::string, boost::json::value>>;
Result<Documents> read_profile(const std::filesystem::path& directory);
// The same documents as readers for the sections' parse functions (they point into `documents`).
std::vector<NamedDocument> named(const Documents& documents);

}  // namespace skirosim::platform
