#pragma once
// What an assessment is: a named set of questions that grade themselves, with a time limit and a
// pass mark. The validation here is the one every way in shares (dashboard form, public API, demo
// seed), and its messages are written to be shown to the person who typed the input.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace pinbridge::assessments {

enum class QuestionKind { single_choice, multiple_choice, short_answer };
std::string_view kind_name(QuestionKind kind);
std::optional<QuestionKind> parse_kind(std::string_view name);

struct Question {
  // Stable within the assessment ("q1", "q2", ...): saved answers and results refer to it, so
  // editing the wording keeps a candidate's answers attached.
  std::string id;
  QuestionKind kind = QuestionKind::single_choice;
  std::string prompt;
  std::vector<std::string> options;           // choice questions
  std::vector<int> correct_options;           // indices into options, ascending
  std::vector<std::string> accepted_answers;  // short answers; compared ignoring case and outer space
  int points = 1;
};

// Limits, also shown in the form's hints.
struct Limits {
  static constexpr int max_questions = 100;
  static constexpr int max_options = 20;
  static constexpr int max_accepted_answers = 20;
  static constexpr int max_time_limit_minutes = 480;
  static constexpr std::size_t max_prompt = 2000;
  static constexpr std::size_t max_option = 500;
  static constexpr std::size_t max_name = 200;
  static constexpr std::size_t max_description = 5000;
  static constexpr int max_points = 100;
};

struct AssessmentDraft {
  std::string name;
  std::string description;
  int time_limit_minutes = 30;
  int pass_mark = 60;  // percent, 0-100
  std::vector<Question> questions;
};

enum class AssessmentStatus { active, archived };
std::string_view status_name(AssessmentStatus status);

struct AssessmentLabel {
  std::string name;
  int pass_mark = 0;
};

struct Assessment {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  AssessmentStatus status = AssessmentStatus::active;
  // Bumps whenever a change can alter grades (questions, accepted answers, pass mark), so results
  // can say which version graded them.
  int version = 1;
  AssessmentDraft content;
  Timestamp created_at;
  Timestamp updated_at;

  const Question* question(std::string_view question_id) const;
};

// Trims text, gives questions without an id the next free "qN", sorts correct options, and checks
// every limit. The error names the question ("Question 3: ...") and says what to change.
Result<AssessmentDraft> validate(AssessmentDraft draft);

// The stored form of the questions (also the public API's).
nlohmann::json questions_to_json(const std::vector<Question>& questions);
// Reads questions_to_json's output, or a client's; shape errors are invalid_input.
Result<std::vector<Question>> questions_from_json(const nlohmann::json& json);

}  // namespace pinbridge::assessments
