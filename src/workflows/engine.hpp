#pragma once
// The workflow engine: domain events in, durable actions out.
//
// It subscribes to the events the planner knows (events "workflows" subscriber). For each event it
// reads the account's active rules, plans, and in one transaction records the run and the actions
// whose keys are new. A new invite is carried out in that transaction too (it calls no one); every
// other action gets a queue job ("workflows.action") that the executor runs. A failed action can
// be retried from the run history, as a job. Because the keys are unique and the executor looks
// before it writes, an event delivered twice, a job run twice after a crash, or our own stage move
// coming back from Pinpoint changes nothing more.
#include <cstdint>
#include <string>
#include <vector>

#include "assessments/assessment_store.hpp"
#include "automations/pinpoint_clients.hpp"
#include "core/result.hpp"
#include "events/event_log.hpp"
#include "jobs/job_store.hpp"
#include "jobs/worker_pool.hpp"
#include "workflows/executor.hpp"
#include "workflows/planner.hpp"
#include "workflows/run_log.hpp"
#include "workflows/workflow_store.hpp"

namespace pinbridge::workflows {

inline constexpr std::string_view action_job_kind = "workflows.action";

// The dry run's answer for one application.
struct Preview {
  std::string application;  // "Ada Lovelace, Backend engineer, stage Technical screen"
  struct Item {
    PlannedAction action;
    std::optional<ActionState> done;  // set when the action already exists: it will not run again
  };
  std::vector<Item> items;
};

class WorkflowEngine {
 public:
  WorkflowEngine(store::Database& database, jobs::JobStore& jobs, WorkflowStore& workflows, RunLog& runs,
                 ActionExecutor& executor, assessments::AssessmentStore& assessments,
                 assessments::Invitations& invitations, automations::PinpointClients& clients);

  // Subscribes to the events it plans for. Call before events.register_jobs.
  void subscribe(events::EventLog& events);
  void register_jobs(jobs::WorkerPool& workers);

  // Plans one event and records the run, its actions and their jobs through `connection`, in the
  // transaction that records the event (the subscriber's handler).
  void handle(store::Connection& connection, const events::DomainEvent& event);
  // Runs one action job.
  jobs::JobResult run_action(const jobs::Job& job);

  // The recruiter's retry of a failed action: pending again and queued now.
  Result<void> retry(std::int64_t account_id, std::int64_t action_id);
  // What the active rules would do now for the application (read from Pinpoint), done nothing.
  Result<Preview> dry_run(std::int64_t account_id, std::int64_t application_id);

 private:
  // Reads through `connection` when given: inside the event's transaction.
  PlanContext context(std::int64_t account_id, store::Connection* connection = nullptr);
  void preview(Preview& preview, std::int64_t account_id, const Plan& plan);
  // Carries out a new invite action in the planning transaction and records its attempt there.
  void invite_now(store::Connection& c, const Action& action);
  // Records the attempt; the queue's verdict on the job.
  jobs::JobResult settle(const jobs::Job& job, const Action& action, const Attempt& attempt);

  store::Database& database_;
  jobs::JobStore& jobs_;
  WorkflowStore& workflows_;
  RunLog& runs_;
  ActionExecutor& executor_;
  assessments::AssessmentStore& assessments_;
  assessments::Invitations& invitations_;
  automations::PinpointClients& clients_;
};

}  // namespace pinbridge::workflows
