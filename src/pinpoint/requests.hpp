#pragma once
// The JSON:API documents we send, exactly as pinpoint-api.md shows them.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pinpoint/models.hpp"

namespace pinbridge::pinpoint {

nlohmann::json comment_body(Id application_id, const std::string& body_text);
nlohmann::json create_assessment_body(const CandidateAssessmentInput& input);
// Only the attributes that are set; application and provider_code are fixed once created.
nlohmann::json update_assessment_body(Id id, const CandidateAssessmentInput& input);
nlohmann::json move_stage_body(Id application_id, Id stage_id);
nlohmann::json add_tags_body(Id application_id, const std::vector<TagInput>& tags);
// The write probe: POST /{type} with an empty data answers 422 when the key may write, 403 when
// not, and creates nothing.
nlohmann::json write_probe_body();

}  // namespace pinbridge::pinpoint
