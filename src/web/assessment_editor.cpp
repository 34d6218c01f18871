// The assessment editor's markup. Questions are fieldsets; app.js adds ("Add question", from a
// <template>) and removes them. Without JavaScript the form carries spare blank slots instead,
// and a question is removed by clearing its text: blank slots are ignored when saving.
#include <fmt/format.h>

#include <array>

#include "web/assessment_form.hpp"
#include "web/components.hpp"

namespace pinbridge::web {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kinds{{
    {"single_choice", "Single choice (one correct option)"},
    {"multiple_choice", "Multiple choice (all correct options, nothing else)"},
    {"short_answer", "Short answer"},
}};

// The placeholder app.js replaces with a fresh slot number in the template's copy.
constexpr std::string_view template_slot = "__slot__";

struct Slot {
  std::string number;  // "3", or the template's placeholder
  bool spare = false;
  std::string error;
  std::string legend;
};

std::string id_for(const Slot& slot, std::string_view part) {
  return fmt::format("q{}-{}", slot.number, part);
}
std::string name_for(const Slot& slot, std::string_view part) {
  return fmt::format("q{}_{}", slot.number, part);
}

void textarea(Html& html, const Slot& slot, std::string_view part, std::string_view label,
              std::string_view value, std::string_view hint) {
  const std::string id = id_for(slot, part);
  html.open("div", {{"class", "field field-" + std::string(part)}});
  html.element("label", {{"for", id}}, label);
  html.element("textarea",
               {{"id", id},
                {"name", name_for(slot, part)},
                {"rows", part == "prompt" ? "2" : "4"},
                {hint.empty() ? "" : "aria-describedby", id + "-hint"}},
               value);
  if (!hint.empty()) html.element("p", {{"class", "field-hint"}, {"id", id + "-hint"}}, hint);
  html.close("div");
}

void kind_select(Html& html, const Slot& slot, std::string_view current) {
  const std::string id = id_for(slot, "kind");
  html.open("div", {{"class", "field"}});
  html.element("label", {{"for", id}}, "Kind");
  html.open("select", {{"id", id}, {"name", name_for(slot, "kind")}, {"data-question-kind", "true"}});
  for (const auto& [value, label] : kinds)
    html.element("option", {{"value", value}, {value == current ? "selected" : "", "selected"}}, label);
  html.close("select").close("div");
}

void points_input(Html& html, const Slot& slot, std::string_view value) {
  const std::string id = id_for(slot, "points");
  html.open("div", {{"class", "field field-points"}});
  html.element("label", {{"for", id}}, "Points");
  html.empty("input", {{"type", "number"},
                       {"id", id},
                       {"name", name_for(slot, "points")},
                       {"value", value},
                       {"min", "1"},
                       {"max", "100"}});
  html.close("div");
}

void question_fieldset(Html& html, const Slot& slot, const QuestionInput& q) {
  const std::string error_id = id_for(slot, "error");
  std::string css = "question";
  if (slot.spare) css += " question-spare";
  if (!slot.error.empty()) css += " question-invalid";
  html.open("fieldset", {{"class", css}, {slot.error.empty() ? "" : "aria-describedby", error_id}});
  html.element("legend", {{"class", "question-legend"}}, slot.legend);
  if (!slot.error.empty()) html.element("p", {{"class", "field-error"}, {"id", error_id}}, slot.error);
  html.empty("input", {{"type", "hidden"}, {"name", name_for(slot, "id")}, {"value", q.id}});
  html.open("div", {{"class", "question-row"}});
  kind_select(html, slot, q.kind);
  points_input(html, slot, q.points);
  html.close("div");
  textarea(html, slot, "prompt", "Question text", q.prompt, "");
  textarea(html, slot, "options", "Options", q.options,
           "Choice questions: one option per line. Start the correct ones with * (for example \"* 4\").");
  textarea(html, slot, "answers", "Accepted answers", q.answers,
           "Short answers: one accepted answer per line. Case and surrounding spaces are ignored.");
  html.element("button",
               {{"type", "button"},
                {"class", "button button-danger button-small"},
                {"data-remove-question", "true"},
                {"hidden", "hidden"}},
               "Remove question");
  html.close("fieldset");
}

void header_fields(Html& html, const AssessmentInput& input, const FormErrors& errors) {
  text_field(html, {.name = "name", .label = "Name", .value = input.name, .error = errors.name});
  html.open("div", {{"class", "field"}});
  html.element("label", {{"for", "description"}}, "Description (optional)");
  html.element("textarea",
               {{"id", "description"},
                {"name", "description"},
                {"rows", "3"},
                {"aria-describedby", "description-hint"}},
               input.description);
  html.element("p", {{"class", "field-hint"}, {"id", "description-hint"}},
               "Candidates see it before they start.");
  html.close("div");
  html.open("div", {{"class", "form-grid"}});
  text_field(html, {.name = "time_limit",
                    .label = "Time limit (minutes)",
                    .value = input.time_limit,
                    .type = "number",
                    .error = errors.time_limit,
                    .hint = "1 to 480 minutes."});
  text_field(html, {.name = "pass_mark",
                    .label = "Pass mark (%)",
                    .value = input.pass_mark,
                    .type = "number",
                    .error = errors.pass_mark,
                    .hint = "The score a candidate needs to pass, 0 to 100."});
  html.close("div");
}

void questions(Html& html, const AssessmentInput& input, const FormErrors& errors) {
  html.open("section", {{"class", "questions"}, {"aria-labelledby", "questions-title"}});
  html.element("h2", {{"id", "questions-title"}}, "Questions");
  html.element("p", {{"class", "muted"}},
               "Blank questions are ignored when you save; clear a question's text to remove it.");
  const std::size_t spares = input.questions.empty() ? 3 : 1;
  html.open("div",
            {{"id", "question-list"}, {"data-next-slot", std::to_string(input.questions.size() + spares)}});
  for (std::size_t i = 0; i < input.questions.size(); ++i) {
    const bool invalid = errors.question == i;
    question_fieldset(
        html,
        {std::to_string(i), false, invalid ? errors.question_message : "", fmt::format("Question {}", i + 1)},
        input.questions[i]);
  }
  for (std::size_t i = 0; i < spares; ++i)
    question_fieldset(html, {std::to_string(input.questions.size() + i), true, "", "New question (optional)"},
                      QuestionInput{});
  html.close("div");
  html.element("button",
               {{"type", "button"},
                {"class", "button button-secondary"},
                {"data-add-question", "true"},
                {"hidden", "hidden"}},
               "Add question");
  html.open("template", {{"id", "question-template"}});
  question_fieldset(html, {std::string(template_slot), false, "", "New question"}, QuestionInput{});
  html.close("template").close("section");
}

}  // namespace

void assessment_form(Html& html, const accounts::SessionContext& session, const AssessmentInput& input,
                     const FormErrors& errors, const FormTarget& target) {
  if (!errors.form.empty()) notice(html, Tone::error, errors.form);
  html.open("form", {{"method", "post"},
                     {"action", target.action},
                     {"class", "assessment-form"},
                     {"novalidate", "novalidate"}});
  csrf_input(html, session.csrf_token);
  html.open("section", {{"class", "card form-stack form-wide"}});
  header_fields(html, input, errors);
  html.close("section");
  questions(html, input, errors);
  html.open("div", {{"class", "form-actions"}});
  html.element("button", {{"type", "submit"}, {"class", "button button-primary"}}, target.submit_label);
  html.element("a", {{"class", "button button-secondary"}, {"href", target.cancel_href}}, "Cancel");
  html.close("div").close("form");
}

}  // namespace pinbridge::web
