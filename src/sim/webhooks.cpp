#include "sim/webhooks.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

#include "core/crypto.hpp"
#include "sim/sim_sql.hpp"

namespace pinbridge::sim {
namespace {

using nlohmann::json;

bool subscribed(const std::string& events_json, std::string_view event) {
  const auto events = json::parse(events_json, nullptr, false);
  if (!events.is_array() || events.empty()) return true;
  return std::any_of(events.begin(), events.end(),
                     [&](const json& e) { return e.is_string() && (e == event || e == "*"); });
}

}  // namespace

std::string webhook_signature(std::string_view secret, std::string_view body) {
  return crypto::base64_encode(crypto::hmac_sha256(secret, body));
}

Webhooks::Webhooks(jobs::JobStore& queue, store::Database& database, const Clock& clock, Random& jitter,
                   WebhookTiming timing)
    : queue_(queue),
      database_(database),
      clock_(clock),
      jitter_(jitter),
      attempts_(database),
      base_ms_(timing.backoff_base_ms),
      max_ms_(timing.backoff_max_ms),
      timeout_ms_(timing.timeout_ms) {}

WebhookTiming Webhooks::timing() const {
  return {base_ms_.load(), max_ms_.load(), timeout_ms_.load()};
}

void Webhooks::set_timing(const WebhookTiming& timing) {
  base_ms_ = timing.backoff_base_ms;
  max_ms_ = timing.backoff_max_ms;
  timeout_ms_ = timing.timeout_ms;
}

// The body is rendered once, here, so every retry sends (and signs) the very same bytes.
std::int64_t Webhooks::enqueue(store::Connection& connection, std::int64_t endpoint_id,
                               std::string_view event, const json& data) {
  const json envelope{{"event", event}, {"triggeredAt", to_unix_ms(clock_.now()) / 1000}, {"data", data}};
  jobs::NewJob job;
  job.kind = std::string(delivery_job_kind);
  job.args = {{"endpoint_id", endpoint_id}, {"event", event}, {"body", envelope.dump()}};
  job.max_attempts = delivery_max_attempts;
  return queue_.enqueue(connection, job).id;
}

int Webhooks::fire(store::Connection& connection, std::int64_t company_id, std::string_view event,
                   const json& data) {
  int count = 0;
  for (const auto& row : connection.query(sql::select_endpoints, {company_id})) {
    if (!subscribed(row.text(2), event)) continue;
    enqueue(connection, row.integer(0), event, data);
    ++count;
  }
  return count;
}

Result<std::int64_t> Webhooks::send_test(std::int64_t endpoint_id, int count) {
  return database_.write([&](store::Connection& c) -> Result<std::int64_t> {
    if (!c.query_one(sql::select_endpoint, {endpoint_id}))
      return Error::not_found("no such webhook endpoint");
    const json data{{"message", "This is a test webhook from Pinpoint"}};
    const auto first = enqueue(c, endpoint_id, "test", data);
    for (int i = 1; i < count; ++i) enqueue(c, endpoint_id, "test", data);
    return first;
  });
}

std::chrono::milliseconds Webhooks::backoff(int attempt) {
  jobs::BackoffPolicy policy;
  policy.base = std::chrono::milliseconds(base_ms_.load());
  policy.cap = std::chrono::milliseconds(max_ms_.load());
  return policy.delay(attempt, jitter_);
}

void Webhooks::log_attempt(const jobs::Job& job, int status, const std::string& error,
                           std::int64_t duration_ms) {
  attempts_.add({job.id, job.args.value("endpoint_id", std::int64_t{0}),
                 job.args.value("event", std::string()), std::int64_t{job.attempt},
                 status == 0 ? std::nullopt : std::optional<std::int64_t>(status),
                 error.empty() ? std::nullopt : std::optional<std::string>(error), duration_ms,
                 to_unix_ms(clock_.now())});
}

jobs::JobResult Webhooks::deliver(const jobs::Job& job) {
  const auto endpoint = database_.read([&](store::Connection& c) {
    return c.query_one(sql::select_endpoint, {job.args["endpoint_id"].get<std::int64_t>()});
  });
  if (!endpoint) return jobs::JobResult::discard("the endpoint no longer exists");
  const auto body = job.args["body"].get<std::string>();
  net::HttpRequest request{"POST",
                           endpoint->text(1),
                           {{"Content-Type", "application/json"},
                            {"User-Agent", "Pinpoint-Webhooks (pinpoint-sim)"},
                            {"PINPOINT-HMAC-SHA256", webhook_signature(endpoint->text(3), body)}},
                           body,
                           std::chrono::milliseconds(timeout_ms_.load())};
  const auto started = std::chrono::steady_clock::now();
  const auto response = client_.send(request);
  const auto duration =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
          .count();
  const int status = response ? response->status : 0;
  const bool success = status >= 200 && status < 300;
  std::string error;
  if (!response)
    error = response.error().message;
  else if (!success)
    error = "HTTP " + std::to_string(status);
  log_attempt(job, status, error, duration);
  if (success) return jobs::JobResult::done();
  spdlog::info("webhook delivery {} attempt {}/{} failed: {}", job.id, job.attempt, job.max_attempts, error);
  return jobs::JobResult::retry(error, backoff(job.attempt));
}

}  // namespace pinbridge::sim
