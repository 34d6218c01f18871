// GET /workflows: the account's workflows with their rules counted, the form that makes a new one,
// and the way to the run history and the dry run. Without the API add-on or a Pinpoint connection
// it says why and links to Integrations, with no forms.
#include <fmt/format.h>

#include <algorithm>

#include "web/components.hpp"
#include "web/layout.hpp"
#include "web/workflow_pages.hpp"
#include "workflows/workflow_store.hpp"

namespace pinbridge::web {
namespace {

using accounts::SessionContext;

constexpr std::string_view description =
    "Rules that keep Pinpoint and your assessments in step: send assessments when an application reaches "
    "a stage, post results to the candidate's profile and move applications by outcome.";

std::string rules_count(const workflows::Workflow& workflow) {
  const auto total = workflow.rules.size();
  const auto enabled = std::ranges::count_if(workflow.rules, [](const auto& rule) { return rule.enabled; });
  if (total == 0) return "No rules yet";
  return fmt::format("{} rule{} ({} enabled)", total, total == 1 ? "" : "s", enabled);
}

void workflows_table(Html& html, const std::vector<workflows::Workflow>& all) {
  html.open("table", {{"class", "table card-table"}});
  html.element("caption", {{"class", "visually-hidden"}}, "Workflows");
  html.open("thead").open("tr");
  for (const char* heading : {"Name", "Status", "Rules"}) html.element("th", {{"scope", "col"}}, heading);
  html.close("tr").close("thead").open("tbody");
  for (const auto& workflow : all) {
    html.open("tr").open("td");
    html.element("a", {{"href", workflow_path(workflow.id)}}, workflow.name).close("td").open("td");
    enabled_badge(html, workflow.enabled);
    html.close("td").element("td", rules_count(workflow)).close("tr");
  }
  html.close("tbody").close("table");
}

void create_form(Html& html, const SessionContext& session, std::string_view name, std::string_view error) {
  html.open("section", {{"class", "card"}, {"aria-labelledby", "new-workflow-title"}});
  html.element("h2", {{"id", "new-workflow-title"}}, "New workflow");
  html.open("form", {{"method", "post"}, {"action", workflows_path}, {"class", "form-stack"}});
  csrf_input(html, session.csrf_token);
  text_field(html, {.name = "name",
                    .label = "Name",
                    .value = name,
                    .error = error,
                    .hint = "For example Backend screen. You add its rules next."});
  html.open("div", {{"class", "form-actions"}});
  html.element("button", {{"type", "submit"}, {"class", "button button-primary"}}, "Create workflow");
  html.close("div").close("form").close("section");
}

void heading(Html& html, bool with_links) {
  html.open("div", {{"class", "page-heading page-heading-actions"}});
  html.open("div").element("h1", "Workflows");
  html.element("p", {{"class", "page-description"}}, description).close("div");
  if (with_links) {
    html.open("div", {{"class", "button-row"}});
    html.element("a", {{"class", "button button-secondary"}, {"href", workflow_runs_path}}, "Run history");
    html.element("a", {{"class", "button button-secondary"}, {"href", workflow_dry_run_path}}, "Dry run");
    html.close("div");
  }
  html.close("div");
}

http::Response page(const Deps& deps, const SessionContext& session, int status, Html& html) {
  return html_response(
      status, render_dashboard(deps, session, {"Workflows", Section::workflows, std::move(html).str()}));
}

}  // namespace

http::Response workflow_gate_page(const Deps& deps, const SessionContext& session, int status,
                                  std::string_view why) {
  Html html;
  heading(html, false);
  notice(html, Tone::info, why);
  html.element("a", {{"class", "button button-secondary"}, {"href", "/integrations"}}, "Go to Integrations");
  empty_state(
      html, "No workflows yet",
      "Once Pinpoint is connected, workflows send assessments when an application reaches a stage, post "
      "results to the candidate's profile and move applications by outcome.");
  return page(deps, session, status, html);
}

http::Response workflow_list_page(const Deps& deps, const SessionContext& session, const Feedback& feedback,
                                  std::string_view name) {
  const auto all = workflow_services(deps).workflows.list(session.account.id);
  Html html;
  heading(html, true);
  if (!feedback.success.empty()) notice(html, Tone::success, feedback.success);
  if (all.empty()) {
    empty_state(
        html, "No workflows yet",
        "Create one below, then add its rules: which assessment to send at which stage, where results "
        "go, and where each outcome moves the application.");
  } else {
    workflows_table(html, all);
  }
  create_form(html, session, name, feedback.error);  // the only write here that can be refused
  return page(deps, session, feedback.status, html);
}

}  // namespace pinbridge::web
