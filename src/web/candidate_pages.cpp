// The candidate's landing and test pages. Every answer is a plain form field, so Submit works
// without JavaScript; app.js adds saving as they go, the live countdown, integrity signals and
// the automatic submission when time runs out.
#include "web/candidate_pages.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "web/components.hpp"
#include "web/layout.hpp"
#include "web/page_support.hpp"

namespace pinbridge::web {
namespace {

using assessments::Question;
using assessments::QuestionKind;

std::string clock_text(std::int64_t remaining_ms) {
  const auto seconds = std::max<std::int64_t>(0, remaining_ms / 1000);
  return fmt::format("{}:{:02}", seconds / 60, seconds % 60);
}

bool picked(const nlohmann::json& answer, int option) {
  if (answer.is_number_integer()) return answer.get<int>() == option;
  if (answer.is_array())
    for (const auto& item : answer)
      if (item.is_number_integer() && item.get<int>() == option) return true;
  return false;
}

void choices(Html& html, const Question& q, std::size_t index, const nlohmann::json& answer) {
  const bool multiple = q.kind == QuestionKind::multiple_choice;
  if (multiple)
    html.empty("input", {{"type", "hidden"}, {"name", answer_field(index) + "_shown"}, {"value", "1"}});
  html.open("div", {{"class", "choices"}});
  for (std::size_t i = 0; i < q.options.size(); ++i) {
    const auto id = fmt::format("{}-{}", answer_field(index), i);
    const auto value = std::to_string(i);
    html.open("div", {{"class", "choice"}});
    html.empty("input",
               {{"type", multiple ? "checkbox" : "radio"},
                {"id", id},
                {"name", multiple ? fmt::format("{}_{}", answer_field(index), i) : answer_field(index)},
                {"value", multiple ? "1" : value},
                {picked(answer, static_cast<int>(i)) ? "checked" : "", "checked"}});
    html.element("label", {{"for", id}}, q.options[i]);
    html.close("div");
  }
  html.close("div");
}

void short_answer(Html& html, std::size_t index, const nlohmann::json& answer) {
  const auto id = answer_field(index);
  html.element("label", {{"for", id}, {"class", "visually-hidden"}}, "Your answer");
  html.element("textarea", {{"id", id}, {"name", id}, {"rows", "2"}, {"maxlength", "2000"}},
               answer.is_string() ? answer.get<std::string>() : "");
}

void question(Html& html, const Question& q, std::size_t index, std::size_t count,
              const nlohmann::json& answer) {
  html.open("fieldset", {{"class", "candidate-question"},
                         {"data-question-id", q.id},
                         {"data-kind", assessments::kind_name(q.kind)},
                         {"aria-describedby", answer_field(index) + "-status"}});
  html.element("legend", fmt::format("Question {} of {} · {} point{}", index + 1, count, q.points,
                                     q.points == 1 ? "" : "s"));
  html.element("p", {{"class", "candidate-prompt"}}, q.prompt);
  if (q.kind == QuestionKind::multiple_choice)
    html.element("p", {{"class", "muted"}}, "Tick every correct option.");
  if (q.kind == QuestionKind::short_answer) {
    short_answer(html, index, answer);
  } else {
    choices(html, q, index, answer);
  }
  html.element(
      "p", {{"class", "save-status"}, {"id", answer_field(index) + "-status"}, {"aria-live", "polite"}}, "");
  html.close("fieldset");
}

}  // namespace

std::string answer_field(std::size_t index) {
  return fmt::format("a{}", index);
}

std::string render_landing(const Deps& deps, const assessments::CandidateView& view, std::string_view token) {
  const auto& content = view.assessment.content;
  Html html;
  html.element("p", {{"class", "eyebrow"}}, "Assessment for " + view.invitation.candidate_name);
  html.element("h1", content.name);
  if (!content.description.empty())
    html.element("p", {{"class", "candidate-description"}}, content.description);
  html.open("dl", {{"class", "details"}});
  html.element("dt", "Questions").element("dd", std::to_string(content.questions.size()));
  html.element("dt", "Time limit").element("dd", fmt::format("{} minutes", content.time_limit_minutes));
  html.element("dt", "Start before").element("dd", format_datetime(view.invitation.expires_at));
  html.close("dl");
  html.element("p",
               "The timer starts when you press Start and keeps running if you close the page. Your "
               "answers are saved as you go. You have one attempt; when time is up, your answers are "
               "submitted for you.");
  html.open("form", {{"method", "post"}, {"action", fmt::format("/t/{}/start", token)}});
  html.element("button", {{"type", "submit"}, {"class", "button button-primary button-wide"}},
               "Start the assessment");
  html.close("form");
  return render_public(deps, content.name, std::move(html).str(), true);
}

std::string render_test(const Deps& deps, const assessments::CandidateView& view, std::string_view token,
                        std::int64_t remaining_ms) {
  const auto& content = view.assessment.content;
  Html html;
  html.open("div", {{"class", "test-header"}});
  html.element("h1", content.name);
  html.open("p",
            {{"class", "timer"}, {"role", "timer"}, {"data-remaining-ms", std::to_string(remaining_ms)}});
  html.text("Time left ").element("strong", {{"class", "timer-value"}}, clock_text(remaining_ms));
  html.close("p").close("div");
  html.open("form", {{"method", "post"},
                     {"action", fmt::format("/t/{}/submit", token)},
                     {"id", "test-form"},
                     {"data-answers-url", fmt::format("/t/{}/answers", token)},
                     {"data-signals-url", fmt::format("/t/{}/signals", token)},
                     {"data-confirm", "Submit your answers? You can't change them afterwards."}});
  const auto count = content.questions.size();
  for (std::size_t i = 0; i < count; ++i) {
    const auto& q = content.questions[i];
    const auto saved = view.invitation.answers.find(q.id);
    question(html, q, i, count, saved == view.invitation.answers.end() ? nlohmann::json() : saved->second);
  }
  html.element("button", {{"type", "submit"}, {"class", "button button-primary button-wide"}},
               "Submit answers");
  html.close("form");
  return render_public(deps, content.name, std::move(html).str(), true);
}

}  // namespace pinbridge::web
