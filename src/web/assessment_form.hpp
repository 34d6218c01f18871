#pragma once
// The assessment editor: the form's fields as typed (so a refused form comes back as it was sent),
// their conversion to and from an assessment, and the form itself. Questions are numbered slots
// (q0_prompt, q1_prompt, ...) because form fields are read last-one-wins; the slot numbers may
// have gaps once questions are removed in the browser.
#include <optional>
#include <string>
#include <vector>

#include "accounts/sessions.hpp"
#include "assessments/assessment.hpp"
#include "web/html.hpp"
#include "web/page_support.hpp"

namespace pinbridge::web {

struct QuestionInput {
  std::string id;  // hidden: keeps saved answers and results attached across edits
  std::string kind = "single_choice";
  std::string prompt;
  std::string options;  // one per line; a leading "*" marks a correct option
  std::string answers;  // accepted short answers, one per line
  std::string points = "1";
  bool blank() const { return prompt.empty() && options.empty() && answers.empty(); }
};

struct AssessmentInput {
  std::string name;
  std::string description;
  std::string time_limit = "30";
  std::string pass_mark = "60";
  std::vector<QuestionInput> questions;
};

AssessmentInput input_from(const assessments::AssessmentDraft& draft);
AssessmentInput input_from(const Fields& fields);

// Where a refused form's message goes: a header field, a question slot, or the form as a whole.
struct FormErrors {
  std::string form;
  std::string name, time_limit, pass_mark;
  std::optional<std::size_t> question;  // index into AssessmentInput::questions
  std::string question_message;
  bool any() const { return !form.empty(); }
};

// The draft to validate, or the errors of numbers that are not numbers. Blank question slots
// are left out; `slots` maps the draft's questions back to the input's.
struct Drafted {
  assessments::AssessmentDraft draft;
  std::vector<std::size_t> slots;
};
std::optional<Drafted> draft_from(const AssessmentInput& input, FormErrors& errors);
// Places assessments::validate's message next to the field or question it names.
void place_error(const std::string& message, const std::vector<std::size_t>& slots, FormErrors& errors);

struct FormTarget {
  std::string action;  // where the form posts
  std::string submit_label;
  std::string cancel_href;
};
void assessment_form(Html& html, const accounts::SessionContext& session, const AssessmentInput& input,
                     const FormErrors& errors, const FormTarget& target);

}  // namespace pinbridge::web
