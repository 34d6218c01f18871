// GET /workflows/{id}: the builder of one workflow. Its rules in the four groups of product.md,
// each rule a sentence in a recruiter's words with Enable/Disable and Remove, and an "Add" form per
// group; above them the workflow's name, its switch and its deletion.
#include <fmt/format.h>

#include <array>

#include "web/components.hpp"
#include "web/layout.hpp"
#include "web/workflow_pages.hpp"

namespace pinbridge::web {

using accounts::SessionContext;
using workflows::Rule;
using workflows::RuleKind;
using workflows::Workflow;

namespace {

struct Group {
  RuleKind kind;
  std::string_view description;
};

constexpr std::array<Group, 4> groups{{
    {RuleKind::send_on_stage,
     "Invite the candidate when their application enters a stage. An application is never invited to the "
     "same assessment twice, however often it enters the stage."},
    {RuleKind::post_results,
     "When a candidate invited by a workflow completes, write the result into Pinpoint. A re-grade updates "
     "the same record; it never adds another."},
    {RuleKind::move_on_result,
     "When an assessment is completed, move the application to the stage its outcome calls for, and tag it."},
    {RuleKind::on_expiry,
     "When an invitation expires before the candidate started, move the application or comment on it."},
}};

std::string rule_action(const Rule& rule, std::string_view what) {
  return fmt::format("{}/rules/{}/{}", workflow_path(rule.workflow_id), rule.id, what);
}

// The comment a rule writes, shown under its sentence.
std::string comment_of(const Rule& rule) {
  if (const auto* post = std::get_if<workflows::PostResults>(&rule.settings); post && post->comment)
    return post->comment_template;
  if (const auto* expiry = std::get_if<workflows::OnExpiry>(&rule.settings)) return expiry->comment_template;
  return {};
}

void rule_row(Html& html, const SessionContext& session, const Rule& rule, const Catalog& catalog) {
  const std::string sentence = rule_sentence(rule, catalog);
  html.open("tr").open("td");
  html.element("p", {{"class", "rule-sentence"}}, sentence);
  if (const auto comment = comment_of(rule); !comment.empty())
    html.element("span", {{"class", "cell-sub"}}, "Comment: " + comment);
  html.close("td").open("td");
  enabled_badge(html, rule.enabled);
  html.close("td").open("td", {{"class", "cell-actions"}}).open("div", {{"class", "button-row"}});
  button_form(html, session, rule_action(rule, rule.enabled ? "disable" : "enable"),
              rule.enabled ? "Disable" : "Enable", "button-secondary", {},
              fmt::format("{} the rule: {}", rule.enabled ? "Disable" : "Enable", sentence));
  button_form(html, session, rule_action(rule, "remove"), "Remove", "button-danger",
              "Remove this rule? What it already did stays in the run history.",
              fmt::format("Remove the rule: {}", sentence));
  html.close("div").close("td").close("tr");
}

void rules_table(Html& html, const SessionContext& session, const std::vector<const Rule*>& rules,
                 const Catalog& catalog) {
  html.open("table", {{"class", "table"}});
  html.open("thead").open("tr");
  html.element("th", {{"scope", "col"}}, "Rule").element("th", {{"scope", "col"}}, "Status");
  html.open("th", {{"scope", "col"}}).element("span", {{"class", "visually-hidden"}}, "Actions").close("th");
  html.close("tr").close("thead").open("tbody");
  for (const auto* rule : rules) rule_row(html, session, *rule, catalog);
  html.close("tbody").close("table");
}

void group_section(Html& html, const SessionContext& session, const Workflow& workflow, const Group& group,
                   const Catalog& catalog, const BuilderView& view) {
  const std::string id(workflows::rule_kind_name(group.kind));
  std::vector<const Rule*> rules;
  for (const auto& rule : workflow.rules)
    if (workflows::kind_of(rule.settings) == group.kind) rules.push_back(&rule);
  html.open("section", {{"class", "card rule-group"}, {"id", id}, {"aria-labelledby", id + "-title"}});
  html.element("h2", {{"id", id + "-title"}}, rule_kind_title(group.kind));
  html.element("p", {{"class", "card-description"}}, group.description);
  if (rules.empty())
    html.element("p", {{"class", "muted"}}, "No rules of this kind yet.");
  else
    rules_table(html, session, rules, catalog);
  const bool refused = view.refused_kind == group.kind;
  html.open("details", {{rules.empty() || refused ? "open" : "", "open"}});
  html.element("summary", fmt::format("Add a rule: {}", rule_kind_title(group.kind)));
  const Fields none;
  rule_add_form(html, session, workflow.id, group.kind, catalog, refused ? view.posted : none);
  html.close("details").close("section");
}

void settings_section(Html& html, const SessionContext& session, const Workflow& workflow,
                      const BuilderView& view) {
  html.open("section", {{"class", "card"}, {"aria-labelledby", "workflow-settings-title"}});
  html.element("h2", {{"id", "workflow-settings-title"}}, "Workflow");
  html.open("p");
  enabled_badge(html, workflow.enabled);
  html.text(workflow.enabled ? "Its enabled rules run on every new event."
                             : "Disabled: none of its rules run until you enable it.");
  html.close("p");
  const std::string base = workflow_path(workflow.id);
  html.open("form", {{"method", "post"}, {"action", base + "/rename"}, {"class", "form-stack"}});
  csrf_input(html, session.csrf_token);
  text_field(html,
             {.name = "name",
              .label = "Name",
              .value = view.name.empty() ? std::string_view(workflow.name) : std::string_view(view.name)});
  html.open("div", {{"class", "form-actions"}});
  html.element("button", {{"type", "submit"}, {"class", "button button-secondary"}}, "Rename");
  html.close("div").close("form");
  html.open("div", {{"class", "button-row"}});
  button_form(html, session, base + (workflow.enabled ? "/disable" : "/enable"),
              workflow.enabled ? "Disable workflow" : "Enable workflow", "button-secondary");
  button_form(
      html, session, base + "/delete", "Delete workflow", "button-danger",
      fmt::format("Delete the workflow {} and its rules? What they already did stays in the run history.",
                  workflow.name));
  html.close("div").close("section");
}

}  // namespace

http::Response workflow_builder_page(const Deps& deps, const SessionContext& session,
                                     const Workflow& workflow, const BuilderView& view) {
  const auto catalog = load_catalog(deps, session.account.id);
  Html html;
  html.element("a", {{"class", "back-link"}, {"href", workflows_path}}, "← Workflows");
  page_heading(html, workflow.name,
               "Each rule is checked on its own and against your other enabled rules before it is saved.");
  if (!view.feedback.success.empty()) notice(html, Tone::success, view.feedback.success);
  if (!view.feedback.error.empty()) notice(html, Tone::error, view.feedback.error);
  settings_section(html, session, workflow, view);
  for (const auto& group : groups) group_section(html, session, workflow, group, catalog, view);
  return html_response(
      view.feedback.status,
      render_dashboard(deps, session, {workflow.name, Section::workflows, std::move(html).str()}));
}

}  // namespace pinbridge::web
