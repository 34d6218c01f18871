#include "assessments/assessment.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "assessments/text.hpp"

namespace pinbridge::assessments {
namespace {

constexpr std::array<std::string_view, 3> kind_names{"single_choice", "multiple_choice", "short_answer"};

Error question_error(std::size_t index, const std::string& message) {
  return Error::invalid("Question " + std::to_string(index + 1) + ": " + message);
}

Result<void> check_choices(Question& q, std::size_t index) {
  std::vector<std::string> options;
  for (const auto& option : q.options) {
    std::string text = trim(option);
    if (text.empty()) continue;
    if (text.size() > Limits::max_option)
      return question_error(index, "an option is longer than 500 characters");
    options.push_back(std::move(text));
  }
  if (options.size() < 2) return question_error(index, "give at least two options");
  if (options.size() > static_cast<std::size_t>(Limits::max_options))
    return question_error(index, "give at most 20 options");
  if (q.options.size() != options.size())
    return question_error(index, "an option is empty");  // indices would no longer line up
  q.options = std::move(options);
  std::sort(q.correct_options.begin(), q.correct_options.end());
  q.correct_options.erase(std::unique(q.correct_options.begin(), q.correct_options.end()),
                          q.correct_options.end());
  for (int correct : q.correct_options)
    if (correct < 0 || correct >= static_cast<int>(q.options.size()))
      return question_error(index, "a correct option does not exist");
  if (q.kind == QuestionKind::single_choice && q.correct_options.size() != 1)
    return question_error(index, "mark exactly one option as correct");
  if (q.kind == QuestionKind::multiple_choice && q.correct_options.empty())
    return question_error(index, "mark at least one option as correct");
  q.accepted_answers.clear();
  return {};
}

Result<void> check_short_answer(Question& q, std::size_t index) {
  std::vector<std::string> accepted;
  for (const auto& answer : q.accepted_answers) {
    std::string text = trim(answer);
    if (text.empty()) continue;
    if (text.size() > Limits::max_option)
      return question_error(index, "an accepted answer is longer than 500 characters");
    accepted.push_back(std::move(text));
  }
  if (accepted.empty()) return question_error(index, "give at least one accepted answer");
  if (accepted.size() > static_cast<std::size_t>(Limits::max_accepted_answers))
    return question_error(index, "give at most 20 accepted answers");
  q.accepted_answers = std::move(accepted);
  q.options.clear();
  q.correct_options.clear();
  return {};
}

Result<void> check_question(Question& q, std::size_t index) {
  q.prompt = trim(q.prompt);
  if (q.prompt.empty()) return question_error(index, "the question text can't be blank");
  if (q.prompt.size() > Limits::max_prompt) return question_error(index, "the question text is too long");
  if (q.points < 1 || q.points > Limits::max_points) return question_error(index, "points must be 1 to 100");
  return q.kind == QuestionKind::short_answer ? check_short_answer(q, index) : check_choices(q, index);
}

// Keeps given ids (they must be unique) and numbers the rest after the highest "qN" in use.
Result<void> assign_ids(std::vector<Question>& questions) {
  std::set<std::string> seen;
  int highest = 0;
  for (const auto& q : questions) {
    if (q.id.empty()) continue;
    if (!seen.insert(q.id).second) return Error::invalid("two questions share the id '" + q.id + "'");
    if (q.id.size() > 1 && q.id[0] == 'q' && q.id.find_first_not_of("0123456789", 1) == std::string::npos)
      highest = std::max(highest, std::stoi(q.id.substr(1, 6)));
  }
  for (auto& q : questions)
    if (q.id.empty()) q.id = "q" + std::to_string(++highest);
  return {};
}

Result<void> check_header(AssessmentDraft& draft) {
  draft.name = trim(draft.name);
  draft.description = trim(draft.description);
  if (draft.name.empty()) return Error::invalid("Name can't be blank");
  if (draft.name.size() > Limits::max_name)
    return Error::invalid("Name is too long (200 characters at most)");
  if (draft.description.size() > Limits::max_description)
    return Error::invalid("Description is too long (5,000 characters at most)");
  if (draft.time_limit_minutes < 1 || draft.time_limit_minutes > Limits::max_time_limit_minutes)
    return Error::invalid("Time limit must be 1 to 480 minutes");
  if (draft.pass_mark < 0 || draft.pass_mark > 100) return Error::invalid("Pass mark must be 0 to 100");
  if (draft.questions.empty()) return Error::invalid("Add at least one question");
  if (draft.questions.size() > static_cast<std::size_t>(Limits::max_questions))
    return Error::invalid("An assessment has at most 100 questions");
  return {};
}

}  // namespace

std::string_view kind_name(QuestionKind kind) {
  return kind_names.at(static_cast<std::size_t>(kind));
}

std::optional<QuestionKind> parse_kind(std::string_view name) {
  for (std::size_t i = 0; i < kind_names.size(); ++i)
    if (kind_names[i] == name) return static_cast<QuestionKind>(i);
  return std::nullopt;
}

std::string_view status_name(AssessmentStatus status) {
  return status == AssessmentStatus::active ? "active" : "archived";
}

const Question* Assessment::question(std::string_view question_id) const {
  for (const auto& q : content.questions)
    if (q.id == question_id) return &q;
  return nullptr;
}

Result<AssessmentDraft> validate(AssessmentDraft draft) {
  if (auto header = check_header(draft); !header) return header.error();
  for (std::size_t i = 0; i < draft.questions.size(); ++i)
    if (auto checked = check_question(draft.questions[i], i); !checked) return checked.error();
  if (auto ids = assign_ids(draft.questions); !ids) return ids.error();
  return draft;
}

nlohmann::json questions_to_json(const std::vector<Question>& questions) {
  auto out = nlohmann::json::array();
  for (const auto& q : questions) {
    nlohmann::json item = {
        {"id", q.id}, {"kind", kind_name(q.kind)}, {"prompt", q.prompt}, {"points", q.points}};
    if (q.kind == QuestionKind::short_answer) {
      item["accepted_answers"] = q.accepted_answers;
    } else {
      item["options"] = q.options;
      item["correct_options"] = q.correct_options;
    }
    out.push_back(std::move(item));
  }
  return out;
}

Result<std::vector<Question>> questions_from_json(const nlohmann::json& json) {
  if (!json.is_array()) return Error::invalid("questions must be a list");
  std::vector<Question> out;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const auto& item = json[i];
    if (!item.is_object()) return question_error(i, "must be an object");
    Question q;
    try {
      q.id = item.value("id", "");
      const auto kind = parse_kind(item.value("kind", ""));
      if (!kind) return question_error(i, "kind must be single_choice, multiple_choice or short_answer");
      q.kind = *kind;
      q.prompt = item.value("prompt", "");
      q.points = item.value("points", 1);
      q.options = item.value("options", std::vector<std::string>{});
      q.correct_options = item.value("correct_options", std::vector<int>{});
      q.accepted_answers = item.value("accepted_answers", std::vector<std::string>{});
    } catch (const nlohmann::json::exception&) {
      return question_error(i, "a field has the wrong type");
    }
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace pinbridge::assessments
