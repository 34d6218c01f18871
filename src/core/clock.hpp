#pragma once
// Time is injected so that backoff, leases, expiry and rate limits are tested with a fake clock
// instead of sleeps (the idea of Envoy's TimeSource).
#include <atomic>
#include <chrono>
#include <cstdint>

namespace pinbridge {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;
using Millis = std::chrono::milliseconds;

// Unix milliseconds, the form every timestamp takes in the database.
inline std::int64_t to_unix_ms(Timestamp t) {
  return t.time_since_epoch().count();
}
inline Timestamp from_unix_ms(std::int64_t ms) {
  return Timestamp{Millis{ms}};
}

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp now() const override {
    return std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
  }
};

// A clock that moves only when told to. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp start = from_unix_ms(1'700'000'000'000)) : now_ms_(to_unix_ms(start)) {}
  Timestamp now() const override { return from_unix_ms(now_ms_.load()); }
  void advance(Millis by) { now_ms_ += by.count(); }
  void set(Timestamp t) { now_ms_ = to_unix_ms(t); }

 private:
  std::atomic<std::int64_t> now_ms_;
};

}  // namespace pinbridge
