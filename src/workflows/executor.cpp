#include "workflows/executor.hpp"

#include <fmt/format.h>

#include "workflows/planner.hpp"

namespace pinbridge::workflows {
namespace {

using Verdict = Attempt::Verdict;

Attempt done(std::string request, std::string response) {
  return {Verdict::done, std::move(request), std::move(response), std::nullopt, {}};
}

Attempt failed(std::string response, std::string request = {}) {
  return {Verdict::failed, std::move(request), std::move(response), std::nullopt, {}};
}

// Pinpoint's answer as an attempt: transient failures go back to the queue, the rest are final.
Attempt from_error(const pinpoint::PinpointError& error) {
  return {
      error.transient() ? Verdict::retry : Verdict::failed, error.request, error.message(), std::nullopt, {}};
}

// The reference a comment carries so that a second attempt finds it instead of posting again.
std::string comment_marker(const Action& action) {
  return fmt::format("[pinbridge:{}]", action.id);
}

std::string external_uid(std::int64_t invitation_id) {
  return fmt::format("pinbridge-invitation-{}", invitation_id);
}

std::optional<std::chrono::milliseconds> days(const nlohmann::json& value) {
  if (!value.is_number_integer()) return std::nullopt;
  return std::chrono::hours(24 * value.get<int>());
}

std::optional<std::chrono::milliseconds> hours(const nlohmann::json& value) {
  if (!value.is_number_integer()) return std::nullopt;
  return std::chrono::hours(value.get<int>());
}

}  // namespace

ActionExecutor::ActionExecutor(assessments::Invitations& invitations, const assessments::Links& links,
                               automations::PinpointClients& clients, automations::StageCache& stages)
    : invitations_(invitations), links_(links), clients_(clients), stages_(stages) {}

Attempt ActionExecutor::execute(const Action& action) {
  switch (action.kind) {
    case ActionKind::invite:
      return invite(action);
    case ActionKind::post_record:
      return post_record(action);
    case ActionKind::post_comment:
      return post_comment(action);
    case ActionKind::move_stage:
      return move_stage(action);
  }
  return failed("unknown action");
}

assessments::InviteRequest ActionExecutor::invite_request(const Action& action) {
  const auto& args = action.args;
  assessments::InviteRequest request;
  request.account_id = action.account_id;
  request.assessment_id = args.at("assessment_id").get<std::int64_t>();
  request.candidate_name = args.value("candidate_name", "");
  request.candidate_email = args.value("email", "");
  request.external_ref = application_ref(args.at("application_id").get<std::int64_t>());
  request.source = assessments::InvitationSource::workflow;
  request.expiry = days(args.value("expiry_days", nlohmann::json()));
  request.reminder_after = hours(args.value("reminder_after_hours", nlohmann::json()));
  return request;
}

std::string ActionExecutor::invite_summary(const Action& action) {
  return fmt::format("invite {} for application {}", action.args.value("email", ""),
                     action.args.at("application_id").get<std::int64_t>());
}

std::string ActionExecutor::invited_summary(const assessments::Invited& invited) {
  return fmt::format(
      fmt::runtime(invited.created ? "invitation #{} created" : "already invited (invitation #{})"),
      invited.invitation.id);
}

Attempt ActionExecutor::invite(const Action& action) {
  auto request = invite_request(action);
  auto what = invite_summary(action);
  if (auto refused = invitations_.check(request); !refused) return failed(refused.error().message, what);
  auto attempt = done(std::move(what), "");
  attempt.effect = [this, request = std::move(request)](store::Connection& c) {
    const auto invited = invitations_.invite(c, request);
    // Refused only if something changed since the check (the assessment archived meanwhile): the
    // retry's check then fails the action with the reason.
    if (!invited) throw std::runtime_error(invited.error().message);
    return invited_summary(*invited);
  };
  return attempt;
}

Attempt ActionExecutor::invite_within(store::Connection& c, const Action& action) {
  auto what = invite_summary(action);
  const auto invited = invitations_.invite(c, invite_request(action));
  if (!invited) return failed(invited.error().message, std::move(what));
  return done(std::move(what), invited_summary(*invited));
}

Attempt ActionExecutor::post_record(const Action& action) {
  const auto invitation_id = action.args.at("invitation_id").get<std::int64_t>();
  const auto report = invitations_.report_of(action.account_id, invitation_id);
  if (!report) return failed("the invitation no longer exists");
  auto client = clients_.for_account(action.account_id);
  if (!client) return failed(client.error().message);

  pinpoint::CandidateAssessmentInput input;
  input.application_id = action.args.at("application_id").get<std::int64_t>();
  input.assessment_name = report->assessment ? report->assessment->name : "Assessment";
  input.external_uid = external_uid(invitation_id);
  input.status = action.args.at("status").get<std::string>();
  input.result_url = links_.report(invitation_id);
  // The latest result, whichever version this action was planned for: a record updated late by
  // an older re-grade must not overwrite a newer score.
  if (*input.status == "completed" && report->latest_result) {
    const auto& result = *report->latest_result;
    input.result = std::to_string(result.grade.score);
    input.result_details =
        nlohmann::json{{"passed", result.grade.passed},
                       {"pass_mark", report->assessment ? report->assessment->pass_mark : 0},
                       {"version", result.version},
                       {"integrity", report->invitation.signals.to_json()}};
  }
  auto record = (*client)->upsert_candidate_assessment(input);
  const auto what = fmt::format("upsert candidate assessment {} as {}", input.external_uid, *input.status);
  if (!record) return from_error(record.error());
  return done(what, fmt::format("record #{} is {}", record->id, record->status));
}

Result<std::string> ActionExecutor::render_for(const Action& action, const std::string& text) {
  const auto invitation_id = action.args.at("invitation_id").get<std::int64_t>();
  const auto report = invitations_.report_of(action.account_id, invitation_id);
  if (!report) return Error::not_found("the invitation no longer exists");
  TemplateValues values;
  values.candidate = report->invitation.candidate_name;
  values.assessment = report->assessment ? report->assessment->name : "Assessment";
  values.pass_mark = report->assessment ? std::to_string(report->assessment->pass_mark) : "";
  values.report_url = links_.report(invitation_id);
  if (const auto& result = report->latest_result) {
    values.score = std::to_string(result->grade.score);
    values.outcome = result->grade.passed ? "passed" : "did not pass";
  } else {
    values.score = "-";
    values.outcome = assessments::status_name(report->invitation.status);
  }
  return render_template(text, values);
}

Attempt ActionExecutor::post_comment(const Action& action) {
  const auto application_id = action.args.at("application_id").get<std::int64_t>();
  auto body = render_for(action, action.args.at("template").get<std::string>());
  if (!body) return failed(body.error().message);
  auto client = clients_.for_account(action.account_id);
  if (!client) return failed(client.error().message);
  const auto marker = comment_marker(action);
  auto existing = (*client)->list_comments(application_id);
  if (!existing) return from_error(existing.error());
  for (const auto& comment : *existing)
    if (comment.body_text.find(marker) != std::string::npos)
      return done("", fmt::format("already posted (comment #{})", comment.id));
  const auto what = fmt::format("comment on application {}", application_id);
  auto comment = (*client)->create_comment(
      application_id,
      fmt::format("{}\n\nPosted by Pinbridge workflow '{}' {}", *body, action.workflow_name, marker));
  if (!comment) return from_error(comment.error());
  return done(what, fmt::format("comment #{} posted", comment->id));
}

std::optional<pinpoint::Stage> ActionExecutor::stage_named(std::int64_t account_id,
                                                           const pinpoint::PinpointClient& client,
                                                           pinpoint::Id job_id, const std::string& name) {
  const auto find = [&]() -> std::optional<pinpoint::Stage> {
    for (const auto& known : stages_.list(account_id))
      if (known.job_id == job_id && same_stage_name(known.stage.name, name)) return known.stage;
    return std::nullopt;
  };
  if (auto stage = find()) return stage;
  if (!stages_.refresh(account_id, client)) return std::nullopt;
  return find();
}

Attempt ActionExecutor::move_stage(const Action& action) {
  const auto application_id = action.args.at("application_id").get<std::int64_t>();
  const auto stage_name = action.args.at("stage_name").get<std::string>();
  auto client = clients_.for_account(action.account_id);
  if (!client) return failed(client.error().message);
  auto application = (*client)->get_application(application_id);
  if (!application) return from_error(application.error());
  if (!application->job_id) return failed("the application has no job in Pinpoint");
  const auto stage = stage_named(action.account_id, **client, *application->job_id, stage_name);
  const auto job = application->job ? application->job->title : fmt::format("job {}", *application->job_id);
  if (!stage) return failed(fmt::format("{} has no stage named {}", job, stage_name));
  const auto what =
      fmt::format("move application {} to {} (stage {})", application_id, stage->name, stage->id);
  std::string response = fmt::format("already in {}", stage->name);
  if (application->stage_id != stage->id) {
    auto moved = (*client)->move_application_to_stage(application_id, stage->id);
    if (!moved) return from_error(moved.error());
    response = fmt::format("moved to {}", stage->name);
  }
  std::vector<pinpoint::TagInput> tags;
  for (const auto& tag : action.args.value("tags", std::vector<std::string>{}))
    tags.push_back({tag, "assessment"});
  if (!tags.empty()) {
    if (auto tagged = (*client)->add_tags(application_id, tags); !tagged) return from_error(tagged.error());
    response += fmt::format(", {} tag(s) added", tags.size());
  }
  return done(what, response);
}

}  // namespace pinbridge::workflows
