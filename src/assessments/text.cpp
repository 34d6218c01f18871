#include "assessments/text.hpp"

#include "core/text.hpp"

namespace pinbridge::assessments {

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n\f\v");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n\f\v");
  return std::string(text.substr(first, last - first + 1));
}

std::string normalize_answer(std::string_view text) {
  return ascii_lower(trim(text));
}

}  // namespace pinbridge::assessments
