#pragma once
// Dashboard sessions. The browser holds a random token in an HttpOnly cookie; the database holds
// only its SHA-256, so a leaked database does not sign anyone in. Each session has its own CSRF
// token that every dashboard write must echo (form field or X-CSRF-Token header).
#include <chrono>
#include <optional>
#include <string>

#include "accounts/account_store.hpp"
#include "accounts/login_limiter.hpp"

namespace pinbridge::accounts {

struct SessionSettings {
  std::chrono::milliseconds lifetime{std::chrono::hours(12)};
  LoginLimits login_limits;
};

struct SessionContext {
  User user;
  Account account;
  std::string csrf_token;
  Timestamp expires_at;
};

struct NewSession {
  Secret token;  // goes into the cookie, and nowhere else
  Timestamp expires_at;
};

class SessionManager {
 public:
  SessionManager(store::Database& database, AccountStore& accounts, const Clock& clock,
                 SessionSettings settings);

  // unauthorized for a wrong email or password (the same message for both), rate_limited when
  // there were too many failures.
  Result<NewSession> sign_in(std::string_view email, const Secret& password,
                             const std::string& remote_address);
  std::optional<SessionContext> authenticate(std::string_view token);
  void sign_out(std::string_view token);
  // Deletes expired sessions; returns how many.
  int prune_expired();

  static bool csrf_matches(const SessionContext& session, std::string_view submitted);
  const SessionSettings& settings() const { return settings_; }

 private:
  store::Database& database_;
  AccountStore& accounts_;
  const Clock& clock_;
  SessionSettings settings_;
  LoginLimiter limiter_;
};

}  // namespace pinbridge::accounts
