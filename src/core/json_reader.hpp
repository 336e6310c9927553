// Reads data files with errors that name the record and the field ("items[12].name.ru").
#pragma once

#include <boost/json/value.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/language.hpp"

// Assigns a Result's value to `target`, or returns its error from the enclosing function:
// data-file parsers check field after field and stop at the first error.
#define SKIROSIM_TRY_ASSIGN(target, expression)                           \
    do {                                                                  \
        auto result_ = (expression);                                      \
        if (!result_) return std::unexpected(std::move(result_.error())); \
        target = std::move(*result_);                                     \
    } while (false)

namespace skirosim {

// A cursor over one JSON object; every accessor reports errors with the full path.
class JsonReader {
public:
    JsonReader(const boost::json::value& value, std::string path);

    const std::string& path() const { return path_; }
    bool is_object() const { return value_.is_object(); }
    bool has(const char* key) const;

    Result<std::string> string(const char* key) const;
    Result<std::string> optional_string(const char* key, std::string fallback = {}) const;
    Result<std::string> identifier(const char* key) const;  // [a-z0-9-]+
    Result<bool> optional_bool(const char* key, bool fallback) const;
    Result<double> number(const char* key) const;
    Result<std::optional<double>> optional_number(const char* key) const;
    Result<long long> optional_integer(const char* key, long long fallback) const;
    Result<LocalizedText> text(const char* key) const;  // all three languages
    Result<std::optional<LocalizedText>> optional_text(const char* key) const;
    Result<LocalizedList> list(const char* key) const;  // optional: empty lists
    Result<std::vector<std::string>> strings(const char* key) const;
    // The elements of an array field (empty when absent), each as a reader.
    Result<std::vector<JsonReader>> array(const char* key) const;
    Result<JsonReader> object(const char* key) const;

    Error error(const char* key, std::string message, std::vector<std::string> args = {}) const;

private:
    const boost::json::value* find(const char* key) const;
    const boost::json::value& value_;
    std::string path_;
};

bool is_identifier(const std::string& text);

// One data file of an import, for error messages that name it.
struct NamedDocument {
    std::string name;
    JsonReader reader;
};

// Puts the file's name in front of an error found in it.
Error in_file(const std::string& name, Error error);

}  // namespace skirosim
