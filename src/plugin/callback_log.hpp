#pragma once
// Every delivery attempt of a result callback to Pinpoint, for the Activity page: when, for which
// invitation and event, to which URL, and how it went.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace pinbridge::plugin {

struct CallbackAttempt {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::int64_t invitation_id = 0;
  std::int64_t event_id = 0;
  std::string event;  // "assessment_completed", ...
  std::string url;
  int attempt = 0;
  std::optional<int> status_code;  // none: no HTTP answer (refused, timed out, blocked)
  bool succeeded = false;
  std::int64_t duration_ms = 0;
  std::optional<std::string> error;
  Timestamp created_at;
};

class CallbackLog {
 public:
  CallbackLog(store::Database& database, const Clock& clock);

  void record(const CallbackAttempt& attempt);  // created_at is now
  // The account's attempts, newest first.
  std::vector<CallbackAttempt> recent(std::int64_t account_id, int limit, int offset);
  std::int64_t count(std::int64_t account_id);

 private:
  store::Database& database_;
  const Clock& clock_;
};

}  // namespace pinbridge::plugin
