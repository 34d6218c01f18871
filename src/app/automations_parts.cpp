#include "app/automations_parts.hpp"

#include "app/periodic.hpp"
#include "automations/webhook_routes.hpp"

namespace pinbridge::app {
namespace {

constexpr auto prune_interval = std::chrono::hours(1);
constexpr auto call_retention = std::chrono::hours(24 * 30);
constexpr std::string_view prune_kind = "pinpoint.prune";
constexpr auto stage_sweep_interval = std::chrono::hours(1);
constexpr std::string_view stage_sweep_kind = "pinpoint.refresh_all_stages";

}  // namespace

AutomationsParts::AutomationsParts(const Config& config, store::Database& database, jobs::JobStore& jobs,
                                   events::EventLog& events, const Clock& clock, Random& random,
                                   const crypto::SecretBox& secrets)
    : connections(database, clock, secrets),
      calls(database),
      deliveries(database),
      clients(connections, calls, http, clock, random, config.pinpoint),
      stages(database, clock),
      stage_refresh(jobs, connections, clients, stages, clock),
      ingest(database, jobs, connections, clock, config.pinpoint_ingest),
      processor(database, events, clients, stages, clock) {}

void AutomationsParts::add_routes(http::Router& router) {
  automations::add_webhook_routes(router, ingest);
}

void AutomationsParts::register_jobs(jobs::WorkerPool& workers, jobs::JobStore& jobs, const Clock& clock) {
  processor.register_jobs(workers);
  workers.register_handler(std::string(prune_kind), [this, &jobs, &clock](const jobs::Job&) {
    ingest.prune_keys();
    calls.prune(clock.now() - call_retention);
    jobs.enqueue(next_periodic(std::string(prune_kind), prune_interval, clock.now()));
    return jobs::JobResult::done();
  });
  stage_refresh.register_jobs(workers);
  workers.register_handler(std::string(stage_sweep_kind), [this, &jobs, &clock](const jobs::Job&) {
    stage_refresh.request_all();
    jobs.enqueue(next_periodic(std::string(stage_sweep_kind), stage_sweep_interval, clock.now()));
    return jobs::JobResult::done();
  });
}

void AutomationsParts::start(jobs::JobStore& jobs, const Clock& clock) {
  jobs.enqueue(next_periodic(std::string(prune_kind), prune_interval, clock.now()));
  jobs.enqueue(next_periodic(std::string(stage_sweep_kind), stage_sweep_interval, clock.now()));
}

}  // namespace pinbridge::app
