#pragma once
// Grading: pure functions from an assessment's questions and a candidate's answers to a score.
// Answers are JSON values keyed by question id: an option index (single choice), a list of option
// indices (multiple choice) or a string (short answer).
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "assessments/assessment.hpp"
#include "core/result.hpp"

namespace pinbridge::assessments {

using Answers = std::map<std::string, nlohmann::json>;
// A recruiter's verdict on one question, which replaces the automatic one when re-grading.
using Overrides = std::map<std::string, bool>;

// Checks the shape of one answer before it is saved: the question exists, an index is in range,
// text is not too long. Returns the answer in canonical form (indices sorted, text kept as typed).
Result<nlohmann::json> check_answer(const Assessment& assessment, const std::string& question_id,
                                    const nlohmann::json& answer);

struct QuestionOutcome {
  std::string question_id;
  bool answered = false;
  bool correct = false;
  bool overridden = false;  // a recruiter set `correct`
  int points_awarded = 0;
  int points_possible = 0;
  nlohmann::json answer;  // null when unanswered
};

struct Grade {
  int score = 0;  // 0-100, points awarded over points possible, rounded half up
  bool passed = false;
  int points_awarded = 0;
  int points_possible = 0;
  std::vector<QuestionOutcome> questions;  // in the assessment's order
};

// Multiple choice is all or nothing: exactly the correct set of options.
Grade grade(const AssessmentDraft& content, const Answers& answers, const Overrides& overrides = {});

nlohmann::json grade_to_json(const Grade& grade);  // the per-question breakdown, as stored and served
Grade grade_from_json(const nlohmann::json& json);

}  // namespace pinbridge::assessments
