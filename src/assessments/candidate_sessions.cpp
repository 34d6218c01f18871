#include "assessments/candidate_sessions.hpp"

#include "assessments/invitation_records.hpp"
#include "assessments/invitation_sql.hpp"

namespace pinbridge::assessments {
namespace {

// Why a link can no longer be used, in words for the candidate.
Error unusable(const Invitation& invitation) {
  switch (invitation.status) {
    case InvitationStatus::expired:
      return Error::conflict("This invitation has expired.");
    case InvitationStatus::cancelled:
      return Error::conflict("This invitation was cancelled.");
    case InvitationStatus::submitted:
    case InvitationStatus::completed:
      return Error::conflict("This assessment has already been submitted.");
    default:
      return Error::conflict("This invitation cannot be used now.");
  }
}

}  // namespace

bool CandidateSessions::time_is_up(const Invitation& invitation) const {
  return invitation.deadline_at &&
         deps_.clock.now() > *invitation.deadline_at + deps_.settings.deadline_grace;
}

Result<CandidateView> CandidateSessions::with_invitation(std::string_view token, const Step& step) {
  if (token.empty() || token.size() > 100) return Error::not_found("This link is not valid.");
  return deps_.database.write([&](store::Connection& c) -> Result<CandidateView> {
    auto invitation = records::find_by_token(c, token);
    if (!invitation) return Error::not_found("This link is not valid.");
    if (records::expire_if_due(deps_, c, *invitation) || records::submit_if_overdue(deps_, c, *invitation))
      invitation = records::find(c, invitation->account_id, invitation->id);
    auto assessment = deps_.assessments.find(c, invitation->account_id, invitation->assessment_id);
    CandidateView view{std::move(*invitation), std::move(*assessment)};
    return step(c, view);
  });
}

Result<CandidateView> CandidateSessions::open(std::string_view token) {
  return with_invitation(token, [](store::Connection&, CandidateView& view) -> Result<CandidateView> {
    return std::move(view);
  });
}

Result<CandidateView> CandidateSessions::start(std::string_view token) {
  return with_invitation(token, [this](store::Connection& c, CandidateView& view) -> Result<CandidateView> {
    if (view.invitation.status == InvitationStatus::started) return std::move(view);  // a second tab
    if (view.invitation.status != InvitationStatus::invited) return unusable(view.invitation);
    const auto now = deps_.clock.now();
    const auto deadline = now + std::chrono::minutes(view.assessment.content.time_limit_minutes);
    if (c.execute(sql::mark_started, {view.invitation.id, to_unix_ms(now), to_unix_ms(deadline)}) == 0)
      return unusable(view.invitation);
    jobs::NewJob job;
    job.kind = job_kind::deadline;
    job.args = {{"invitation_id", view.invitation.id}};
    job.account_id = view.invitation.account_id;
    job.unique_key = std::string(job_kind::deadline) + ":" + std::to_string(view.invitation.id);
    job.run_at = deadline + deps_.settings.deadline_grace;
    deps_.jobs.enqueue(c, job);
    view.invitation = *records::find(c, view.invitation.account_id, view.invitation.id);
    records::record_event(deps_, c, view.invitation, event_kind::candidate_started);
    return std::move(view);
  });
}

Result<void> CandidateSessions::save_answer(std::string_view token, const std::string& question_id,
                                            const nlohmann::json& answer) {
  auto saved =
      with_invitation(token, [&](store::Connection& c, CandidateView& view) -> Result<CandidateView> {
        if (view.invitation.status != InvitationStatus::started) return unusable(view.invitation);
        auto canonical = check_answer(view.assessment, question_id, answer);
        if (!canonical) return canonical.error();
        c.execute(sql::upsert_answer,
                  {view.invitation.id, question_id, canonical->dump(), to_unix_ms(deps_.clock.now())});
        return std::move(view);
      });
  if (!saved) return saved.error();
  return {};
}

Result<void> CandidateSessions::record_signal(std::string_view token, Signal signal) {
  auto recorded =
      with_invitation(token, [&](store::Connection& c, CandidateView& view) -> Result<CandidateView> {
        c.execute(signal == Signal::left_page ? sql::count_left_page : sql::count_paste,
                  {view.invitation.id});
        return std::move(view);
      });
  if (!recorded) return recorded.error();
  return {};
}

Result<CandidateView> CandidateSessions::submit(std::string_view token) {
  return with_invitation(token, [this](store::Connection& c, CandidateView& view) -> Result<CandidateView> {
    const auto status = view.invitation.status;
    if (status == InvitationStatus::submitted || status == InvitationStatus::completed)
      return std::move(view);
    if (status != InvitationStatus::started || !records::submit(deps_, c, view.invitation))
      return unusable(view.invitation);
    view.invitation = *records::find(c, view.invitation.account_id, view.invitation.id);
    return std::move(view);
  });
}

}  // namespace pinbridge::assessments
