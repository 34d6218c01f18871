#pragma once
// The composition root: the only place that knows how the parts fit together. Everything else
// takes its dependencies in its constructor.
#include <memory>
#include <string>

#include "accounts/account_store.hpp"
#include "accounts/sessions.hpp"
#include "api/api_keys.hpp"
#include "api/idempotency.hpp"
#include "api/webhook_dispatcher.hpp"
#include "api/webhook_store.hpp"
#include "app/automations_parts.hpp"
#include "app/config.hpp"
#include "app/plugin_parts.hpp"
#include "app/workflow_parts.hpp"
#include "assessments/assessment_store.hpp"
#include "assessments/candidate_sessions.hpp"
#include "assessments/invitations.hpp"
#include "assessments/lifecycle_jobs.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/random.hpp"
#include "events/event_log.hpp"
#include "http/server.hpp"
#include "jobs/job_store.hpp"
#include "jobs/worker_pool.hpp"
#include "mail/delivery.hpp"
#include "mail/outbox.hpp"
#include "ops/metrics.hpp"
#include "store/database.hpp"

namespace pinbridge::app {

// What every command needs: the database (migrated), the clock and the stores.
struct Core {
  explicit Core(const Config& config);

  Config config;
  SystemClock clock;
  SeededRandom random;
  std::unique_ptr<store::Database> database;
  std::unique_ptr<accounts::AccountStore> accounts;
  std::unique_ptr<jobs::JobStore> jobs;
  std::unique_ptr<events::EventLog> events;
  std::unique_ptr<mail::Outbox> outbox;
  std::unique_ptr<assessments::AssessmentStore> assessments;
};

// The running server: Core plus sessions, metrics, the HTTP server and the job workers.
class Service {
 public:
  explicit Service(Core& core);
  ~Service();

  void start();
  void shutdown();
  std::string base_url() const;  // with the real port once started

 private:
  void register_jobs();

  Core& core_;
  std::unique_ptr<crypto::SecretBox> secret_box_;
  std::unique_ptr<accounts::SessionManager> sessions_;
  std::unique_ptr<ops::Metrics> metrics_;
  // The assessment platform's invitation side (it needs the master key and the public URL).
  std::unique_ptr<assessments::Links> links_;
  std::unique_ptr<assessments::PlatformDeps> platform_;
  std::unique_ptr<assessments::Invitations> invitations_;
  std::unique_ptr<assessments::CandidateSessions> candidates_;
  std::unique_ptr<assessments::LifecycleJobs> lifecycle_;
  // The public API (the API add-on) and customer webhooks.
  std::unique_ptr<api::ApiKeyStore> api_keys_;
  std::unique_ptr<api::IdempotencyStore> idempotency_;
  std::unique_ptr<api::WebhookStore> webhooks_;
  std::unique_ptr<api::WebhookDispatcher> webhook_dispatcher_;
  std::unique_ptr<AutomationsParts> automations_;  // Pinpoint connections, webhook ingest, processing
  std::unique_ptr<WorkflowParts> workflows_;       // the rules, their engine and run history
  std::unique_ptr<PluginParts> plugin_;            // the Pinpoint plugin: keys, endpoints, callbacks
  std::unique_ptr<mail::EmailDelivery> email_delivery_;
  std::unique_ptr<jobs::WorkerPool> workers_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace pinbridge::app
