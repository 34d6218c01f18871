#pragma once
// Optional values as statement parameters.
#include <optional>

#include "store/database.hpp"

namespace pinbridge::store {

// NULL when the optional is empty, else its value.
template <typename T>
Value nullable(const std::optional<T>& value) {
  if (!value) return nullptr;
  return Value(*value);
}

}  // namespace pinbridge::store
