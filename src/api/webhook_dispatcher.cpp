#include "api/webhook_dispatcher.hpp"

#include "api/api_json.hpp"
#include "api/webhook_signature.hpp"

namespace pinbridge::api {
namespace {

using nlohmann::json;

constexpr auto max_retry_after = std::chrono::hours(1);

json nullable_text(const json& data, const char* name) {
  const auto value = data.value(name, std::string());
  return value.empty() ? json(nullptr) : json(value);
}

}  // namespace

WebhookDispatcher::WebhookDispatcher(WebhookStore& store, accounts::AccountStore& accounts,
                                     events::EventLog& events, jobs::JobStore& jobs, const Clock& clock,
                                     WebhookSettings settings)
    : store_(store), accounts_(accounts), events_(events), jobs_(jobs), clock_(clock), settings_(settings) {}

void WebhookDispatcher::subscribe() {
  std::vector<std::string> kinds(std::begin(webhook_event_types), std::end(webhook_event_types));
  events_.subscribe("webhooks", kinds,
                    [this](store::Connection& c, const events::DomainEvent& event) { fan_out(c, event); });
}

void WebhookDispatcher::register_jobs(jobs::WorkerPool& workers) {
  workers.register_handler(std::string(webhook_job_kind),
                           [this](const jobs::Job& job) { return deliver(job); });
}

std::string WebhookDispatcher::message_id(std::int64_t event_id, std::int64_t endpoint_id) {
  return "msg_" + std::to_string(event_id) + "_" + std::to_string(endpoint_id);
}

json WebhookDispatcher::payload(const events::DomainEvent& event) {
  const json& in = event.data;
  json data = {
      {"invitation_id", in.value("invitation_id", std::int64_t{0})},
      {"assessment_id", in.value("assessment_id", std::int64_t{0})},
      {"external_ref", nullable_text(in, "external_ref")},
      {"candidate", {{"name", in.value("candidate_name", "")}, {"email", in.value("candidate_email", "")}}}};
  if (event.kind == webhook_assessment_completed) {
    for (const char* name : {"result_id", "result_version", "score", "passed", "report_url"})
      if (in.contains(name)) data[name] = in[name];
  }
  return {{"type", event.kind}, {"timestamp", iso_time(event.created_at)}, {"data", std::move(data)}};
}

void WebhookDispatcher::fan_out(store::Connection& c, const events::DomainEvent& event) {
  // Events while the add-on is off are not sent later either: the customer turned the feature off.
  if (!accounts_.has_addon(c, event.account_id, accounts::Addon::api)) return;
  for (const auto& endpoint : store_.list(c, event.account_id)) {
    if (!endpoint.wants(event.kind)) continue;
    jobs::NewJob job;
    job.kind = webhook_job_kind;
    job.args = {{"event_id", event.id}, {"endpoint_id", endpoint.id}};
    job.account_id = event.account_id;
    job.unique_key = message_id(event.id, endpoint.id);  // a re-run of the fan-out adds nothing
    job.max_attempts = settings_.max_attempts;
    jobs_.enqueue(c, job);
  }
}

jobs::JobResult WebhookDispatcher::deliver(const jobs::Job& job) {
  const auto event = events_.find(job.args.at("event_id").get<std::int64_t>());
  if (!event) return jobs::JobResult::discard("event no longer exists");
  const auto endpoint = store_.find(event->account_id, job.args.at("endpoint_id").get<std::int64_t>());
  // The customer removed the endpoint meanwhile: nothing left to deliver to.
  if (!endpoint) return jobs::JobResult::cancel("webhook endpoint removed");
  return send(*endpoint, *event, job);
}

jobs::JobResult WebhookDispatcher::send(const WebhookEndpoint& endpoint, const events::DomainEvent& event,
                                        const jobs::Job& job) {
  WebhookAttempt attempt;
  attempt.endpoint_id = endpoint.id;
  attempt.event_id = event.id;
  attempt.message_id = message_id(event.id, endpoint.id);
  attempt.event_type = event.kind;
  attempt.attempt = job.attempt;
  // Checked again at delivery: the host's DNS may now point somewhere it must not.
  if (auto target = check_target(endpoint.url, store_.policy()); !target) {
    attempt.error = "refused: " + target.error().message;
    return finish(attempt, endpoint.account_id, job, std::nullopt);
  }
  auto secret = store_.secret(endpoint);
  if (!secret) return jobs::JobResult::discard("webhook secret unreadable: " + secret.error().message);
  const std::string body = payload(event).dump();
  const auto timestamp = to_unix_ms(clock_.now()) / 1000;
  auto signature = sign_webhook(*secret, attempt.message_id, timestamp, body);
  if (!signature) return jobs::JobResult::discard(signature.error().message);
  net::HttpRequest request;
  request.method = "POST";
  request.url = endpoint.url;
  request.timeout = settings_.timeout;
  request.body = body;
  request.headers = {{"Content-Type", "application/json"},
                     {"User-Agent", "Pinbridge-Webhooks/1"},
                     {"webhook-id", attempt.message_id},
                     {"webhook-timestamp", std::to_string(timestamp)},
                     {"webhook-signature", *signature}};
  const auto started = std::chrono::steady_clock::now();
  const auto response = http_.send(request);
  attempt.duration_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
          .count();
  if (!response) {
    attempt.error = response.error().message;
    return finish(attempt, endpoint.account_id, job, std::nullopt);
  }
  attempt.status_code = response->status;
  attempt.succeeded = response->status >= 200 && response->status < 300;
  if (!attempt.succeeded) attempt.error = "HTTP " + std::to_string(response->status);
  return finish(attempt, endpoint.account_id, job, response->retry_after(max_retry_after));
}

jobs::JobResult WebhookDispatcher::finish(const WebhookAttempt& attempt, std::int64_t account_id,
                                          const jobs::Job& job,
                                          std::optional<std::chrono::milliseconds> retry_after) {
  store_.record_attempt(account_id, attempt);
  if (attempt.succeeded) return jobs::JobResult::done();
  const std::string error = attempt.error.value_or("failed");
  if (job.attempt >= job.max_attempts) return jobs::JobResult::discard(error + " (last attempt)");
  return jobs::JobResult::retry(error, retry_after);
}

}  // namespace pinbridge::api
