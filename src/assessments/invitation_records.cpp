#include "assessments/invitation_records.hpp"

#include "assessments/invitation_sql.hpp"
#include "store/nullable.hpp"

namespace pinbridge::assessments::records {
namespace {

Overrides overrides_from(const std::string& text) {
  Overrides out;
  const auto parsed = nlohmann::json::parse(text);  // outlives the loop: items() only refers to it
  for (const auto& [question, verdict] : parsed.items()) out[question] = verdict.get<bool>();
  return out;
}

}  // namespace

Invitation from_row(const store::Row& row) {
  Invitation i;
  i.id = row.integer(0);
  i.account_id = row.integer(1);
  i.assessment_id = row.integer(2);
  i.candidate_name = row.text(3);
  i.candidate_email = row.text(4);
  i.external_ref = row.text(5);
  i.source = parse_source(row.text(6)).value_or(InvitationSource::dashboard);
  i.callback_url = row.optional_text(7);
  i.status = parse_invitation_status(row.text(8)).value_or(InvitationStatus::invited);
  i.signals = {static_cast<int>(row.integer(9)), static_cast<int>(row.integer(10))};
  i.overrides = overrides_from(row.text(11));
  i.created_at = from_unix_ms(row.integer(12));
  i.expires_at = from_unix_ms(row.integer(13));
  i.remind_at = store::optional_time(row, 14);
  i.reminded_at = store::optional_time(row, 15);
  i.started_at = store::optional_time(row, 16);
  i.deadline_at = store::optional_time(row, 17);
  i.submitted_at = store::optional_time(row, 18);
  i.completed_at = store::optional_time(row, 19);
  i.expired_at = store::optional_time(row, 20);
  i.cancelled_at = store::optional_time(row, 21);
  i.updated_at = from_unix_ms(row.integer(22));
  return i;
}

namespace {

std::optional<Invitation> with_answers(store::Connection& c, const std::optional<store::Row>& row) {
  if (!row) return std::nullopt;
  auto invitation = from_row(*row);
  for (const auto& answer : c.query(sql::select_answers, {invitation.id}))
    invitation.answers[answer.text(0)] = nlohmann::json::parse(answer.text(1));
  return invitation;
}

AssessmentResult result_from(const store::Row& row) {
  AssessmentResult r;
  r.id = row.integer(0);
  r.account_id = row.integer(1);
  r.invitation_id = row.integer(2);
  r.version = static_cast<int>(row.integer(3));
  r.assessment_version = static_cast<int>(row.integer(4));
  r.grade = grade_from_json(nlohmann::json::parse(row.text(5)));
  r.time_taken_ms = row.integer(6);
  r.reason = row.text(7);
  r.created_at = from_unix_ms(row.integer(8));
  return r;
}

std::int64_t time_taken_ms(const Invitation& invitation, const Assessment& assessment) {
  if (!invitation.started_at) return 0;
  const auto end = invitation.submitted_at.value_or(*invitation.started_at);
  const auto limit = std::chrono::minutes(assessment.content.time_limit_minutes);
  return std::min<std::int64_t>((end - *invitation.started_at).count(),
                                std::chrono::duration_cast<std::chrono::milliseconds>(limit).count());
}

}  // namespace

std::optional<Invitation> find(store::Connection& c, std::int64_t account_id, std::int64_t id) {
  return with_answers(c, c.query_one(sql::select_invitation, {account_id, id}));
}

std::optional<Invitation> find_any_account(store::Connection& c, std::int64_t id) {
  return with_answers(c, c.query_one(sql::select_invitation_any_account, {id}));
}

std::optional<Invitation> find_by_token(store::Connection& c, std::string_view token) {
  return with_answers(c, c.query_one(sql::select_invitation_by_token, {crypto::sha256_hex(token)}));
}

std::optional<AssessmentResult> latest_result(store::Connection& c, std::int64_t account_id,
                                              std::int64_t invitation_id) {
  auto row = c.query_one(sql::select_latest_result, {account_id, invitation_id});
  return row ? std::optional(result_from(*row)) : std::nullopt;
}

std::optional<AssessmentResult> result(store::Connection& c, std::int64_t account_id,
                                       std::int64_t result_id) {
  auto row = c.query_one(sql::select_result, {account_id, result_id});
  return row ? std::optional(result_from(*row)) : std::nullopt;
}

std::vector<AssessmentResult> results(store::Connection& c, std::int64_t account_id,
                                      std::int64_t invitation_id) {
  std::vector<AssessmentResult> out;
  for (const auto& row : c.query(sql::select_results_of_invitation, {account_id, invitation_id}))
    out.push_back(result_from(row));
  return out;
}

nlohmann::json event_data(const Invitation& invitation) {
  return {{"invitation_id", invitation.id},
          {"assessment_id", invitation.assessment_id},
          {"external_ref", invitation.external_ref},
          {"source", source_name(invitation.source)},
          {"candidate_email", invitation.candidate_email},
          {"candidate_name", invitation.candidate_name}};
}

void record_event(const PlatformDeps& deps, store::Connection& c, const Invitation& invitation,
                  std::string_view kind, const nlohmann::json& extra) {
  auto data = event_data(invitation);
  data.update(extra);
  deps.events.record(c, invitation.account_id, std::string(kind), data);
}

void record_result_event(const PlatformDeps& deps, store::Connection& c, const Invitation& invitation,
                         const AssessmentResult& result) {
  const auto kind = result.version == 1 ? event_kind::assessment_completed : event_kind::result_updated;
  record_event(deps, c, invitation, kind,
               {{"result_id", result.id},
                {"result_version", result.version},
                {"score", result.grade.score},
                {"passed", result.grade.passed},
                {"reason", result.reason},
                {"integrity", invitation.signals.to_json()},
                {"report_url", deps.links.report(invitation.id)}});
}

bool expire_if_due(const PlatformDeps& deps, store::Connection& c, const Invitation& invitation) {
  const auto now = deps.clock.now();
  if (invitation.status != InvitationStatus::invited || now < invitation.expires_at) return false;
  if (c.execute(sql::mark_expired, {invitation.id, to_unix_ms(now)}) == 0) return false;
  record_event(deps, c, invitation, event_kind::invitation_expired);
  return true;
}

bool submit(const PlatformDeps& deps, store::Connection& c, const Invitation& invitation) {
  if (c.execute(sql::mark_submitted, {invitation.id, to_unix_ms(deps.clock.now())}) == 0) return false;
  jobs::NewJob job;
  job.kind = job_kind::grade;
  job.args = {{"invitation_id", invitation.id}};
  job.account_id = invitation.account_id;
  job.unique_key = std::string(job_kind::grade) + ":" + std::to_string(invitation.id);
  deps.jobs.enqueue(c, job);
  return true;
}

bool submit_if_overdue(const PlatformDeps& deps, store::Connection& c, const Invitation& invitation) {
  if (invitation.status != InvitationStatus::started || !invitation.deadline_at) return false;
  if (deps.clock.now() < *invitation.deadline_at + deps.settings.deadline_grace) return false;
  return submit(deps, c, invitation);
}

std::optional<AssessmentResult> write_result(const PlatformDeps& deps, store::Connection& c,
                                             const Invitation& invitation, const Assessment& assessment,
                                             const std::string& reason) {
  AssessmentResult result;
  result.account_id = invitation.account_id;
  result.invitation_id = invitation.id;
  result.assessment_version = assessment.version;
  result.grade = grade(assessment.content, invitation.answers, invitation.overrides);
  result.time_taken_ms = time_taken_ms(invitation, assessment);
  result.reason = reason;
  result.created_at = deps.clock.now();
  const auto previous = latest_result(c, invitation.account_id, invitation.id);
  if (previous && grade_to_json(previous->grade) == grade_to_json(result.grade)) return std::nullopt;
  result.version = previous ? previous->version + 1 : 1;
  result.id = c.query_one(sql::insert_result,
                          {result.account_id, result.invitation_id, std::int64_t{result.version},
                           std::int64_t{result.assessment_version}, std::int64_t{result.grade.score},
                           std::int64_t{result.grade.passed ? 1 : 0}, grade_to_json(result.grade).dump(),
                           result.time_taken_ms, reason, to_unix_ms(result.created_at)})
                  ->integer(0);
  return result;
}

}  // namespace pinbridge::assessments::records
