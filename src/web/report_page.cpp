#include "web/report_page.hpp"

#include <fmt/format.h>

#include "web/components.hpp"
#include "web/page_support.hpp"

namespace pinbridge::web {
namespace {

using assessments::QuestionKind;
using assessments::QuestionOutcome;

std::string option_text(const assessments::Question& q, const nlohmann::json& index) {
  if (!index.is_number_integer()) return "?";
  const auto i = index.get<int>();
  return i >= 0 && i < static_cast<int>(q.options.size()) ? q.options[i] : fmt::format("option {}", i + 1);
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

std::string times(int count) {
  return fmt::format("{} time{}", count, count == 1 ? "" : "s");
}

void summary(Html& html, const ReportData& data) {
  const auto& grade = data.result.grade;
  html.open("section", {{"class", "card report-summary"}, {"aria-labelledby", "summary-title"}});
  html.element("h2", {{"id", "summary-title"}, {"class", "visually-hidden"}}, "Summary");
  html.open("div", {{"class", "score"}});
  html.element("span", {{"class", "score-value"}}, fmt::format("{}%", grade.score));
  html.element("span", {{"class", grade.passed ? "badge badge-pass" : "badge badge-fail"}},
               grade.passed ? "Passed" : "Failed");
  html.close("div");
  html.open("dl", {{"class", "details"}});
  html.element("dt", "Pass mark").element("dd", fmt::format("{}%", data.assessment.content.pass_mark));
  html.element("dt", "Points")
      .element("dd", fmt::format("{} of {}", grade.points_awarded, grade.points_possible));
  html.element("dt", "Time taken")
      .element("dd", fmt::format("{} (limit {} min)", format_duration(data.result.time_taken_ms),
                                 data.assessment.content.time_limit_minutes));
  if (data.invitation.submitted_at)
    html.element("dt", "Submitted").element("dd", format_datetime(*data.invitation.submitted_at));
  html.element("dt", "Left the page").element("dd", times(data.invitation.signals.left_page));
  html.element("dt", "Pasted text").element("dd", times(data.invitation.signals.pastes));
  html.element("dt", "Result version").element("dd", std::to_string(data.result.version));
  html.close("dl").close("section");
}

void override_form(Html& html, const ReportData& data, const ReportOptions& options,
                   const QuestionOutcome& o) {
  html.open("form", {{"method", "post"},
                     {"action", fmt::format("/invitations/{}/report/override", data.invitation.id)},
                     {"class", "inline-form"}});
  csrf_input(html, options.csrf_token);
  html.empty("input", {{"type", "hidden"}, {"name", "question_id"}, {"value", o.question_id}});
  html.empty("input",
             {{"type", "hidden"}, {"name", "verdict"}, {"value", o.correct ? "incorrect" : "correct"}});
  html.element("button", {{"type", "submit"}, {"class", "button button-secondary button-small"}},
               o.correct ? "Mark incorrect" : "Mark correct");
  html.close("form");
}

void question_item(Html& html, const ReportData& data, const ReportOptions& options, const QuestionOutcome& o,
                   std::size_t number) {
  const auto* q = data.assessment.question(o.question_id);
  html.open("li", {{"class", o.correct ? "report-question is-correct" : "report-question is-incorrect"}});
  html.open("div", {{"class", "report-question-head"}});
  html.element("h3", fmt::format("Question {}", number));
  html.element("span", {{"class", o.correct ? "badge badge-pass" : "badge badge-fail"}},
               o.correct ? "Correct" : "Incorrect");
  html.element("span", {{"class", "muted"}},
               fmt::format("{} of {} points{}", o.points_awarded, o.points_possible,
                           o.overridden ? " · marked by a recruiter" : ""));
  html.close("div");
  html.element("p", {{"class", "report-prompt"}},
               q ? q->prompt : "This question was removed from the assessment.");
  html.open("dl", {{"class", "details"}});
  html.element("dt", "Answer").element("dd", q ? readable_answer(*q, o.answer) : o.answer.dump());
  if (q) html.element("dt", "Correct answer").element("dd", correct_answer(*q));
  html.close("dl");
  if (options.recruiter) override_form(html, data, options, o);
  html.close("li");
}

void versions(Html& html, const ReportData& data) {
  html.open("section", {{"class", "card"}, {"aria-labelledby", "versions-title"}});
  html.element("h2", {{"id", "versions-title"}}, "Result versions");
  html.open("table", {{"class", "table"}});
  html.open("thead").open("tr");
  for (const char* h : {"Version", "Score", "Why", "Assessment version", "When"})
    html.element("th", {{"scope", "col"}}, h);
  html.close("tr").close("thead").open("tbody");
  for (const auto& r : data.versions) {
    html.open("tr").element("td", std::to_string(r.version)).element("td", fmt::format("{}%", r.grade.score));
    html.element("td", r.reason).element("td", std::to_string(r.assessment_version));
    html.element("td", format_datetime(r.created_at)).close("tr");
  }
  html.close("tbody").close("table").close("section");
}

void share_box(Html& html, const ReportOptions& options) {
  html.open("section", {{"class", "card"}, {"aria-labelledby", "share-title"}});
  html.element("h2", {{"id", "share-title"}}, "Shareable link");
  if (options.share_url.empty()) {
    html.element("p", {{"class", "muted"}}, "Report sharing is turned off for this account (Settings).");
  } else {
    html.element(
        "p", {{"class", "card-description"}, {"id", "share-hint"}},
        "Anyone with this link can read this report without signing in, for example inside Pinpoint.");
    html.open("div", {{"class", "copy-row"}});
    html.element("label", {{"for", "share-link"}, {"class", "visually-hidden"}}, "Shareable link");
    html.empty("input", {{"id", "share-link"},
                         {"type", "text"},
                         {"readonly", "readonly"},
                         {"value", options.share_url},
                         {"aria-describedby", "share-hint"}});
    html.element(
        "button",
        {{"type", "button"}, {"class", "button button-secondary button-small"}, {"data-copy", "#share-link"}},
        "Copy link");
    html.close("div");
  }
  html.close("section");
}

}  // namespace

std::string readable_answer(const assessments::Question& q, const nlohmann::json& answer) {
  if (answer.is_null() || (answer.is_array() && answer.empty())) return "No answer";
  if (answer.is_string()) return answer.get<std::string>().empty() ? "No answer" : answer.get<std::string>();
  if (!answer.is_array()) return option_text(q, answer);
  std::vector<std::string> picked;
  for (const auto& item : answer) picked.push_back(option_text(q, item));
  return join(picked, "; ");
}

std::string correct_answer(const assessments::Question& q) {
  if (q.kind == QuestionKind::short_answer) return join(q.accepted_answers, " or ");
  std::vector<std::string> correct;
  for (const int i : q.correct_options) correct.push_back(option_text(q, i));
  return join(correct, "; ");
}

void render_report(Html& html, const ReportData& data, const ReportOptions& options) {
  summary(html, data);
  html.open("section", {{"class", "card"}, {"aria-labelledby", "breakdown-title"}});
  html.element("h2", {{"id", "breakdown-title"}}, "Questions");
  html.open("ol", {{"class", "report-questions"}});
  const auto& outcomes = data.result.grade.questions;
  for (std::size_t i = 0; i < outcomes.size(); ++i) question_item(html, data, options, outcomes[i], i + 1);
  html.close("ol").close("section");
  if (options.recruiter) {
    versions(html, data);
    share_box(html, options);
  }
}

}  // namespace pinbridge::web
