// One entry per line, as lists are kept in a text column.
#include "core/lines.hpp"

namespace skirosim {

std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& line : lines) {
        if (!out.empty()) out += '\n';
        out += line;
    }
    return out;
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        // Blank lines and the spaces or carriage returns around an entry (from forms) go.
        std::string line = text.substr(start, end - start);
        const auto first = line.find_first_not_of(" \t\r");
        if (first != std::string::npos) {
            out.push_back(line.substr(first, line.find_last_not_of(" \t\r") - first + 1));
        }
        start = end + 1;
    }
    return out;
}

}  // namespace skirosim
