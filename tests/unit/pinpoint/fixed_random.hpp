#pragma once
#include "core/random.hpp"

namespace pinbridge::pinpoint::testing {

// Always the same draw: 0.5 makes BackoffPolicy's jitter vanish; 0.0 makes a Retry-After exact.
class FixedRandom final : public Random {
 public:
  explicit FixedRandom(double value) : value_(value) {}
  double uniform() override { return value_; }

 private:
  double value_;
};

}  // namespace pinbridge::pinpoint::testing
