// What the Workflows pages share: the gate (add-on, connection), the catalog of stages and
// assessments rules are built from, and small pieces of markup.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "web/components.hpp"
#include "web/workflow_pages.hpp"

namespace pinbridge::web {
namespace {

bool same_name(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

}  // namespace

std::string workflow_path(std::int64_t workflow_id) {
  return fmt::format("{}/{}", workflows_path, workflow_id);
}

WorkflowServices& workflow_services(const Deps& deps) {
  return *deps.automations->workflows;
}

std::string workflows_gate(const Deps& deps, const accounts::SessionContext& session) {
  if (!deps.accounts.has_addon(session.account.id, accounts::Addon::api))
    return "Workflows need the API add-on, which is not enabled for this account. Ask your operator to "
           "enable it; nothing can be set up until then.";
  if (!deps.automations || deps.automations->workflows == nullptr)
    return "Workflows are not available on this server.";
  if (!deps.automations->connections.find(session.account.id))
    return "Connect Pinpoint first: workflows act on Pinpoint's applications, and pick jobs and stages from "
           "the ones read from your Pinpoint account.";
  return {};
}

std::vector<Catalog::StageName> Catalog::stage_names() const {
  std::vector<StageName> names;
  for (const auto& known : stages) {
    const auto seen =
        std::ranges::find_if(names, [&](const StageName& n) { return same_name(n.name, known.stage.name); });
    if (seen == names.end()) names.push_back({known.stage.name, known.stage.basic_type});
  }
  return names;
}

std::string Catalog::known_stage_name(std::string_view name) const {
  for (const auto& known : stages)
    if (same_name(known.stage.name, name)) return known.stage.name;
  return {};
}

std::vector<const assessments::Assessment*> Catalog::active_assessments() const {
  std::vector<const assessments::Assessment*> active;
  for (const auto& assessment : assessments)
    if (assessment.status == assessments::AssessmentStatus::active) active.push_back(&assessment);
  return active;
}

std::string Catalog::assessment_name(std::int64_t assessment_id) const {
  const auto found = std::ranges::find(assessments, assessment_id, &assessments::Assessment::id);
  return found == assessments.end() ? fmt::format("assessment #{}", assessment_id) : found->content.name;
}

Catalog load_catalog(const Deps& deps, std::int64_t account_id) {
  return {deps.automations->stages.list(account_id), deps.platform.assessments.list(account_id, true)};
}

void button_form(Html& html, const accounts::SessionContext& session, std::string_view action,
                 std::string_view label, std::string_view kind, std::string_view confirm,
                 std::string_view aria_label) {
  html.open("form", {{"method", "post"},
                     {"action", action},
                     {"class", "inline-form"},
                     {confirm.empty() ? "" : "data-confirm", confirm}});
  csrf_input(html, session.csrf_token);
  html.element("button",
               {{"type", "submit"},
                {"class", fmt::format("button {} button-small", kind)},
                {aria_label.empty() ? "" : "aria-label", aria_label}},
               label);
  html.close("form");
}

void enabled_badge(Html& html, bool enabled) {
  html.element("span", {{"class", enabled ? "badge badge-on" : "badge badge-off"}},
               enabled ? "Enabled" : "Disabled");
}

http::Response workflow_not_found(const Deps& deps, const accounts::SessionContext& session,
                                  std::string_view what) {
  return dashboard_not_found(deps, session, Section::workflows, what, workflows_path);
}

}  // namespace pinbridge::web
