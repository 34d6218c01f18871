// The assessment editor's fields to and from an assessment. The options scheme is one option per
// line with a leading "*" on the correct ones, so a choice question is one textarea, not a
// dynamic list of inputs and checkboxes.
#include "web/assessment_form.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace pinbridge::web {
namespace {

using assessments::Question;

// Slot numbers beyond this are ignored: no form of ours has that many, and the limit bounds the work.
constexpr int max_slot = 999;

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

// Browsers send textarea lines with CRLF.
std::string unix_lines(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
  return text;
}

std::vector<std::string> lines(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    if (auto line = trim(text.substr(start, end - start)); !line.empty()) out.push_back(std::move(line));
    start = end + 1;
  }
  return out;
}

std::string join_lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : "\n") + item;
  return out;
}

QuestionInput question_input(const Question& q) {
  QuestionInput input;
  input.id = q.id;
  input.kind = std::string(assessments::kind_name(q.kind));
  input.prompt = q.prompt;
  for (std::size_t i = 0; i < q.options.size(); ++i) {
    const bool correct = std::find(q.correct_options.begin(), q.correct_options.end(), static_cast<int>(i)) !=
                         q.correct_options.end();
    input.options += (i == 0 ? "" : "\n") + std::string(correct ? "* " : "") + q.options[i];
  }
  input.answers = join_lines(q.accepted_answers);
  input.points = std::to_string(q.points);
  return input;
}

std::set<int> slot_numbers(const Fields& fields) {
  std::set<int> slots;
  for (const auto& [name, value] : fields) {
    if (name.size() < 7 || name[0] != 'q' || !name.ends_with("_kind")) continue;
    if (const auto slot = parse_int(std::string_view(name).substr(1, name.size() - 6), 0, max_slot))
      slots.insert(*slot);
  }
  return slots;
}

std::optional<Question> question_from(const QuestionInput& input, std::size_t number, FormErrors& errors) {
  Question q;
  q.id = trim(input.id);
  q.prompt = input.prompt;
  const auto kind = assessments::parse_kind(input.kind);
  const auto points = parse_int(input.points, -1000000, 1000000);
  if (!kind || !points) {
    place_error(fmt::format("Question {}: {}", number + 1,
                            kind ? "points must be a whole number" : "choose what kind of question it is"),
                {}, errors);
    return std::nullopt;
  }
  q.kind = *kind;
  q.points = *points;
  for (auto line : lines(input.options)) {
    if (line.front() == '*') {
      q.correct_options.push_back(static_cast<int>(q.options.size()));
      line = trim(std::string_view(line).substr(1));
    }
    q.options.push_back(std::move(line));
  }
  q.accepted_answers = lines(input.answers);
  return q;
}

}  // namespace

AssessmentInput input_from(const assessments::AssessmentDraft& draft) {
  AssessmentInput input{draft.name,
                        draft.description,
                        std::to_string(draft.time_limit_minutes),
                        std::to_string(draft.pass_mark),
                        {}};
  for (const auto& q : draft.questions) input.questions.push_back(question_input(q));
  return input;
}

AssessmentInput input_from(const Fields& fields) {
  AssessmentInput input{field(fields, "name"),
                        unix_lines(field(fields, "description")),
                        field(fields, "time_limit"),
                        field(fields, "pass_mark"),
                        {}};
  for (const int slot : slot_numbers(fields)) {
    const auto name = [slot](std::string_view part) { return fmt::format("q{}_{}", slot, part); };
    input.questions.push_back({field(fields, name("id")), field(fields, name("kind")),
                               unix_lines(field(fields, name("prompt"))),
                               unix_lines(field(fields, name("options"))),
                               unix_lines(field(fields, name("answers"))), field(fields, name("points"))});
  }
  return input;
}

std::optional<Drafted> draft_from(const AssessmentInput& input, FormErrors& errors) {
  Drafted out;
  out.draft.name = input.name;
  out.draft.description = input.description;
  const auto time_limit = parse_int(input.time_limit, -1000000, 1000000);
  const auto pass_mark = parse_int(input.pass_mark, -1000000, 1000000);
  if (!time_limit) place_error("Time limit must be a whole number of minutes", {}, errors);
  if (!pass_mark) place_error("Pass mark must be a whole number from 0 to 100", {}, errors);
  for (std::size_t slot = 0; slot < input.questions.size(); ++slot) {
    if (input.questions[slot].blank()) continue;
    out.slots.push_back(slot);
    auto q = question_from(input.questions[slot], out.draft.questions.size(), errors);
    if (q) out.draft.questions.push_back(std::move(*q));
    if (!q && !errors.question) errors.question = slot;  // question_from could not map it itself
  }
  if (errors.any()) return std::nullopt;
  out.draft.time_limit_minutes = *time_limit;
  out.draft.pass_mark = *pass_mark;
  return out;
}

void place_error(const std::string& message, const std::vector<std::size_t>& slots, FormErrors& errors) {
  if (errors.form.empty()) errors.form = "The assessment was not saved. " + message + ".";
  if (message.starts_with("Question ")) {
    const auto colon = message.find(':');
    const auto number = parse_int(std::string_view(message).substr(9, colon - 9), 1, 1000000);
    if (number && static_cast<std::size_t>(*number) <= slots.size() && !errors.question)
      errors.question = slots[*number - 1];
    if (errors.question_message.empty()) errors.question_message = message.substr(colon + 2);
  } else if (message.starts_with("Name")) {
    errors.name = message;
  } else if (message.starts_with("Time limit")) {
    errors.time_limit = message;
  } else if (message.starts_with("Pass mark")) {
    errors.pass_mark = message;
  }
}

}  // namespace pinbridge::web
