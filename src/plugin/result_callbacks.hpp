#pragma once
// Result callbacks: when an invitation made through the plugin changes state (the candidate
// started, it completed, its result was re-graded or corrected, it expired, it was cancelled) we
// tell Pinpoint by POSTing {"externalIdentifier","event"} to the webhookUrl Pinpoint gave at submit,
// signed with X-Pinbridge-Signature (hex HMAC-SHA256 of the body keyed with the account's current
// Plugin API Key). Pinpoint forwards it to our webhook process endpoint, which answers with the
// invitation's state at that moment, so a late or repeated notice can only carry fresh news.
//
// As an EventLog subscriber ("plugin_callbacks") each such event becomes one "plugin.callback" job
// (unique per event), delivered from the durable queue: only a 2xx counts, anything else is retried
// with the queue's backoff (honouring Retry-After) up to max_attempts, and every attempt is logged.
#include <chrono>

#include "accounts/account_store.hpp"
#include "api/url_guard.hpp"
#include "assessments/invitations.hpp"
#include "events/event_log.hpp"
#include "jobs/job_store.hpp"
#include "jobs/worker_pool.hpp"
#include "net/http_client.hpp"
#include "plugin/callback_log.hpp"
#include "plugin/plugin_keys.hpp"

namespace pinbridge::plugin {

inline constexpr std::string_view callback_job_kind = "plugin.callback";

struct CallbackSettings {
  std::chrono::milliseconds timeout{std::chrono::seconds(10)};
  int max_attempts = 12;  // with the queue's backoff (1 s doubling, capped at 1 h): about a day
};

class ResultCallbacks {
 public:
  // policy: where callbacks may go (webhooks.allow_private_targets, shared with customer webhooks).
  ResultCallbacks(PluginKeyStore& keys, CallbackLog& log, assessments::Invitations& invitations,
                  accounts::AccountStore& accounts, jobs::JobStore& jobs, CallbackSettings settings,
                  api::UrlPolicy policy);

  // Subscribes to the event log; call before EventLog::register_jobs.
  void subscribe(events::EventLog& events);
  void register_jobs(jobs::WorkerPool& workers);

  // The subscriber: one job for a plugin invitation's state change, nothing for any other.
  void enqueue(store::Connection& connection, const events::DomainEvent& event);
  jobs::JobResult deliver(const jobs::Job& job);

 private:
  jobs::JobResult send(CallbackAttempt& attempt, const jobs::Job& job);
  jobs::JobResult finish(const CallbackAttempt& attempt, const jobs::Job& job,
                         std::optional<std::chrono::milliseconds> retry_after);

  PluginKeyStore& keys_;
  CallbackLog& log_;
  assessments::Invitations& invitations_;
  accounts::AccountStore& accounts_;
  jobs::JobStore& jobs_;
  CallbackSettings settings_;
  api::UrlPolicy policy_;
  net::HttpClient http_;
};

}  // namespace pinbridge::plugin
