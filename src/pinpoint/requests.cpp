#include "pinpoint/requests.hpp"

namespace pinbridge::pinpoint {
namespace {

using nlohmann::json;

json linkage(const char* type, Id id) {
  return {{"data", {{"type", type}, {"id", std::to_string(id)}}}};
}

void put_optional(json& attributes, const char* name, const std::optional<std::string>& value) {
  if (value) attributes[name] = *value;
}

json assessment_attributes(const CandidateAssessmentInput& input) {
  json a = json::object();
  if (!input.assessment_name.empty()) a["assessment_name"] = input.assessment_name;
  if (!input.external_uid.empty()) a["external_uid"] = input.external_uid;
  put_optional(a, "status", input.status);
  put_optional(a, "result", input.result);
  put_optional(a, "result_url", input.result_url);
  if (input.result_details) a["result_details"] = *input.result_details;
  return a;
}

}  // namespace

json comment_body(Id application_id, const std::string& body_text) {
  return {{"data",
           {{"type", "comments"},
            {"attributes", {{"body_text", body_text}}},
            {"relationships", {{"commentable", linkage("applications", application_id)}}}}}};
}

json create_assessment_body(const CandidateAssessmentInput& input) {
  json attributes = assessment_attributes(input);
  attributes["provider_code"] = input.provider_code;
  return {{"data",
           {{"type", "candidate_assessments"},
            {"attributes", std::move(attributes)},
            {"relationships", {{"application", linkage("applications", input.application_id)}}}}}};
}

json update_assessment_body(Id id, const CandidateAssessmentInput& input) {
  return {{"data",
           {{"id", std::to_string(id)},
            {"type", "candidate_assessments"},
            {"attributes", assessment_attributes(input)}}}};
}

json move_stage_body(Id application_id, Id stage_id) {
  return {{"data",
           {{"id", std::to_string(application_id)},
            {"type", "applications"},
            {"attributes", json::object()},
            {"relationships", {{"stage", linkage("stages", stage_id)}}}}}};
}

json add_tags_body(Id application_id, const std::vector<TagInput>& tags) {
  json list = json::array();
  for (const auto& tag : tags) list.push_back({{"tag", tag.tag}, {"context", tag.context}});
  return {{"data",
           {{"id", std::to_string(application_id)},
            {"type", "applications"},
            {"attributes", {{"add_tags_with_context", std::move(list)}}}}}};
}

json write_probe_body() {
  return {{"data", json::object()}};
}

}  // namespace pinbridge::pinpoint
