#pragma once
// Exponential backoff with jitter: base * 2^(attempt-1), capped, then spread by +/- jitter so that
// jobs that failed together do not retry together.
#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/random.hpp"

namespace pinbridge::jobs {

struct BackoffPolicy {
  std::chrono::milliseconds base{1000};
  std::chrono::milliseconds cap{std::chrono::hours(1)};
  double jitter = 0.2;  // fraction of the delay, each way

  std::chrono::milliseconds delay(int attempt, Random& random) const {
    const double exponent = std::clamp(attempt - 1, 0, 40);
    const double raw = std::min(static_cast<double>(base.count()) * std::pow(2.0, exponent),
                                static_cast<double>(cap.count()));
    const double spread = 1.0 + jitter * (2.0 * random.uniform() - 1.0);
    return std::chrono::milliseconds(static_cast<long long>(raw * spread));
  }
};

}  // namespace pinbridge::jobs
