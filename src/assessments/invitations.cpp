#include "assessments/invitations.hpp"

#include "accounts/account_store.hpp"
#include "assessments/emails.hpp"
#include "assessments/invitation_records.hpp"
#include "assessments/invitation_sql.hpp"
#include "assessments/text.hpp"
#include "store/nullable.hpp"

namespace pinbridge::assessments {
namespace {

// The request with its text trimmed and its email normalised, or what is wrong with it.
Result<InviteRequest> clean_request(InviteRequest request) {
  request.candidate_name = trim(request.candidate_name);
  if (request.candidate_name.empty()) return Error::invalid("Candidate name can't be blank");
  if (request.candidate_name.size() > 200)
    return Error::invalid("Candidate name is too long (200 characters at most)");
  auto email = accounts::normalize_email(request.candidate_email);
  if (!email) return Error::invalid("Candidate email is invalid");
  request.candidate_email = *email;
  request.external_ref = trim(request.external_ref);
  if (request.external_ref.size() > 200)
    return Error::invalid("External reference is too long (200 characters at most)");
  if (request.callback_url &&
      (request.callback_url->size() > 2000 ||
       !(request.callback_url->starts_with("https://") || request.callback_url->starts_with("http://"))))
    return Error::invalid("Callback URL must be an http(s) URL of at most 2,000 characters");
  return request;
}

jobs::NewJob lifecycle_job(std::string_view kind, const Invitation& invitation, Timestamp run_at) {
  jobs::NewJob job;
  job.kind = kind;
  job.args = {{"invitation_id", invitation.id}};
  job.account_id = invitation.account_id;
  job.unique_key = std::string(kind) + ":" + std::to_string(invitation.id);
  job.run_at = run_at;
  return job;
}

Error missing() {
  return Error::not_found("Invitation not found");
}

// {status, assessment id}: the list's two optional filters as statement parameters.
std::pair<store::Value, store::Value> filter_params(const InvitationFilter& filter) {
  const auto status = filter.status ? std::optional(std::string(status_name(*filter.status))) : std::nullopt;
  return {store::nullable(status), store::nullable(filter.assessment_id)};
}

}  // namespace

Result<Invited> Invitations::invite(const InviteRequest& request) {
  const auto invite_here = [&](store::Connection& c) { return invite(c, request); };
  try {
    return deps_.database.write(invite_here);
  } catch (const store::DatabaseError& e) {
    // Another node created the same identity between our read and our insert: return theirs.
    if (e.kind() != store::DatabaseError::Kind::unique_violation) throw;
    return deps_.database.write(invite_here);
  }
}

Result<Invited> Invitations::invite(store::Connection& c, const InviteRequest& raw) {
  auto request = clean_request(raw);
  if (!request) return request.error();
  auto found = look_up(c, *request);
  if (!found) return found.error();
  if (found->existing) return Invited{std::move(*found->existing), false};
  return Invited{create_invitation(c, *request, found->assessment), true};
}

Result<void> Invitations::check(const InviteRequest& raw) {
  auto request = clean_request(raw);
  if (!request) return request.error();
  return deps_.database.read([&](store::Connection& c) -> Result<void> {
    if (auto found = look_up(c, *request); !found) return found.error();
    return {};
  });
}

Result<Invitations::Lookup> Invitations::look_up(store::Connection& c, const InviteRequest& request) {
  auto assessment = deps_.assessments.find(c, request.account_id, request.assessment_id);
  if (!assessment) return Error::not_found("Assessment not found");
  const auto row =
      c.query_one(sql::select_invitation_by_identity,
                  {request.account_id, request.assessment_id, request.candidate_email, request.external_ref});
  if (row) return Lookup{std::move(*assessment), records::find(c, request.account_id, row->integer(0))};
  if (assessment->status == AssessmentStatus::archived)
    return Error::invalid("The assessment \"" + assessment->content.name + "\" is archived");
  return Lookup{std::move(*assessment), std::nullopt};
}

Invitation Invitations::create_invitation(store::Connection& c, const InviteRequest& request,
                                          const Assessment& assessment) {
  const auto now = deps_.clock.now();
  const auto token = crypto::random_token(24);
  const auto expires_at = now + request.expiry.value_or(deps_.settings.expiry);
  const auto reminder = request.reminder_after.value_or(deps_.settings.reminder_after);
  const bool reminds = reminder.count() > 0 && now + reminder < expires_at;
  std::optional<std::int64_t> remind_at;
  if (reminds) remind_at = to_unix_ms(now + reminder);
  const auto id =
      c.query_one(sql::insert_invitation,
                  {request.account_id, request.assessment_id, request.candidate_name, request.candidate_email,
                   request.external_ref, std::string(source_name(request.source)),
                   store::nullable(request.callback_url), crypto::sha256_hex(token),
                   deps_.secrets.seal(Secret(token)), to_unix_ms(now), to_unix_ms(expires_at),
                   store::nullable(remind_at)})
          ->integer(0);
  auto invitation = *records::find(c, request.account_id, id);
  deps_.jobs.enqueue(c, lifecycle_job(job_kind::expire, invitation, expires_at));
  if (reminds) deps_.jobs.enqueue(c, lifecycle_job(job_kind::remind, invitation, *invitation.remind_at));
  deps_.outbox.queue(
      c, invitation_email(invitation, assessment, deps_.links.candidate(token), deps_.settings.product_name));
  records::record_event(deps_, c, invitation, event_kind::invitation_created,
                        {{"assessment_name", assessment.content.name}});
  return invitation;
}

Result<Invitation> Invitations::cancel(std::int64_t account_id, std::int64_t id) {
  return deps_.database.write([&](store::Connection& c) -> Result<Invitation> {
    auto invitation = records::find(c, account_id, id);
    if (!invitation) return missing();
    if (c.execute(sql::mark_cancelled, {account_id, id, to_unix_ms(deps_.clock.now())}) == 0)
      return Error::conflict("Only an invitation that is invited or started can be cancelled; this one is " +
                             std::string(status_name(invitation->status)));
    records::record_event(deps_, c, *invitation, event_kind::invitation_cancelled);
    return *records::find(c, account_id, id);
  });
}

std::optional<Invitation> Invitations::find(std::int64_t account_id, std::int64_t id) {
  return deps_.database.read([&](store::Connection& c) { return records::find(c, account_id, id); });
}

std::optional<InvitationReport> Invitations::report_of(std::int64_t account_id, std::int64_t id) {
  return deps_.database.read([&](store::Connection& c) -> std::optional<InvitationReport> {
    auto invitation = records::find(c, account_id, id);
    if (!invitation) return std::nullopt;
    auto assessment = deps_.assessments.label(c, account_id, invitation->assessment_id);
    return InvitationReport{std::move(*invitation), std::move(assessment),
                            records::latest_result(c, account_id, id)};
  });
}

std::optional<Invitation> Invitations::find_for_report(std::int64_t id) {
  return deps_.database.read([&](store::Connection& c) { return records::find_any_account(c, id); });
}

std::vector<Invitation> Invitations::list(std::int64_t account_id, const InvitationFilter& filter, int limit,
                                          int offset) {
  const auto filters = filter_params(filter);
  return deps_.database.read([&](store::Connection& c) {
    std::vector<Invitation> out;
    for (const auto& row : c.query(sql::select_invitations_page, {account_id, filters.first, filters.second,
                                                                  std::int64_t{limit}, std::int64_t{offset}}))
      out.push_back(records::from_row(row));
    return out;
  });
}

std::int64_t Invitations::count(std::int64_t account_id, const InvitationFilter& filter) {
  const auto filters = filter_params(filter);
  return deps_.database.read([&](store::Connection& c) {
    return c.query_one(sql::count_invitations, {account_id, filters.first, filters.second})->integer(0);
  });
}

std::vector<Invitation> Invitations::with_external_ref(std::int64_t account_id,
                                                       const std::string& external_ref) {
  return deps_.database.read([&](store::Connection& c) {
    std::vector<Invitation> out;
    for (const auto& row : c.query(sql::select_by_external_ref, {account_id, external_ref}))
      out.push_back(records::from_row(row));
    return out;
  });
}

std::optional<std::string> Invitations::candidate_link(std::int64_t account_id, std::int64_t id) {
  const auto sealed = deps_.database.read([&](store::Connection& c) {
    auto row = c.query_one(sql::select_token_sealed, {account_id, id});
    return row ? std::optional(row->text(0)) : std::nullopt;
  });
  if (!sealed) return std::nullopt;
  auto token = deps_.secrets.open(*sealed);
  if (!token) return std::nullopt;
  return deps_.links.candidate(token->reveal());
}

std::optional<AssessmentResult> Invitations::latest_result(std::int64_t account_id,
                                                           std::int64_t invitation_id) {
  return deps_.database.read(
      [&](store::Connection& c) { return records::latest_result(c, account_id, invitation_id); });
}

std::optional<AssessmentResult> Invitations::result(std::int64_t account_id, std::int64_t result_id) {
  return deps_.database.read([&](store::Connection& c) { return records::result(c, account_id, result_id); });
}

std::vector<AssessmentResult> Invitations::results(std::int64_t account_id, std::int64_t invitation_id) {
  return deps_.database.read(
      [&](store::Connection& c) { return records::results(c, account_id, invitation_id); });
}

Result<AssessmentResult> Invitations::override_question(std::int64_t account_id, std::int64_t invitation_id,
                                                        const std::string& question_id, bool correct) {
  return deps_.database.write([&](store::Connection& c) -> Result<AssessmentResult> {
    auto invitation = records::find(c, account_id, invitation_id);
    if (!invitation) return missing();
    if (invitation->status != InvitationStatus::completed)
      return Error::conflict("Only a completed invitation's grade can be corrected");
    const auto assessment = deps_.assessments.find(c, account_id, invitation->assessment_id);
    if (!assessment || !assessment->question(question_id))
      return Error::invalid("There is no question '" + question_id + "' in this assessment");
    invitation->overrides[question_id] = correct;
    c.execute(sql::set_overrides, {account_id, invitation_id, nlohmann::json(invitation->overrides).dump(),
                                   to_unix_ms(deps_.clock.now())});
    if (auto result = records::write_result(deps_, c, *invitation, *assessment, "override")) {
      records::record_result_event(deps_, c, *invitation, *result);
      return *result;
    }
    return *records::latest_result(c, account_id, invitation_id);
  });
}

}  // namespace pinbridge::assessments
