#include "accounts/login_limiter.hpp"

namespace pinbridge::accounts {
namespace {

constexpr std::size_t sweep_threshold = 10'000;  // keys kept before old ones are swept out

std::string email_key(const std::string& email) {
  return "email:" + email;
}
std::string address_key(const std::string& address) {
  return "addr:" + address;
}

}  // namespace

int LoginLimiter::recent(const std::string& key, Timestamp now) {
  const auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  Failures& times = it->second;
  while (!times.empty() && now - times.front() >= limits_.window) times.pop_front();
  return static_cast<int>(times.size());
}

bool LoginLimiter::allowed(const std::string& email, const std::string& address) {
  std::lock_guard lock(mutex_);
  const Timestamp now = clock_.now();
  return recent(email_key(email), now) < limits_.max_failures &&
         recent(address_key(address), now) < limits_.max_failures * limits_.address_multiplier;
}

void LoginLimiter::record_failure(const std::string& email, const std::string& address) {
  std::lock_guard lock(mutex_);
  const Timestamp now = clock_.now();
  if (failures_.size() > sweep_threshold) forget_old(now);
  failures_[email_key(email)].push_back(now);
  failures_[address_key(address)].push_back(now);
}

void LoginLimiter::record_success(const std::string& email) {
  std::lock_guard lock(mutex_);
  failures_.erase(email_key(email));
}

void LoginLimiter::forget_old(Timestamp now) {
  std::erase_if(failures_, [&](const auto& entry) {
    return entry.second.empty() || now - entry.second.back() >= limits_.window;
  });
}

}  // namespace pinbridge::accounts
