#include "api/api_json.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace pinbridge::api {

using nlohmann::json;

std::string iso_time(Timestamp when) {
  return fmt::format("{:%FT%T}Z", when);
}

json iso_time(const std::optional<Timestamp>& when) {
  return when ? json(iso_time(*when)) : json(nullptr);
}

json assessment_json(const assessments::Assessment& assessment) {
  const auto& content = assessment.content;
  return {{"id", assessment.id},
          {"name", content.name},
          {"description", content.description},
          {"time_limit_minutes", content.time_limit_minutes},
          {"pass_mark", content.pass_mark},
          {"question_count", content.questions.size()},
          {"version", assessment.version},
          {"created_at", iso_time(assessment.created_at)},
          {"updated_at", iso_time(assessment.updated_at)}};
}

namespace {

json result_summary(const assessments::AssessmentResult& result) {
  return {{"id", result.id},
          {"version", result.version},
          {"score", result.grade.score},
          {"passed", result.grade.passed},
          {"created_at", iso_time(result.created_at)}};
}

json status_times(const assessments::Invitation& invitation) {
  return {{"created_at", iso_time(invitation.created_at)},
          {"expires_at", iso_time(invitation.expires_at)},
          {"started_at", iso_time(invitation.started_at)},
          {"submitted_at", iso_time(invitation.submitted_at)},
          {"completed_at", iso_time(invitation.completed_at)},
          {"expired_at", iso_time(invitation.expired_at)},
          {"cancelled_at", iso_time(invitation.cancelled_at)}};
}

// The candidate's answers are theirs to see in a report; the assessment's answer key is not part of
// any API response, so per question we say only whether it was right and what it scored.
json question_json(const assessments::QuestionOutcome& outcome, const assessments::Question* question) {
  return {{"question_id", outcome.question_id},
          {"prompt", question ? json(question->prompt) : json(nullptr)},
          {"kind", question ? json(assessments::kind_name(question->kind)) : json(nullptr)},
          {"answered", outcome.answered},
          {"correct", outcome.correct},
          {"overridden", outcome.overridden},
          {"points_awarded", outcome.points_awarded},
          {"points_possible", outcome.points_possible},
          {"answer", outcome.answer}};
}

}  // namespace

json invitation_json(const assessments::Invitation& invitation,
                     const std::optional<std::string>& candidate_url,
                     const std::optional<assessments::AssessmentResult>& latest_result) {
  json out = {
      {"id", invitation.id},
      {"status", assessments::status_name(invitation.status)},
      {"assessment_id", invitation.assessment_id},
      {"candidate", {{"name", invitation.candidate_name}, {"email", invitation.candidate_email}}},
      {"external_ref", invitation.external_ref.empty() ? json(nullptr) : json(invitation.external_ref)},
      {"source", assessments::source_name(invitation.source)},
      {"candidate_url", candidate_url ? json(*candidate_url) : json(nullptr)},
      {"latest_result", latest_result ? result_summary(*latest_result) : json(nullptr)}};
  out.update(status_times(invitation));
  return out;
}

json result_json(const assessments::AssessmentResult& result, const assessments::Invitation& invitation,
                 const std::optional<assessments::Assessment>& assessment,
                 const std::optional<std::string>& report_url) {
  json questions = json::array();
  for (const auto& outcome : result.grade.questions)
    questions.push_back(
        question_json(outcome, assessment ? assessment->question(outcome.question_id) : nullptr));
  return {{"id", result.id},
          {"invitation_id", result.invitation_id},
          {"assessment_id", invitation.assessment_id},
          {"version", result.version},
          {"assessment_version", result.assessment_version},
          {"reason", result.reason},
          {"score", result.grade.score},
          {"passed", result.grade.passed},
          {"points_awarded", result.grade.points_awarded},
          {"points_possible", result.grade.points_possible},
          {"time_taken_seconds", static_cast<double>(result.time_taken_ms) / 1000.0},
          {"integrity", invitation.signals.to_json()},
          {"questions", std::move(questions)},
          {"report_url", report_url ? json(*report_url) : json(nullptr)},
          {"created_at", iso_time(result.created_at)}};
}

}  // namespace pinbridge::api
