#pragma once
// Small text helpers for input from people: trimming and the comparison short answers use.
#include <string>
#include <string_view>

namespace pinbridge::assessments {

// Without leading and trailing whitespace.
std::string trim(std::string_view text);
// Trimmed and lower-cased (ASCII), so "  Paris" and "paris" compare equal.
std::string normalize_answer(std::string_view text);

}  // namespace pinbridge::assessments
