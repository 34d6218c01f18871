#pragma once
// Small text helpers shared across areas.
#include <string>
#include <string_view>

namespace pinbridge {

// `text` with A-Z turned into a-z and every other byte (UTF-8 included) left as it is: for the
// case-insensitive parts of protocols (header names, URL schemes and hosts, hex digits), which
// are ASCII whatever the locale.
std::string ascii_lower(std::string_view text);

}  // namespace pinbridge
