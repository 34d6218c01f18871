#pragma once
// The webhook deliveries an account received from Pinpoint, read back for its Activity page:
// when each arrived, whether its signature was verified, whether it repeated an earlier one, and
// what processing made of it. WebhookIngest writes the rows and DeliveryProcessor their outcome;
// this only reads, and always within one account.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace pinbridge::automations {

// Every value of pinpoint_deliveries.outcome, in the order a delivery moves through them.
inline constexpr std::array<std::string_view, 6> delivery_outcomes{"pending",   "duplicate", "ignored",
                                                                   "processed", "retrying",  "failed"};

struct DeliveryRecord {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  Timestamp received_at;
  std::string event;
  bool verified = false;
  bool duplicate = false;
  std::string outcome;                        // one of delivery_outcomes
  std::optional<std::string> outcome_detail;  // why it failed or is retrying, in the recruiter's words
  std::optional<Timestamp> processed_at;
  std::string body;  // the raw payload; only DeliveryLog::find fills it (lists stay light)
};

// Empty members match everything.
struct DeliveryFilter {
  std::optional<std::string> event;    // exact event name
  std::optional<std::string> outcome;  // exact outcome
  std::optional<bool> verified;
};

class DeliveryLog {
 public:
  explicit DeliveryLog(store::Database& database);

  // The account's deliveries that match, newest first, without their bodies.
  std::vector<DeliveryRecord> list(std::int64_t account_id, const DeliveryFilter& filter, int limit,
                                   int offset);
  std::int64_t count(std::int64_t account_id, const DeliveryFilter& filter);
  // One delivery with its body; nullopt when it is missing or belongs to another account.
  std::optional<DeliveryRecord> find(std::int64_t account_id, std::int64_t id);
  // The event names among the account's recent deliveries, sorted: choices for a filter.
  std::vector<std::string> recent_events(std::int64_t account_id);

 private:
  store::Database& database_;
};

}  // namespace pinbridge::automations
