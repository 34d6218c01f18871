// GET /workflows/runs: the run history, newest first, 50 runs a page. Each run is an event that
// matched a rule: its trigger and summary, and every action a rule asked for with its workflow, why
// ("moved to Rejected by 'Backend screen' because score 41 < 50"), its state, what was asked of
// Pinpoint and what came back, and a Retry button when it failed.
#include <fmt/format.h>

#include <algorithm>

#include "web/components.hpp"
#include "web/layout.hpp"
#include "web/workflow_pages.hpp"
#include "workflows/run_log.hpp"

namespace pinbridge::web {

using accounts::SessionContext;
using workflows::Action;
using workflows::ActionState;
using workflows::Run;
using workflows::RunFilter;

namespace {

constexpr int page_size = 50;

struct RunsQuery {
  RunFilter filter;
  int page = 1;
  std::string application_text;  // as typed, shown back in the filter
  std::string error;             // the application id was not one
};

std::string query_value(const http::Request& request, const std::string& name) {
  const auto it = request.query.find(name);
  return it == request.query.end() ? std::string() : it->second;
}

RunsQuery runs_query(const http::Request& request) {
  RunsQuery query;
  query.filter.failed_only = !query_value(request, "failed").empty();
  query.application_text = trimmed_field(request.query, "application_id");
  if (!query.application_text.empty()) {
    query.filter.application_id = parse_id(query.application_text);
    if (!query.filter.application_id)
      query.error = "The application id is the number in the application's Pinpoint address, e.g. 12345.";
  }
  query.page =
      parse_int(query_value(request, "page").empty() ? "1" : query_value(request, "page"), 1, 1000000)
          .value_or(1);
  return query;
}

std::string runs_url(const RunFilter& filter, int page) {
  std::string url = fmt::format("{}?page={}", workflow_runs_path, page);
  if (filter.failed_only) url += "&failed=1";
  if (filter.application_id) url += fmt::format("&application_id={}", *filter.application_id);
  return url;
}

void filters(Html& html, const RunsQuery& query) {
  html.open("form", {{"method", "get"}, {"action", workflow_runs_path}, {"class", "filter-bar"}});
  html.open("label");
  html.empty("input", {{"type", "checkbox"},
                       {"name", "failed"},
                       {"value", "1"},
                       {query.filter.failed_only ? "checked" : "", "checked"}});
  html.text(" Failed only").close("label");
  html.element("label", {{"for", "filter-application"}}, "Application id");
  html.empty("input", {{"type", "text"},
                       {"id", "filter-application"},
                       {"class", "filter-input"},
                       {"name", "application_id"},
                       {"inputmode", "numeric"},
                       {"value", query.application_text}});
  html.element("button", {{"type", "submit"}, {"class", "button button-secondary button-small"}}, "Filter");
  if (query.filter.failed_only || !query.application_text.empty())
    html.element("a", {{"href", workflow_runs_path}}, "Clear filters");
  html.close("form");
}

std::string_view state_class(ActionState state) {
  switch (state) {
    case ActionState::done:
      return "badge badge-on";
    case ActionState::skipped:
      return "badge badge-off";
    case ActionState::failed:
      return "badge badge-status badge-failed";
    case ActionState::pending:
      break;
  }
  return "badge badge-status badge-pending";
}

void action_row(Html& html, const SessionContext& session, const Action& action) {
  html.open("tr").element("td", action.workflow_name);
  html.element("td", action.explanation).open("td");
  html.element("span", {{"class", state_class(action.state)}}, workflows::action_state_name(action.state));
  html.close("td");
  html.open("td").element("code", {{"class", "activity-path"}},
                          action.request.empty() ? "—" : action.request);
  html.close("td").element("td", action.response.empty() ? "—" : action.response);
  html.element("td", std::to_string(action.attempts)).open("td", {{"class", "cell-actions"}});
  if (action.state == ActionState::failed)
    button_form(html, session, fmt::format("/workflows/actions/{}/retry", action.id), "Retry",
                "button-secondary", {}, fmt::format("Retry: {}", action.explanation));
  html.close("td").close("tr");
}

std::string run_line(const Run& run) {
  std::string line = fmt::format("{} · {}", format_datetime(run.created_at), run.trigger);
  if (run.application_id) line += fmt::format(" · application {}", *run.application_id);
  if (run.duplicates > 0)
    line += fmt::format(" · {} action{} already done by an earlier run", run.duplicates,
                        run.duplicates == 1 ? "" : "s");
  return line;
}

void run_card(Html& html, const SessionContext& session, const Run& run) {
  const std::string title_id = fmt::format("run-{}-title", run.id);
  html.open("article", {{"class", "card run"}, {"aria-labelledby", title_id}});
  html.element("h2", {{"id", title_id}}, run.summary);
  html.element("p", {{"class", "card-description"}}, run_line(run));
  if (run.actions.empty()) {
    html.element("p", {{"class", "muted"}}, "No new actions.");
  } else {
    html.open("table", {{"class", "table"}});
    html.open("thead").open("tr");
    for (const char* heading : {"Workflow", "What and why", "State", "Request", "Response", "Attempts"})
      html.element("th", {{"scope", "col"}}, heading);
    html.open("th", {{"scope", "col"}})
        .element("span", {{"class", "visually-hidden"}}, "Actions")
        .close("th");
    html.close("tr").close("thead").open("tbody");
    for (const auto& action : run.actions) action_row(html, session, action);
    html.close("tbody").close("table");
  }
  html.close("article");
}

void pager(Html& html, const RunsQuery& query, std::int64_t total) {
  const auto pages = std::max<std::int64_t>(1, (total + page_size - 1) / page_size);
  html.open("nav", {{"class", "pager"}, {"aria-label", "Pages"}});
  if (query.page > 1)
    html.element("a", {{"href", runs_url(query.filter, query.page - 1)}, {"rel", "prev"}}, "Newer");
  html.element("span",
               fmt::format("Page {} of {} ({} run{})", query.page, pages, total, total == 1 ? "" : "s"));
  if (query.page < pages)
    html.element("a", {{"href", runs_url(query.filter, query.page + 1)}, {"rel", "next"}}, "Older");
  html.close("nav");
}

void history(Html& html, const Deps& deps, const SessionContext& session, const RunsQuery& query) {
  auto& runs = workflow_services(deps).runs;
  const auto account_id = session.account.id;
  const bool filtered = query.filter.failed_only || query.filter.application_id;
  const auto total = runs.count(account_id, query.filter);
  if (total == 0 && !filtered) {
    empty_state(
        html, "No runs yet",
        "When an event matches one of your enabled rules, it is listed here with every action taken in "
        "Pinpoint and why.");
    return;
  }
  filters(html, query);
  if (total == 0) {
    empty_state(html, "No runs match these filters", "Clear the filters to see every run.");
    return;
  }
  for (const auto& run : runs.list(account_id, query.filter, page_size, (query.page - 1) * page_size))
    run_card(html, session, run);
  pager(html, query, total);
}

}  // namespace

http::Response workflow_runs_page(const Deps& deps, const http::Request& request,
                                  const SessionContext& session, const Feedback& feedback) {
  const auto query = runs_query(request);
  Html html;
  html.element("a", {{"class", "back-link"}, {"href", workflows_path}}, "← Workflows");
  page_heading(html, "Run history",
               "Every event that matched a rule, newest first, with what each rule did in Pinpoint and why.");
  if (!feedback.success.empty()) notice(html, Tone::success, feedback.success);
  if (!feedback.error.empty()) notice(html, Tone::error, feedback.error);
  if (!query.error.empty()) {
    notice(html, Tone::error, query.error);
    filters(html, query);
  } else {
    history(html, deps, session, query);
  }
  const int status = !query.error.empty() ? 422 : feedback.status;
  return html_response(
      status, render_dashboard(deps, session, {"Run history", Section::workflows, std::move(html).str()}));
}

}  // namespace pinbridge::web
