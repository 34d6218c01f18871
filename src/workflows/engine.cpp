#include "workflows/engine.hpp"

#include <fmt/format.h>

namespace pinbridge::workflows {
namespace {

jobs::NewJob action_job(const Action& action) {
  return {std::string(action_job_kind),
          {{"action_id", action.id}},
          action.account_id,
          std::nullopt,
          std::nullopt,
          0};
}

// The data DeliveryProcessor would record for this application entering its current stage.
nlohmann::json stage_event_data(const pinpoint::Application& application) {
  nlohmann::json data = {
      {"application_id", application.id},
      {"first_name", application.first_name},
      {"last_name", application.last_name},
      {"email", application.email},
      {"job_id", application.job_id ? nlohmann::json(*application.job_id) : nlohmann::json()},
      {"stage_id", application.stage_id ? nlohmann::json(*application.stage_id) : nlohmann::json()}};
  if (application.job) data["job_title"] = application.job->title;
  if (application.stage) data["stage_name"] = application.stage->name;
  return data;
}

// The data the platform recorded when this invitation's latest result was graded.
nlohmann::json result_event_data(const assessments::Invitation& invitation,
                                 const assessments::AssessmentResult& result) {
  return {{"invitation_id", invitation.id},
          {"assessment_id", invitation.assessment_id},
          {"external_ref", invitation.external_ref},
          {"candidate_name", invitation.candidate_name},
          {"result_id", result.id},
          {"score", result.grade.score},
          {"passed", result.grade.passed},
          {"integrity", invitation.signals.to_json()}};
}

}  // namespace

WorkflowEngine::WorkflowEngine(store::Database& database, jobs::JobStore& jobs, WorkflowStore& workflows,
                               RunLog& runs, ActionExecutor& executor,
                               assessments::AssessmentStore& assessments,
                               assessments::Invitations& invitations, automations::PinpointClients& clients)
    : database_(database),
      jobs_(jobs),
      workflows_(workflows),
      runs_(runs),
      executor_(executor),
      assessments_(assessments),
      invitations_(invitations),
      clients_(clients) {}

void WorkflowEngine::subscribe(events::EventLog& events) {
  events.subscribe("workflows", planned_event_kinds(),
                   [this](store::Connection& c, const events::DomainEvent& event) { handle(c, event); });
}

void WorkflowEngine::register_jobs(jobs::WorkerPool& workers) {
  workers.register_handler(std::string(action_job_kind),
                           [this](const jobs::Job& job) { return run_action(job); });
}

PlanContext WorkflowEngine::context(std::int64_t account_id, store::Connection* connection) {
  return {[this, account_id, connection](std::int64_t assessment_id) {
    const auto label = connection ? assessments_.label(*connection, account_id, assessment_id)
                                  : database_.read([&](store::Connection& c) {
                                      return assessments_.label(c, account_id, assessment_id);
                                    });
    return label ? label->name : fmt::format("assessment #{}", assessment_id);
  }};
}

// The run, its new actions and their jobs commit with the event: a crash leaves all or none, and
// a second handling of the same event (a retried reaction) finds the run and adds nothing.
void WorkflowEngine::handle(store::Connection& c, const events::DomainEvent& event) {
  const auto rules = workflows_.active_rules(c, event.account_id);
  if (rules.empty()) return;
  const auto planned = plan(event.kind, event.data, rules, context(event.account_id, &c));
  if (planned.actions.empty()) return;
  const auto run = runs_.record(c, event.account_id, event.id, event.kind, planned.summary,
                                planned.application_id, planned.actions);
  if (run.recorded_before) return;
  for (const auto& action : run.actions) {
    if (action.kind == ActionKind::invite)
      invite_now(c, action);
    else
      jobs_.enqueue(c, action_job(action));
  }
}

// An invitation is our own database's work: made here, it commits with its run or not at all,
// and costs no job. Actions that call Pinpoint wait for a job, so no slow call holds the
// transaction. A failed invite is retried, like any action, from the run history (as a job).
void WorkflowEngine::invite_now(store::Connection& c, const Action& action) {
  const auto attempt = executor_.invite_within(c, action);
  const auto state = attempt.verdict == Attempt::Verdict::done ? ActionState::done : ActionState::failed;
  runs_.finish_attempt(c, action.id, state, attempt.request, attempt.response);
}

jobs::JobResult WorkflowEngine::run_action(const jobs::Job& job) {
  if (!job.account_id) return jobs::JobResult::discard("an action job needs an account");
  const auto action = runs_.find_action(*job.account_id, job.args.at("action_id").get<std::int64_t>());
  // Done, failed or gone: a duplicate job (the retry button pressed twice) has nothing to do.
  if (!action || action->state != ActionState::pending) return jobs::JobResult::done();
  return settle(job, *action, executor_.execute(*action));
}

// The queue's verdict on the job, recorded with the attempt and its effect (see jobs::OutcomeWrites).
jobs::JobResult WorkflowEngine::settle(const jobs::Job& job, const Action& action, const Attempt& attempt) {
  const auto recorded = [this, id = action.id, attempt](ActionState state) {
    return [this, id, state, attempt](store::Connection& c) {
      const auto response = attempt.effect ? attempt.effect(c) : attempt.response;
      runs_.finish_attempt(c, id, state, attempt.request, response);
    };
  };
  switch (attempt.verdict) {
    case Attempt::Verdict::done:
      return jobs::JobResult::done().with_writes(recorded(ActionState::done));
    case Attempt::Verdict::skipped:
      return jobs::JobResult::done().with_writes(recorded(ActionState::skipped));
    case Attempt::Verdict::retry:
      // Out of attempts, the action fails where the recruiter can see it and retry it.
      if (job.attempt >= job.max_attempts) break;
      return jobs::JobResult::retry(attempt.response, attempt.retry_after)
          .with_writes(recorded(ActionState::pending));
    case Attempt::Verdict::failed:
      break;
  }
  return jobs::JobResult::discard(attempt.response).with_writes(recorded(ActionState::failed));
}

Result<void> WorkflowEngine::retry(std::int64_t account_id, std::int64_t action_id) {
  const auto action = runs_.find_action(account_id, action_id);
  if (!action) return Error::not_found("No such action");
  if (!runs_.reopen(account_id, action_id)) return Error::conflict("Only a failed action can be retried");
  jobs_.enqueue(action_job(*action));
  return {};
}

void WorkflowEngine::preview(Preview& preview, std::int64_t account_id, const Plan& plan) {
  for (const auto& action : plan.actions) {
    const auto existing = runs_.find_action_by_key(account_id, action.key);
    preview.items.push_back({action, existing ? std::optional(existing->state) : std::nullopt});
  }
}

Result<Preview> WorkflowEngine::dry_run(std::int64_t account_id, std::int64_t application_id) {
  auto client = clients_.for_account(account_id);
  if (!client) return client.error();
  auto application = (*client)->get_application(application_id);
  if (!application) return application.error().to_error();
  const auto rules = workflows_.active_rules(account_id);
  const auto ctx = context(account_id);
  const auto entered = plan("pinpoint.application_stage_changed", stage_event_data(*application), rules, ctx);
  Preview result;
  result.application = entered.summary;
  preview(result, account_id, entered);
  for (const auto& invitation : invitations_.with_external_ref(account_id, application_ref(application_id))) {
    if (auto latest = invitations_.latest_result(account_id, invitation.id))
      preview(result, account_id,
              plan("assessment.completed", result_event_data(invitation, *latest), rules, ctx));
  }
  return result;
}

}  // namespace pinbridge::workflows
