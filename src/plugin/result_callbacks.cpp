#include "plugin/result_callbacks.hpp"

#include "plugin/plugin_actions.hpp"
#include "plugin/references.hpp"

namespace pinbridge::plugin {
namespace {

using nlohmann::json;

constexpr auto max_retry_after = std::chrono::hours(1);

std::vector<std::string> subscribed_kinds() {
  namespace kind = assessments::event_kind;
  return {std::string(kind::candidate_started), std::string(kind::assessment_completed),
          std::string(kind::result_updated), std::string(kind::invitation_expired),
          std::string(kind::invitation_cancelled)};
}

std::int64_t elapsed_ms(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
      .count();
}

}  // namespace

ResultCallbacks::ResultCallbacks(PluginKeyStore& keys, CallbackLog& log,
                                 assessments::Invitations& invitations, accounts::AccountStore& accounts,
                                 jobs::JobStore& jobs, CallbackSettings settings, api::UrlPolicy policy)
    : keys_(keys),
      log_(log),
      invitations_(invitations),
      accounts_(accounts),
      jobs_(jobs),
      settings_(settings),
      policy_(policy) {}

void ResultCallbacks::subscribe(events::EventLog& events) {
  events.subscribe("plugin_callbacks", subscribed_kinds(),
                   [this](store::Connection& c, const events::DomainEvent& event) { enqueue(c, event); });
}

void ResultCallbacks::register_jobs(jobs::WorkerPool& workers) {
  workers.register_handler(std::string(callback_job_kind),
                           [this](const jobs::Job& job) { return deliver(job); });
}

void ResultCallbacks::enqueue(store::Connection& c, const events::DomainEvent& event) {
  const auto name = callback_event(event.kind);
  if (!name ||
      event.data.value("source", "") != assessments::source_name(assessments::InvitationSource::plugin))
    return;
  // Like customer webhooks: with the add-on off the plugin is off, and its keys are refused too.
  if (!accounts_.has_addon(c, event.account_id, accounts::Addon::api)) return;
  jobs::NewJob job;
  job.kind = callback_job_kind;
  job.args = {{"event_id", event.id},
              {"invitation_id", event.data.value("invitation_id", std::int64_t{0})},
              {"event", *name}};
  job.account_id = event.account_id;
  job.unique_key = std::string(callback_job_kind) + ":" + std::to_string(event.id);  // a re-run adds nothing
  job.max_attempts = settings_.max_attempts;
  jobs_.enqueue(c, job);
}

jobs::JobResult ResultCallbacks::deliver(const jobs::Job& job) {
  if (!job.account_id) return jobs::JobResult::discard("a callback job without an account");
  const auto invitation =
      invitations_.find(*job.account_id, job.args.at("invitation_id").get<std::int64_t>());
  if (!invitation || !invitation->callback_url)
    return jobs::JobResult::cancel("no callback URL to deliver to");
  CallbackAttempt attempt;
  attempt.account_id = invitation->account_id;
  attempt.invitation_id = invitation->id;
  attempt.event_id = job.args.at("event_id").get<std::int64_t>();
  attempt.event = job.args.at("event").get<std::string>();
  attempt.url = *invitation->callback_url;
  attempt.attempt = job.attempt;
  return send(attempt, job);
}

jobs::JobResult ResultCallbacks::send(CallbackAttempt& attempt, const jobs::Job& job) {
  // Checked at every attempt: the host's DNS may now point somewhere it must not.
  if (auto target = api::check_target(attempt.url, policy_); !target) {
    attempt.error = "refused: " + target.error().message;
    return finish(attempt, job, std::nullopt);
  }
  // Signed with the key at this moment, so a notice retried after a rotation verifies in Pinpoint
  // once the customer has pasted the new key there.
  auto key = keys_.find(attempt.account_id);
  if (!key || !*key) return jobs::JobResult::discard("the account has no readable plugin key");
  const std::string body = json{
      {"externalIdentifier", invitation_reference(attempt.invitation_id)},
      {"event", attempt.event}}.dump();
  net::HttpRequest request;
  request.method = "POST";
  request.url = attempt.url;
  request.timeout = settings_.timeout;
  request.body = body;
  request.headers = {{"Content-Type", "application/json"},
                     {"User-Agent", "Pinbridge-Plugin/1"},
                     {std::string(signature_header), callback_signature((*key)->key, body)}};
  const auto started = std::chrono::steady_clock::now();
  const auto response = http_.send(request);
  attempt.duration_ms = elapsed_ms(started);
  if (!response) {
    attempt.error = response.error().message;
    return finish(attempt, job, std::nullopt);
  }
  attempt.status_code = response->status;
  attempt.succeeded = response->status >= 200 && response->status < 300;
  if (!attempt.succeeded) attempt.error = "HTTP " + std::to_string(response->status);
  return finish(attempt, job, response->retry_after(max_retry_after));
}

jobs::JobResult ResultCallbacks::finish(const CallbackAttempt& attempt, const jobs::Job& job,
                                        std::optional<std::chrono::milliseconds> retry_after) {
  log_.record(attempt);
  if (attempt.succeeded) return jobs::JobResult::done();
  const std::string error = attempt.error.value_or("failed");
  if (job.attempt >= job.max_attempts) return jobs::JobResult::discard(error + " (last attempt)");
  return jobs::JobResult::retry(error, retry_after);
}

}  // namespace pinbridge::plugin
