#pragma once
// Optional values as statement parameters, and optional timestamps read back from rows.
#include <optional>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace pinbridge::store {

// NULL when the optional is empty, else its value.
template <typename T>
Value nullable(const std::optional<T>& value) {
  if (!value) return nullptr;
  return Value(*value);
}

// A nullable unix-milliseconds column as a Timestamp.
inline std::optional<Timestamp> optional_time(const Row& row, std::size_t column) {
  const auto value = row.optional_integer(column);
  return value ? std::optional(from_unix_ms(*value)) : std::nullopt;
}

}  // namespace pinbridge::store
