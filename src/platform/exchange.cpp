// All-or-nothing import of exchange-format documents.
#include "platform/exchange.hpp"

#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/utf8.hpp"

namespace skirosim::platform {

namespace fs = std::filesystem;
namespace json = boost::json;

Result<std::string> read_import_file(const fs::path& path) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    std::ifstream in(path, std::ios::binary);
    if (ec || !in) {
        return std::unexpected(
            Error::make(ErrorCode::invalid_input, "Cannot read the file {1}.", {path.string()}));
    }
    if (size > kMaxImportBytes) {
        return std::unexpected(Error::make(
            ErrorCode::too_large,
            "{1} is larger than {2} MB. Split it into smaller files and import them one by one.",
            {path.string(), std::to_string(kMaxImportBytes / (1024 * 1024))}));
    }
    std::string text(static_cast<std::size_t>(size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (!is_valid_utf8(text)) {
        return std::unexpected(
            Error::make(ErrorCode::invalid_input, "{1} is not valid UTF-8 text.", {path.string()}));
    }
    return text;
}

Result<json::value> read_json_file(const fs::path& path) {
    auto read = read_import_file(path);
    if (!read) return std::unexpected(read.error());
    const std::string& text = *read;
    json::stream_parser parser;
    boost::system::error_code ec;
    std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
    if (!ec) parser.finish(ec);
    if (ec) {
        std::size_t line =
            1 + std::count(text.begin(), text.begin() + std::min(consumed, text.size()), '\n');
        return std::unexpected(Error::make(ErrorCode::invalid_input,
                                           "{1}, line {2}: not valid JSON ({3}).",
                                           {path.string(), std::to_string(line), ec.message()}));
    }
    return parser.release();
}

Result<void> DataImporter::import_documents(
    const std::vector<std::pair<std::string, json::value>>& documents) {
    std::vector<NamedDocument> named;
    for (const auto& [name, document] : documents) {
        if (!document.is_object()) {
            return std::unexpected(Error::make(ErrorCode::invalid_input,
                                               "{1}: the document must be a JSON object.", {name}));
        }
        JsonReader reader(document, "");
        auto format = reader.optional_string("format", "skirosim/1");
        if (!format || *format != "skirosim/1") {
            return std::unexpected(Error::make(
                ErrorCode::invalid_input, "{1}: unknown format (expected skirosim/1).", {name}));
        }
        named.push_back(NamedDocument{name, reader});
    }
    // The town first: the import's own, else the one the database has.
    std::optional<Town> brought;
    for (const NamedDocument& document : named) {
        if (!document.reader.has("town")) continue;
        if (brought) {
            return std::unexpected(Error::make(
                ErrorCode::invalid_input, "{1}: a second town in one import.", {document.name}));
        }
        auto town_reader = document.reader.object("town");
        if (!town_reader) return std::unexpected(in_file(document.name, town_reader.error()));
        auto town = parse_town(*town_reader);
        if (!town) return std::unexpected(in_file(document.name, town.error()));
        brought = std::move(*town);
    }
    auto stored =
        db_.read<std::optional<Town>>([](soci::session& sql) -> Result<std::optional<Town>> {
            return TownRepository::load(sql);
        });
    if (!stored) return std::unexpected(stored.error());
    const Town town = brought ? *brought : stored->value_or(Town::unknown());
    const ImportContext context{town};
    std::vector<DataSection::Writer> writers;
    for (const DataSection& section : sections_) {
        auto writer = section.parse(named, context);
        if (!writer) return std::unexpected(writer.error());
        writers.push_back(std::move(*writer));
    }
    return db_.transaction<void>([&](soci::session& sql) -> Result<void> {
        if (brought) TownRepository::save(sql, *brought);
        for (const auto& writer : writers) writer(sql);
        return {};
    });
}

Result<Documents> read_profile(const fs::path& directory) {
    std::error_code ec;
    if (!fs::is_directory(directory, ec)) {
        return std::unexpected(Error::make(ErrorCode::invalid_input,
                                           "The data profile {1} does not exist.",
                                           {directory.string()}));
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(directory)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    Documents documents;
    for (const fs::path& file : files) {
        auto document = read_json_file(file);
        if (!document) return std::unexpected(document.error());
        documents.emplace_back(fs::relative(file, directory).generic_string(),
                               std::move(*document));
    }
    return documents;
}

std::vector<NamedDocument> named(const Documents& documents) {
    std::vector<NamedDocument> out;
    for (const auto& [name, value] : documents)
        out.push_back(NamedDocument{name, JsonReader(value, "")});
    return out;
}

Result<void> DataImporter::import_profile(const fs::path& directory) {
    auto documents = read_profile(directory);
    if (!documents) return std::unexpected(documents.error());
    return import_documents(*documents);
}

Result<json::object> DataImporter::export_all() {
    return db_.read<json::object>([&](soci::session& sql) -> Result<json::object> {
        json::object out{{"format", "skirosim/1"}};
        const auto stored = TownRepository::load(sql);
        if (stored) out["town"] = export_town(*stored);
        const Town town = stored.value_or(Town::unknown());
        const ImportContext context{town};
        for (const DataSection& section : sections_) {
            if (!section.export_into) continue;
            auto done = section.export_into(sql, context, out);
            if (!done) return std::unexpected(done.error());
        }
        return out;
    });
}

}  // namespace skirosim::platform
