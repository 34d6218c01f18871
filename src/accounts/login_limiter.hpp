#pragma once
// Slows password guessing: after max_failures failed sign-ins within the window, for one email or
// from one address (which gets a larger allowance, since offices share addresses), further
// attempts are refused until the window has passed. Kept in memory: each node limits on its own.
#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"

namespace pinbridge::accounts {

struct LoginLimits {
  int max_failures = 5;
  int address_multiplier = 4;
  std::chrono::milliseconds window{std::chrono::minutes(15)};
};

class LoginLimiter {
 public:
  LoginLimiter(const Clock& clock, LoginLimits limits) : clock_(clock), limits_(limits) {}

  bool allowed(const std::string& email, const std::string& address);
  void record_failure(const std::string& email, const std::string& address);
  void record_success(const std::string& email);

 private:
  using Failures = std::deque<Timestamp>;
  int recent(const std::string& key, Timestamp now);
  void forget_old(Timestamp now);

  const Clock& clock_;
  LoginLimits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, Failures> failures_;  // "email:..." and "addr:..." keys
};

}  // namespace pinbridge::accounts
