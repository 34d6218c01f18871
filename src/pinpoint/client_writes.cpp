// The write operations of PinpointClient: comments, candidate assessments, stage moves and tags.
#include "pinpoint/client.hpp"
#include "pinpoint/fetch.hpp"
#include "pinpoint/parse.hpp"
#include "pinpoint/requests.hpp"

namespace pinbridge::pinpoint {
namespace {

// A failure after which the write may or may not have happened.
bool ambiguous(const PinpointError& error) {
  return error.kind == ErrorKind::upstream || error.kind == ErrorKind::timeout ||
         error.kind == ErrorKind::network;
}

PinpointError refused_before_sending(std::string detail, std::string request) {
  PinpointError error;
  error.kind = ErrorKind::validation;
  error.detail = std::move(detail);
  error.request = std::move(request);
  error.attempts = 0;
  return error;
}

}  // namespace

ApiResult<Comment> PinpointClient::create_comment(Id application_id, const std::string& body_text) const {
  return fetch_one<Comment>(
      *transport_, {"POST", "comments", {}, comment_body(application_id, body_text).dump()}, parse_comment);
}

ApiResult<std::optional<CandidateAssessment>> PinpointClient::find_candidate_assessment(
    const std::string& external_uid) const {
  const ApiRequest request{"GET", "candidate_assessments", {{"filter[external_uid]", external_uid}}, {}};
  if (external_uid.empty())
    return refused_before_sending("an external_uid is needed to look an assessment up",
                                  "GET /candidate_assessments");
  auto document = transport_->call(request);
  if (!document) return document.error();
  auto found = parse_many<CandidateAssessment>(*document, parse_candidate_assessment);
  if (!found) return bad_response(found.error(), request);
  // Should there ever be two (created by hand in Pinpoint), the oldest is the one we update.
  if (found->empty()) return std::optional<CandidateAssessment>();
  return std::optional<CandidateAssessment>(std::move(found->front()));
}

ApiResult<CandidateAssessment> PinpointClient::create_candidate_assessment(
    const CandidateAssessmentInput& input) const {
  return fetch_one<CandidateAssessment>(
      *transport_, {"POST", "candidate_assessments", {}, create_assessment_body(input).dump()},
      parse_candidate_assessment);
}

ApiResult<CandidateAssessment> PinpointClient::update_candidate_assessment(
    Id id, const CandidateAssessmentInput& input) const {
  return fetch_one<CandidateAssessment>(
      *transport_,
      {"PUT", "candidate_assessments/" + std::to_string(id), {}, update_assessment_body(id, input).dump()},
      parse_candidate_assessment);
}

ApiResult<CandidateAssessment> PinpointClient::upsert_candidate_assessment(
    const CandidateAssessmentInput& input) const {
  const int rounds = std::max(1, transport_->retry_policy().max_attempts);
  for (int round = 1;; ++round) {
    auto existing = find_candidate_assessment(input.external_uid);
    if (!existing) return existing.error();
    if (*existing) return update_candidate_assessment((*existing)->id, input);
    auto created = create_candidate_assessment(input);
    // Only the lookup can tell whether an ambiguous create went through; so look again.
    if (created || !ambiguous(created.error()) || round >= rounds) return created;
    transport_->back_off(round);
  }
}

ApiResult<Application> PinpointClient::move_application_to_stage(Id application_id, Id stage_id) const {
  return fetch_one<Application>(*transport_,
                                {"PUT",
                                 "applications/" + std::to_string(application_id),
                                 {},
                                 move_stage_body(application_id, stage_id).dump()},
                                parse_application);
}

ApiResult<Application> PinpointClient::add_tags(Id application_id, const std::vector<TagInput>& tags) const {
  return fetch_one<Application>(*transport_,
                                {"PUT",
                                 "applications/" + std::to_string(application_id),
                                 {},
                                 add_tags_body(application_id, tags).dump()},
                                parse_application);
}

}  // namespace pinbridge::pinpoint
