// Reads and writes the guide's part of the exchange format (JSON) and items as CSV.
#pragma once

#include <boost/json/object.hpp>

#include <string>
#include <vector>

#include "guide/model.hpp"

namespace skirosim::guide {

// Parses every document's channels, places, items and overrides, and checks them together
// and against `existing` (what the database holds now): references, duplicates, channels.
Result<CatalogueData> parse_catalogue(const std::vector<NamedDocument>& documents,
                                      const Catalogue* existing);

boost::json::object export_catalogue(const Catalogue& catalogue);

// Items as CSV (docs/data-format.md): header row, RFC 4180 quoting, lists split by '|'.
// Checked by the same rules as JSON; errors name the row (line of the file) and the field.
Result<std::vector<Item>> parse_items_csv(const std::string& text, const std::string& file_name);
// The same CSV as an exchange-format document {"items": […]}, after the checks above.
Result<boost::json::value> items_csv_document(const std::string& text,
                                              const std::string& file_name);
std::string export_items_csv(const Catalogue& catalogue);
// Parses CSV into rows of fields; errors name the line.
Result<std::vector<std::vector<std::string>>> parse_csv(const std::string& text);

}  // namespace skirosim::guide
