#pragma once
// Workflows assembled: the rules, the run history, the executor and the engine that subscribes to
// domain events. Built by the Service after the platform and Pinpoint Automations it builds on;
// composition only, the behaviour lives in workflows/.
#include "assessments/invitations.hpp"
#include "automations/pinpoint_clients.hpp"
#include "automations/stage_cache.hpp"
#include "events/event_log.hpp"
#include "jobs/worker_pool.hpp"
#include "web/dashboard.hpp"
#include "workflows/engine.hpp"
#include "workflows/executor.hpp"
#include "workflows/run_log.hpp"
#include "workflows/workflow_store.hpp"

namespace pinbridge::app {

struct WorkflowParts {
  WorkflowParts(store::Database& database, jobs::JobStore& jobs, events::EventLog& events, const Clock& clock,
                assessments::AssessmentStore& assessments, assessments::Invitations& invitations,
                const assessments::Links& links, automations::PinpointClients& clients,
                automations::StageCache& stages)
      : store(database, clock),
        runs(database, clock),
        executor(invitations, links, clients, stages),
        engine(database, jobs, store, runs, executor, assessments, invitations, clients) {
    engine.subscribe(events);
  }

  workflows::WorkflowStore store;
  workflows::RunLog runs;
  workflows::ActionExecutor executor;
  workflows::WorkflowEngine engine;
  web::WorkflowServices dashboard{store, runs, engine};  // what the Workflows pages use
};

}  // namespace pinbridge::app
