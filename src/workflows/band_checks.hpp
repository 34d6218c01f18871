#pragma once
// The checks of a move-on-result rule's bands that need every possible result, shared by
// validate() and check_conflicts() (rules.hpp). Private to workflows/.
#include <vector>

#include "core/result.hpp"
#include "workflows/rules.hpp"

namespace pinbridge::workflows {

// Refuses a band that no result can match, and two bands that some result matches both of while
// they name different stages (the first would hide the second). Error::invalid with an example
// result and, where one condition would separate the bands, how to narrow one of them.
Result<void> check_bands(const std::vector<Band>& bands);

}  // namespace pinbridge::workflows
