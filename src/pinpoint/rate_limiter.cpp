#include "pinpoint/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace pinbridge::pinpoint {

RateLimiter::RateLimiter(const Clock& clock, double rate, double burst)
    : clock_(clock),
      rate_(rate),
      burst_(std::max(1.0, burst)),
      tokens_(std::max(1.0, burst)),
      last_(clock.now()),
      paused_until_(clock.now()) {}

Millis RateLimiter::reserve() {
  std::lock_guard lock(mutex_);
  const Timestamp now = clock_.now();
  if (rate_ <= 0)
    return paused_until_ > now ? std::chrono::duration_cast<Millis>(paused_until_ - now) : Millis{0};
  if (now > last_) {
    tokens_ = std::min(burst_, tokens_ + std::chrono::duration<double>(now - last_).count() * rate_);
    last_ = now;
  }
  tokens_ -= 1.0;
  // last_ may lie ahead after a pause: the bucket only refills from then on. In debt, this
  // caller's token arrives once the debt is paid back at rate_ per second.
  Millis wait = last_ > now ? std::chrono::duration_cast<Millis>(last_ - now) : Millis{0};
  // The epsilon keeps float noise (3.9000000001 s) from adding a millisecond.
  if (tokens_ < 0) wait += Millis{static_cast<long long>(std::ceil(-tokens_ * 1000.0 / rate_ - 1e-6))};
  return wait;
}

void RateLimiter::pause_until(Timestamp until) {
  std::lock_guard lock(mutex_);
  paused_until_ = std::max(paused_until_, until);
  if (rate_ <= 0 || until <= last_) return;
  // After the pause one request goes first and the rest follow at the steady rate, rather than
  // every waiting caller hitting Pinpoint in the same millisecond and being refused again.
  const Timestamp now = clock_.now();
  if (now > last_)
    tokens_ = std::min(burst_, tokens_ + std::chrono::duration<double>(now - last_).count() * rate_);
  tokens_ = std::min(tokens_, 1.0);
  last_ = until;
}

}  // namespace pinbridge::pinpoint
