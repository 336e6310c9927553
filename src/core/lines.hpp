// Lists kept one entry a line in a text column (audiences, languages, popular items…).
#pragma once

#include <string>
#include <vector>

namespace skirosim {

std::string join_lines(const std::vector<std::string>& lines);
// Blank lines and the spaces or carriage returns around an entry (typed in a form) are dropped.
std::vector<std::string> split_lines(const std::string& text);

}  // namespace skirosim
