// GET /workflows/dry-run?application_id=N: what the account's enabled rules would do now for one
// Pinpoint application, read from Pinpoint, with nothing done. Each item says why, and whether it
// will run or was already done (an action exists once, so it never runs twice).
#include <fmt/format.h>

#include "web/components.hpp"
#include "web/layout.hpp"
#include "web/workflow_pages.hpp"
#include "workflows/engine.hpp"

namespace pinbridge::web {

using accounts::SessionContext;

namespace {

void application_form(Html& html, std::string_view value, std::string_view error) {
  html.open("form", {{"method", "get"}, {"action", workflow_dry_run_path}, {"class", "form-stack"}});
  text_field(html, {.name = "application_id",
                    .label = "Pinpoint application id",
                    .value = value,
                    .error = error,
                    .hint = "The number in the application's Pinpoint address, e.g. 12345."});
  html.open("div", {{"class", "form-actions"}});
  html.element("button", {{"type", "submit"}, {"class", "button button-primary"}}, "Preview");
  html.close("div").close("form");
}

void preview_item(Html& html, const workflows::Preview::Item& item) {
  html.open("tr").element("td", item.action.workflow_name).element("td", item.action.explanation).open("td");
  if (item.done) {
    html.element("span", {{"class", "badge badge-off"}},
                 fmt::format("already done ({})", workflows::action_state_name(*item.done)));
  } else {
    html.element("span", {{"class", "badge badge-on"}}, "will run");
  }
  html.close("td").close("tr");
}

void preview(Html& html, const workflows::Preview& result) {
  html.open("section", {{"class", "card"}, {"aria-labelledby", "preview-title"}});
  html.element("h2", {{"id", "preview-title"}}, "Preview");
  html.element("p", {{"class", "card-description"}}, result.application);
  if (result.items.empty()) {
    html.element("p", "No enabled rule would do anything for this application now.");
  } else {
    html.open("table", {{"class", "table"}});
    html.open("thead").open("tr");
    for (const char* heading : {"Workflow", "What and why", "Now"})
      html.element("th", {{"scope", "col"}}, heading);
    html.close("tr").close("thead").open("tbody");
    for (const auto& item : result.items) preview_item(html, item);
    html.close("tbody").close("table");
  }
  html.close("section");
}

}  // namespace

http::Response workflow_dry_run_page(const Deps& deps, const http::Request& request,
                                     const SessionContext& session) {
  const auto text = trimmed_field(request.query, "application_id");
  Html html;
  html.element("a", {{"class", "back-link"}, {"href", workflows_path}}, "← Workflows");
  page_heading(html, "Dry run",
               "What your enabled rules would do now for one application in Pinpoint. Nothing is done.");
  int status = 200;
  const auto id = parse_id(text);
  const std::string error =
      text.empty() || id ? std::string() : "Enter the application's id: a whole number such as 12345.";
  if (!error.empty()) status = 422;
  application_form(html, text, error);
  if (id) {
    const auto result = workflow_services(deps).engine.dry_run(session.account.id, *id);
    if (result) {
      preview(html, *result);
    } else {
      notice(html, Tone::error,
             fmt::format("No preview for application {}: {}", *id, result.error().message));
      status = http_status(result.error().code);
    }
  }
  return html_response(
      status, render_dashboard(deps, session, {"Dry run", Section::workflows, std::move(html).str()}));
}

}  // namespace pinbridge::web
