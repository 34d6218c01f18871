#pragma once
// The workflow half of pinbridge assembled in one process against a pinpoint-sim URL, the way
// app/runtime.cpp assembles it: webhook ingest, delivery processing, the engine and its executor,
// the assessment platform, and a worker pool, all on one database. The engine tests and the
// workflow benchmark build on it; header-only, so only they link the libraries it needs.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "automations/call_log.hpp"
#include "automations/connection_store.hpp"
#include "automations/delivery_processor.hpp"
#include "automations/pinpoint_clients.hpp"
#include "automations/stage_cache.hpp"
#include "automations/webhook_ingest.hpp"
#include "jobs/worker_pool.hpp"
#include "support/test_platform.hpp"
#include "workflows/engine.hpp"
#include "workflows/executor.hpp"
#include "workflows/run_log.hpp"
#include "workflows/workflow_store.hpp"

namespace pinbridge::testing {

// Client options for a simulator on loopback: short retries; requests_per_second 0 turns our own
// per-account limit off.
inline pinpoint::ClientOptions sim_client_options(const std::string& url, double requests_per_second = 0) {
  pinpoint::ClientOptions options;
  options.base_url_override = url;
  options.retry.max_attempts = 3;
  options.retry.backoff = {pinpoint::Millis{5}, pinpoint::Millis{20}, 0.0};
  options.requests_per_second = requests_per_second;  // evenly spaced: the default burst of 1
  return options;
}

// The three core rules, in a workflow named "Backend screen": send the assessment when an
// application enters Review (any job), post the record and a comment, and move by score: 50 or more
// to Interview (with pass_tags), below 50 to Rejected. A refused rule fails the test.
inline void add_core_rules(workflows::WorkflowStore& store, std::int64_t account_id,
                           std::int64_t assessment_id, std::vector<std::string> pass_tags = {}) {
  using namespace workflows;
  const auto workflow = store.create(account_id, "Backend screen");
  ASSERT_TRUE(workflow) << workflow.error().message;
  SendOnStage send;
  send.stage.stage_name = "Review";
  send.assessment_id = assessment_id;
  PostResults post;
  post.comment = true;
  MoveOnResult move;
  move.assessment_id = assessment_id;
  move.bands = {Band{Combine::all, {{ConditionKind::score_at_least, 50}}, "Interview", std::move(pass_tags)},
                Band{Combine::all, {{ConditionKind::score_below, 50}}, "Rejected", {}}};
  for (const RuleSettings& rule : std::vector<RuleSettings>{send, post, move}) {
    const auto added = store.add_rule(account_id, workflow->id, rule);
    ASSERT_TRUE(added) << added.error().message;
  }
}

struct WorkflowStackSettings {
  std::string sim_url;
  int workers = 2;
  double requests_per_second = 0;
  jobs::OutcomeObserver observer;  // told of every job the workers finish (benchmarks count them)
};

class WorkflowStack {
 public:
  WorkflowStack(store::Database& db, const WorkflowStackSettings& settings)
      : database(db),
        clients(connections, calls, http, clock, random,
                sim_client_options(settings.sim_url, settings.requests_per_second)),
        workers(platform.jobs, database,
                jobs::WorkerSettings{settings.workers, std::chrono::milliseconds(20),
                                     std::chrono::seconds(30), std::chrono::minutes(10), "test"},
                settings.observer) {}
  ~WorkflowStack() { stop(); }
  WorkflowStack(const WorkflowStack&) = delete;
  WorkflowStack& operator=(const WorkflowStack&) = delete;

  // Registers every job kind the workflows need and starts the workers.
  void start() {
    platform.lifecycle.register_jobs(workers);
    engine.subscribe(platform.events);
    platform.events.register_jobs(workers);
    processor.register_jobs(workers);
    engine.register_jobs(workers);
    workers.start();
  }
  void stop() { workers.stop(); }

  store::Database& database;
  SystemClock clock;
  SeededRandom random{11};
  TestPlatform platform{database, clock};
  crypto::SecretBox box = *crypto::SecretBox::from_key(std::string(crypto::SecretBox::key_size, 'w'));
  net::HttpClient http{net::HttpClientSettings{.reuse_connections = true}};  // as the service has it
  automations::ConnectionStore connections{database, clock, box};
  automations::CallLog calls{database};
  automations::PinpointClients clients;
  automations::StageCache stages{database, clock};
  automations::WebhookIngest ingest{database, platform.jobs, connections, clock,
                                    automations::IngestSettings{}};
  automations::DeliveryProcessor processor{database, platform.events, clients, stages, clock};
  workflows::WorkflowStore workflows{database, clock};
  workflows::RunLog runs{database, clock};
  workflows::ActionExecutor executor{platform.invitations, platform.links, clients, stages};
  workflows::WorkflowEngine engine{
      database, platform.jobs, workflows, runs, executor, platform.assessments, platform.invitations,
      clients};
  jobs::WorkerPool workers;
};

}  // namespace pinbridge::testing
