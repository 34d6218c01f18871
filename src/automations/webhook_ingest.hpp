#pragma once
// Pinpoint's webhook deliveries, verify -> persist -> acknowledge: the signature is checked on the
// raw body bytes in constant time, the delivery is stored with its deduplication key in the same
// transaction as the job that will process it, and only then does the caller answer 2xx. Stores
// go through a group commit, so under load one transaction holds many deliveries.
//
// Pinpoint sends no delivery id, so the key is the SHA-256 of the body (which carries the event's
// time), stored after the body's "triggeredAt" so that keys are indexed in nearly increasing order:
// a retried or replayed delivery has the same pair, is recorded as a duplicate for the Activity
// page, and starts no work.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "automations/connection_store.hpp"
#include "core/result.hpp"
#include "jobs/job_store.hpp"
#include "store/group_commit.hpp"

namespace pinbridge::automations {

struct IngestSettings {
  std::size_t max_body_bytes =
      std::size_t{64} * 1024;            // Pinpoint's payloads carry ids only: a few hundred bytes
  std::chrono::hours key_retention{72};  // dedup keys kept at least this long (>= 48 h)
  std::size_t max_batch = 256;           // deliveries per group-commit transaction
};

// The events a connection processes; others are stored and marked ignored.
bool is_handled_event(std::string_view event);

inline constexpr std::string_view process_job_kind = "pinpoint.process_delivery";
inline constexpr std::string_view signature_header = "PINPOINT-HMAC-SHA256";

enum class IngestOutcome { stored, duplicate, ignored };

class WebhookIngest {
 public:
  WebhookIngest(store::Database& database, jobs::JobStore& jobs, ConnectionStore& connections,
                const Clock& clock, IngestSettings settings);

  // not_found: no connection has this token; unauthorized: the signature is missing or wrong while
  // a signing secret is set; invalid_input: not a JSON object with an "event"; payload_too_large.
  // Returns once the delivery is committed; throws when its transaction failed.
  Result<IngestOutcome> receive(std::string_view token, const std::optional<std::string>& signature,
                                const std::string& body);

  // The same without holding the calling thread while the delivery waits for its commit: done is
  // called once, at once for a refused delivery, else from the group commit's writer once the
  // transaction holding it committed, or failed (unavailable: nothing was stored; retry). It must
  // be quick and must not throw.
  using Done = std::function<void(Result<IngestOutcome>)>;
  void receive_async(std::string_view token, const std::optional<std::string>& signature,
                     const std::string& body, const Done& done);
  // Deletes deduplication keys older than the retention; returns how many.
  std::int64_t prune_keys();

 private:
  struct Delivery {
    std::int64_t account_id = 0;
    std::string event;
    std::int64_t triggered_at = 0;  // the body's "triggeredAt"; part of the deduplication key
    bool verified = false;
    std::string body;
    Timestamp received_at;
  };
  // Verifies and parses a delivery: what to store, or why it is refused.
  Result<Delivery> accept(std::string_view token, const std::optional<std::string>& signature,
                          const std::string& body);
  std::vector<IngestOutcome> write_batch(store::Connection& c, const std::vector<Delivery>& batch);
  IngestOutcome write_one(store::Connection& c, const Delivery& delivery);

  store::Database& database_;
  jobs::JobStore& jobs_;
  ConnectionStore& connections_;
  const Clock& clock_;
  IngestSettings settings_;
  store::GroupCommit<Delivery, IngestOutcome> committer_;  // last: its writer thread uses the above
};

// Base64 of HMAC-SHA256(secret, body): the value Pinpoint puts in PINPOINT-HMAC-SHA256.
std::string pinpoint_signature(const Secret& secret, std::string_view body);

}  // namespace pinbridge::automations
