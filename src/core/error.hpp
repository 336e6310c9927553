// Expected failures as values: a code, a translatable message and, for forms, the field.
#pragma once

#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace skirosim {

enum class ErrorCode {
    invalid_input,      // 400: the user can fix it
    not_found,          // 404
    conflict,           // 409: a unique constraint, a full activity
    forbidden,          // 403
    unauthorized,       // 401
    too_large,          // 413
    too_many_requests,  // 429: log-in guessing
    unavailable,        // 503: the database is away
    internal,           // 500: a bug; the message never reaches the user
};

struct Error {
    ErrorCode code = ErrorCode::internal;
    // An English gettext msgid; the web layer translates it. May contain {1}-style placeholders
    // filled from `args` after translation.
    std::string message;
    std::vector<std::string> args;
    std::string field;  // the form field or data-file path the error is about, if any

    static Error make(ErrorCode code, std::string message, std::vector<std::string> args = {},
                      std::string field = {}) {
        return Error{code, std::move(message), std::move(args), std::move(field)};
    }
};

template <typename T>
using Result = std::expected<T, Error>;

// What a person is told of something that is not there, or not theirs to know of (404).
Error not_found();
// What a person is told when their role does not allow what they tried (403).
Error not_allowed();

// Fills {1}, {2}… in an (already translated) message.
std::string fill_placeholders(std::string text, const std::vector<std::string>& args);

const char* error_code_name(ErrorCode code);

}  // namespace skirosim
