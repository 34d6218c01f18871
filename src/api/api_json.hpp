#pragma once
// Internal to api/: the public API's JSON representations. They are the contract documented in
// openapi.cpp and docs/api.md; they never include an assessment's correct answers.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "assessments/assessment.hpp"
#include "assessments/invitation.hpp"
#include "core/clock.hpp"

namespace pinbridge::api {

// RFC 3339 UTC with milliseconds, e.g. "2023-11-14T22:13:20.000Z".
std::string iso_time(Timestamp when);
nlohmann::json iso_time(const std::optional<Timestamp>& when);  // null when absent

nlohmann::json assessment_json(const assessments::Assessment& assessment);

// candidate_url: the private link, given only while it still works (invited or started).
nlohmann::json invitation_json(const assessments::Invitation& invitation,
                               const std::optional<std::string>& candidate_url,
                               const std::optional<assessments::AssessmentResult>& latest_result);

// report_url: the shareable report, null when the account has report sharing off.
nlohmann::json result_json(const assessments::AssessmentResult& result,
                           const assessments::Invitation& invitation,
                           const std::optional<assessments::Assessment>& assessment,
                           const std::optional<std::string>& report_url);

}  // namespace pinbridge::api
