#pragma once
// Customer webhooks, delivered from the durable queue. As an EventLog subscriber ("webhooks") it
// fans each subscribed domain event out into one "webhooks.deliver" job per interested endpoint
// (unique per event and endpoint), so endpoints retry independently. A delivery POSTs
// {"type","timestamp","data"} signed the Standard Webhooks way; only a 2xx answer counts, and
// every attempt is logged. Redirects are never followed (net::HttpClient does not).
#include <chrono>

#include "accounts/account_store.hpp"
#include "api/webhook_store.hpp"
#include "events/event_log.hpp"
#include "jobs/job_store.hpp"
#include "jobs/worker_pool.hpp"
#include "net/http_client.hpp"

namespace pinbridge::api {

inline constexpr std::string_view webhook_job_kind = "webhooks.deliver";

struct WebhookSettings {
  std::chrono::milliseconds timeout{std::chrono::seconds(10)};
  int max_attempts = 12;  // with the queue's backoff (1 s doubling, capped at 1 h): about a day
};

class WebhookDispatcher {
 public:
  WebhookDispatcher(WebhookStore& store, accounts::AccountStore& accounts, events::EventLog& events,
                    jobs::JobStore& jobs, const Clock& clock, WebhookSettings settings);

  // Subscribes to the event log; call before EventLog::register_jobs.
  void subscribe();
  void register_jobs(jobs::WorkerPool& workers);

  // The subscriber, in the event's transaction: one delivery job per endpoint that wants it.
  void fan_out(store::Connection& connection, const events::DomainEvent& event);
  jobs::JobResult deliver(const jobs::Job& job);

  // The request body for an event: {"type","timestamp","data"}.
  static nlohmann::json payload(const events::DomainEvent& event);
  static std::string message_id(std::int64_t event_id, std::int64_t endpoint_id);

 private:
  jobs::JobResult send(const WebhookEndpoint& endpoint, const events::DomainEvent& event,
                       const jobs::Job& job);
  jobs::JobResult finish(const WebhookAttempt& attempt, std::int64_t account_id, const jobs::Job& job,
                         std::optional<std::chrono::milliseconds> retry_after);

  WebhookStore& store_;
  accounts::AccountStore& accounts_;  // webhooks are part of the API add-on
  events::EventLog& events_;
  jobs::JobStore& jobs_;
  const Clock& clock_;
  WebhookSettings settings_;
  net::HttpClient http_;
};

}  // namespace pinbridge::api
