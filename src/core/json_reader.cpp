// Data-file reading with precise error locations.
#include "core/json_reader.hpp"

#include <boost/json.hpp>

#include "core/utf8.hpp"

namespace skirosim {

namespace json = boost::json;

bool is_identifier(const std::string& text) {
    if (text.empty() || text.size() > 100) return false;
    for (char c : text) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
            return false;
        }
    }
    return true;
}

Error in_file(const std::string& name, Error error) {
    error.message = "{" + std::to_string(error.args.size() + 1) + "}: " + error.message;
    error.args.push_back(name);
    return error;
}

JsonReader::JsonReader(const json::value& value, std::string path)
    : value_(value), path_(std::move(path)) {}

const json::value* JsonReader::find(const char* key) const {
    if (!value_.is_object()) return nullptr;
    return value_.as_object().if_contains(key);
}

bool JsonReader::has(const char* key) const {
    const auto* v = find(key);
    return v && !v->is_null();
}

Error JsonReader::error(const char* key, std::string message, std::vector<std::string> args) const {
    std::string field = path_.empty() ? key : path_ + "." + key;
    args.insert(args.begin(), field);
    return Error::make(ErrorCode::invalid_input, "{1}: " + message, std::move(args), field);
}

Result<std::string> JsonReader::string(const char* key) const {
    const auto* v = find(key);
    if (!v || v->is_null()) return std::unexpected(error(key, "is missing"));
    if (!v->is_string()) return std::unexpected(error(key, "must be text"));
    std::string text(v->as_string());
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        return std::unexpected(error(key, "is empty"));
    }
    return text;
}

Result<std::string> JsonReader::optional_string(const char* key, std::string fallback) const {
    if (!has(key)) return fallback;
    const auto* v = find(key);
    if (!v->is_string()) return std::unexpected(error(key, "must be text"));
    return std::string(v->as_string());
}

Result<std::string> JsonReader::identifier(const char* key) const {
    auto text = string(key);
    if (!text) return text;
    if (!is_identifier(*text)) {
        return std::unexpected(
            error(key, "\"{2}\" must be lowercase letters, digits and hyphens", {*text}));
    }
    return text;
}

Result<bool> JsonReader::optional_bool(const char* key, bool fallback) const {
    if (!has(key)) return fallback;
    const auto* v = find(key);
    if (!v->is_bool()) return std::unexpected(error(key, "must be true or false"));
    return v->as_bool();
}

Result<double> JsonReader::number(const char* key) const {
    const auto* v = find(key);
    if (!v || v->is_null()) return std::unexpected(error(key, "is missing"));
    if (!v->is_number()) return std::unexpected(error(key, "must be a number"));
    return v->to_number<double>();
}

Result<std::optional<double>> JsonReader::optional_number(const char* key) const {
    if (!has(key)) return std::optional<double>{};
    auto n = number(key);
    if (!n) return std::unexpected(n.error());
    return std::optional<double>{*n};
}

Result<long long> JsonReader::optional_integer(const char* key, long long fallback) const {
    if (!has(key)) return fallback;
    const auto* v = find(key);
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64() && v->as_uint64() < (1ULL << 62))
        return static_cast<long long>(v->as_uint64());
    return std::unexpected(error(key, "must be a whole number"));
}

Result<LocalizedText> JsonReader::text(const char* key) const {
    const auto* v = find(key);
    if (!v || v->is_null()) return std::unexpected(error(key, "is missing"));
    if (!v->is_object()) {
        return std::unexpected(error(key, "must be an object with lv, ru and en texts"));
    }
    JsonReader inner(*v, path_.empty() ? key : path_ + "." + key);
    LocalizedText result;
    for (Language language : kLanguages) {
        const std::string lang(code(language));
        auto t = inner.string(lang.c_str());
        if (!t) return std::unexpected(t.error());
        in(result, language) = std::move(*t);
    }
    return result;
}

Result<std::optional<LocalizedText>> JsonReader::optional_text(const char* key) const {
    if (!has(key)) return std::optional<LocalizedText>{};
    auto t = text(key);
    if (!t) return std::unexpected(t.error());
    return std::optional<LocalizedText>{std::move(*t)};
}

Result<std::vector<std::string>> JsonReader::strings(const char* key) const {
    std::vector<std::string> result;
    if (!has(key)) return result;
    const auto* v = find(key);
    if (!v->is_array()) return std::unexpected(error(key, "must be a list of texts"));
    std::size_t i = 0;
    for (const auto& element : v->as_array()) {
        if (!element.is_string() || element.as_string().empty()) {
            return std::unexpected(
                error(key, "entry {2} must be non-empty text", {std::to_string(i)}));
        }
        result.emplace_back(element.as_string());
        ++i;
    }
    return result;
}

Result<LocalizedList> JsonReader::list(const char* key) const {
    LocalizedList result;
    if (!has(key)) return result;
    const auto* v = find(key);
    if (!v->is_object()) {
        return std::unexpected(error(key, "must be an object with lv, ru and en lists"));
    }
    JsonReader inner(*v, path_.empty() ? key : path_ + "." + key);
    for (Language language : kLanguages) {
        const std::string lang(code(language));
        auto items = inner.strings(lang.c_str());
        if (!items) return std::unexpected(items.error());
        in(result, language) = std::move(*items);
    }
    return result;
}

Result<std::vector<JsonReader>> JsonReader::array(const char* key) const {
    std::vector<JsonReader> result;
    if (!has(key)) return result;
    const auto* v = find(key);
    if (!v->is_array()) return std::unexpected(error(key, "must be a list"));
    std::size_t i = 0;
    const std::string base = path_.empty() ? key : path_ + "." + key;
    for (const auto& element : v->as_array()) {
        std::string element_path = base + "[" + std::to_string(i++) + "]";
        if (!element.is_object()) {
            return std::unexpected(Error::make(ErrorCode::invalid_input, "{1}: must be an object",
                                               {element_path}, element_path));
        }
        result.emplace_back(element, std::move(element_path));
    }
    return result;
}

Result<JsonReader> JsonReader::object(const char* key) const {
    const auto* v = find(key);
    if (!v || v->is_null()) return std::unexpected(error(key, "is missing"));
    if (!v->is_object()) return std::unexpected(error(key, "must be an object"));
    return JsonReader(*v, path_.empty() ? key : path_ + "." + key);
}

}  // namespace skirosim
