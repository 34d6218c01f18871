#pragma once
// The client's own cap on requests per second to one Pinpoint account, shared by every thread
// that uses that account's client, so a burst of our work never becomes a 429 storm in the first
// place (Pinpoint does not publish its limits).
//
// A token bucket that may go into debt: each caller reserves a token and is told how long to wait
// for it, so concurrent callers queue in arrival order instead of racing. When Pinpoint answers 429
// with Retry-After, pause_until() holds back every caller, not just the one that was refused.
// Time comes from the injected Clock; waiting is the caller's business (see Transport's sleeper).
#include <mutex>

#include "core/clock.hpp"

namespace pinbridge::pinpoint {

class RateLimiter {
 public:
  // rate: requests per second (<= 0: unlimited); burst: how many may go at once after a quiet spell.
  RateLimiter(const Clock& clock, double rate, double burst);

  // Takes a token and returns how long to wait before using it (0 when one is free now).
  Millis reserve();
  // No reservation starts before `until` (a 429's Retry-After applies to the whole account).
  void pause_until(Timestamp until);

 private:
  const Clock& clock_;
  const double rate_;
  const double burst_;
  std::mutex mutex_;
  double tokens_;
  Timestamp last_;
  Timestamp paused_until_;
};

}  // namespace pinbridge::pinpoint
