#include "assessments/grading.hpp"

#include <algorithm>

#include "assessments/text.hpp"

namespace pinbridge::assessments {
namespace {

constexpr std::size_t max_answer_length = 2000;

bool is_correct(const Question& q, const nlohmann::json& answer) {
  switch (q.kind) {
    case QuestionKind::single_choice:
      return answer.is_number_integer() && q.correct_options.size() == 1 &&
             answer.get<int>() == q.correct_options.front();
    case QuestionKind::multiple_choice:
      return answer.is_array() && answer.get<std::vector<int>>() == q.correct_options;
    case QuestionKind::short_answer: {
      if (!answer.is_string()) return false;
      const auto given = normalize_answer(answer.get<std::string>());
      return std::any_of(q.accepted_answers.begin(), q.accepted_answers.end(),
                         [&](const std::string& accepted) { return normalize_answer(accepted) == given; });
    }
  }
  return false;
}

bool in_range(const Question& q, int index) {
  return index >= 0 && index < static_cast<int>(q.options.size());
}

Result<nlohmann::json> check_choice_list(const Question& q, const nlohmann::json& answer) {
  if (!answer.is_array()) return Error::invalid("this question takes a list of option numbers");
  std::vector<int> picked;
  for (const auto& item : answer) {
    if (!item.is_number_integer() || !in_range(q, item.get<int>()))
      return Error::invalid("an option number is out of range");
    picked.push_back(item.get<int>());
  }
  std::sort(picked.begin(), picked.end());
  picked.erase(std::unique(picked.begin(), picked.end()), picked.end());
  return nlohmann::json(picked);
}

}  // namespace

Result<nlohmann::json> check_answer(const Assessment& assessment, const std::string& question_id,
                                    const nlohmann::json& answer) {
  const Question* q = assessment.question(question_id);
  if (!q) return Error::invalid("there is no question '" + question_id + "' in this assessment");
  if (answer.is_null()) return answer;  // clearing an answer
  switch (q->kind) {
    case QuestionKind::single_choice:
      if (!answer.is_number_integer() || !in_range(*q, answer.get<int>()))
        return Error::invalid("this question takes one option number in range");
      return answer;
    case QuestionKind::multiple_choice:
      return check_choice_list(*q, answer);
    case QuestionKind::short_answer:
      if (!answer.is_string()) return Error::invalid("this question takes text");
      if (answer.get<std::string>().size() > max_answer_length)
        return Error::invalid("an answer has at most 2,000 characters");
      return answer;
  }
  return Error::invalid("unknown question kind");
}

Grade grade(const AssessmentDraft& content, const Answers& answers, const Overrides& overrides) {
  Grade out;
  for (const auto& q : content.questions) {
    QuestionOutcome outcome;
    outcome.question_id = q.id;
    outcome.points_possible = q.points;
    const auto given = answers.find(q.id);
    outcome.answered = given != answers.end() && !given->second.is_null();
    if (outcome.answered) outcome.answer = given->second;
    outcome.correct = outcome.answered && is_correct(q, given->second);
    if (const auto verdict = overrides.find(q.id); verdict != overrides.end()) {
      outcome.correct = verdict->second;
      outcome.overridden = true;
    }
    outcome.points_awarded = outcome.correct ? q.points : 0;
    out.points_awarded += outcome.points_awarded;
    out.points_possible += outcome.points_possible;
    out.questions.push_back(std::move(outcome));
  }
  out.score = out.points_possible == 0
                  ? 0
                  : (200 * out.points_awarded + out.points_possible) / (2 * out.points_possible);
  out.passed = out.score >= content.pass_mark;
  return out;
}

nlohmann::json grade_to_json(const Grade& grade) {
  auto questions = nlohmann::json::array();
  for (const auto& q : grade.questions) {
    questions.push_back({{"question_id", q.question_id},
                         {"answered", q.answered},
                         {"correct", q.correct},
                         {"overridden", q.overridden},
                         {"points_awarded", q.points_awarded},
                         {"points_possible", q.points_possible},
                         {"answer", q.answer}});
  }
  return {{"score", grade.score},
          {"passed", grade.passed},
          {"points_awarded", grade.points_awarded},
          {"points_possible", grade.points_possible},
          {"questions", questions}};
}

Grade grade_from_json(const nlohmann::json& json) {
  Grade out;
  out.score = json.value("score", 0);
  out.passed = json.value("passed", false);
  out.points_awarded = json.value("points_awarded", 0);
  out.points_possible = json.value("points_possible", 0);
  for (const auto& q : json.value("questions", nlohmann::json::array())) {
    out.questions.push_back({q.value("question_id", ""), q.value("answered", false),
                             q.value("correct", false), q.value("overridden", false),
                             q.value("points_awarded", 0), q.value("points_possible", 0),
                             q.value("answer", nlohmann::json())});
  }
  return out;
}

}  // namespace pinbridge::assessments
