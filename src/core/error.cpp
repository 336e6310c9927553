// Error codes' names and message placeholders.
#include "core/error.hpp"

namespace skirosim {

std::string fill_placeholders(std::string text, const std::vector<std::string>& args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string marker = "{" + std::to_string(i + 1) + "}";
        for (auto pos = text.find(marker); pos != std::string::npos;
             pos = text.find(marker, pos + args[i].size())) {
            text.replace(pos, marker.size(), args[i]);
        }
    }
    return text;
}

Error not_found() { return Error::make(ErrorCode::not_found, "This page does not exist."); }

Error not_allowed() { return Error::make(ErrorCode::forbidden, "You may not do this."); }

const char* error_code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_input:
            return "invalid_input";
        case ErrorCode::unauthorized:
            return "unauthorized";
        case ErrorCode::forbidden:
            return "forbidden";
        case ErrorCode::not_found:
            return "not_found";
        case ErrorCode::conflict:
            return "conflict";
        case ErrorCode::too_large:
            return "too_large";
        case ErrorCode::too_many_requests:
            return "too_many_requests";
        case ErrorCode::unavailable:
            return "unavailable";
        case ErrorCode::internal:
            return "internal";
    }
    return "internal";
}

}  // namespace skirosim
