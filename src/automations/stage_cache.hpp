#pragma once
// Each account's Pinpoint jobs and their stages, as last read from Pinpoint. Events name stages
// by id only; workflows are built from these lists (never typed by hand). Refreshed on demand from
// the dashboard, periodically, and at once when an event names a stage not known yet.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "pinpoint/client.hpp"
#include "store/database.hpp"

namespace pinbridge::automations {

struct KnownStage {
  pinpoint::Id job_id = 0;
  std::string job_title;
  std::string job_status;
  pinpoint::Stage stage;
};

class StageCache {
 public:
  StageCache(store::Database& database, const Clock& clock);

  // Replaces the account's jobs and stages with what Pinpoint says now.
  pinpoint::ApiResult<int> refresh(std::int64_t account_id, const pinpoint::PinpointClient& client);
  std::optional<KnownStage> find(std::int64_t account_id, pinpoint::Id job_id, pinpoint::Id stage_id);
  // Every known stage, by job title then stage position.
  std::vector<KnownStage> list(std::int64_t account_id);
  std::optional<Timestamp> synced_at(std::int64_t account_id);
  // Forgets the account's jobs and stages (it disconnected: they may belong to another Pinpoint).
  void clear(std::int64_t account_id);

 private:
  store::Database& database_;
  const Clock& clock_;
};

}  // namespace pinbridge::automations
