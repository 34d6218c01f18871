#pragma once
// Webhooks from the simulated Pinpoint to customer endpoints, as pinpoint-api.md describes them:
// one durable delivery job per subscribed endpoint, created in the same transaction as the change
// that fired it; POST of the envelope {"event","triggeredAt","data"} signed with
// PINPOINT-HMAC-SHA256 = base64(HMAC-SHA256(secret, raw body)); success only on 2xx; up to 10
// retries with exponential backoff and jitter whose base and cap are adjustable at runtime (so
// tests compress Pinpoint's 24 hours into seconds); every attempt logged in webhook_attempts.
#include <atomic>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/random.hpp"
#include "core/result.hpp"
#include "jobs/job_store.hpp"
#include "net/http_client.hpp"
#include "sim/attempt_log.hpp"
#include "store/database.hpp"

namespace pinbridge::sim {

inline constexpr std::string_view delivery_job_kind = "webhook_delivery";
inline constexpr int delivery_max_attempts = 11;  // the first try and 10 retries

struct WebhookTiming {
  std::int64_t backoff_base_ms = 90'000;  // 90 s, 3 min, ... : 10 retries span about a day
  std::int64_t backoff_max_ms = std::int64_t{8} * 3'600'000;  // no single wait over 8 hours
  std::int64_t timeout_ms = 5'000;                            // Pinpoint's documented delivery timeout
};

// base64(HMAC-SHA256(secret, body)), the PINPOINT-HMAC-SHA256 header value.
std::string webhook_signature(std::string_view secret, std::string_view body);

class Webhooks {
 public:
  Webhooks(jobs::JobStore& queue, store::Database& database, const Clock& clock, Random& jitter,
           WebhookTiming timing);

  // Enqueues a delivery of event to every endpoint of the company subscribed to it (an endpoint
  // with an empty event list gets every event). Returns how many deliveries were enqueued.
  int fire(store::Connection& connection, std::int64_t company_id, std::string_view event,
           const nlohmann::json& data);
  // Enqueues `count` "test" deliveries to one endpoint in one transaction (the "send test" button;
  // a count above 1 is for load tests). Returns the first delivery id; not_found when absent.
  Result<std::int64_t> send_test(std::int64_t endpoint_id, int count = 1);
  // The job handler: one delivery attempt.
  jobs::JobResult deliver(const jobs::Job& job);

  // Returns once every attempt made so far is readable in webhook_attempts.
  void flush_attempts() { attempts_.flush(); }

  WebhookTiming timing() const;
  void set_timing(const WebhookTiming& timing);

 private:
  std::int64_t enqueue(store::Connection& connection, std::int64_t endpoint_id, std::string_view event,
                       const nlohmann::json& data);
  void log_attempt(const jobs::Job& job, int status, const std::string& error, std::int64_t duration_ms);
  std::chrono::milliseconds backoff(int attempt);

  jobs::JobStore& queue_;
  store::Database& database_;
  const Clock& clock_;
  Random& jitter_;
  AttemptLog attempts_;
  net::HttpClient client_{net::HttpClientSettings{.reuse_connections = true}};
  std::atomic<std::int64_t> base_ms_;
  std::atomic<std::int64_t> max_ms_;
  std::atomic<std::int64_t> timeout_ms_;
};

}  // namespace pinbridge::sim
