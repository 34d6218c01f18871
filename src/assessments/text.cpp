#include "assessments/text.hpp"

#include <algorithm>
#include <cctype>

namespace pinbridge::assessments {

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n\f\v");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n\f\v");
  return std::string(text.substr(first, last - first + 1));
}

std::string normalize_answer(std::string_view text) {
  std::string out = trim(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace pinbridge::assessments
