// The Workflows section's routes. Every page and write needs the API add-on and a Pinpoint
// connection (workflows_gate), and acts on the signed-in account only: another account's workflow,
// rule or action id reads as not found. Writes are dashboard forms with the session's CSRF token
// and answer with a redirect and a notice; a refused one shows the page again with the reason
// (422 for input we cannot accept, 409 for a conflict with the account's other rules).
#include <fmt/format.h>

#include <array>
#include <cctype>

#include "web/session_guard.hpp"
#include "web/workflow_pages.hpp"
#include "workflows/engine.hpp"

namespace pinbridge::web {

using accounts::SessionContext;
using workflows::Workflow;

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 9> notices{{
    {"created", "Workflow created. Add its rules below."},
    {"renamed", "Workflow renamed."},
    {"enabled", "Workflow enabled: its enabled rules run on every new event."},
    {"disabled", "Workflow disabled: none of its rules run until you enable it again."},
    {"deleted", "Workflow deleted. What its rules already did stays in the run history."},
    {"rule_added", "Rule added. It applies to events from now on."},
    {"rule_enabled", "Rule enabled."},
    {"rule_disabled", "Rule disabled."},
    {"rule_removed", "Rule removed. What it already did stays in the run history."},
}};

int refusal_status(const Error& error) {
  return error.code == ErrorCode::conflict ? 409 : 422;
}

http::Response done(const std::string& path, std::string_view notice_key) {
  return http::Response::redirect(fmt::format("{}?notice={}", path, notice_key));
}

std::optional<Workflow> find_workflow(const Deps& deps, const http::Request& request,
                                      const SessionContext& session) {
  const auto id = parse_id(request.path_param("id"));
  return id ? workflow_services(deps).workflows.find(session.account.id, *id) : std::nullopt;
}

http::Response not_found(const Deps& deps, const SessionContext& session) {
  return workflow_not_found(deps, session, "workflow");
}

// The store's reasons are sentence fragments ("a workflow named ... already exists"); the forms'
// are sentences. These make either read right where it is shown.
std::string capitalized(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

std::string fragment(std::string text) {
  if (!text.empty() && text.back() == '.') text.pop_back();
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

// The builder again after a refused write, with what was refused and why on top.
http::Response refused(const Deps& deps, const SessionContext& session, const Workflow& workflow,
                       std::string_view what, const Error& error, BuilderView view = {}) {
  view.feedback = {refusal_status(error), {}, fmt::format("{}: {}.", what, fragment(error.message))};
  return workflow_builder_page(deps, session, workflow, view);
}

http::Response list(const Deps& deps, const http::Request& request, const SessionContext& session) {
  return workflow_list_page(deps, session, {200, notice_from(request, notices), {}});
}

http::Response create(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const auto name = trimmed_field(request.form(), "name");
  auto created = workflow_services(deps).workflows.create(session.account.id, name);
  if (!created) {
    const auto& error = created.error();
    return workflow_list_page(deps, session,
                              {refusal_status(error), {}, capitalized(fragment(error.message)) + "."}, name);
  }
  return done(workflow_path(created->id), "created");
}

http::Response show(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const auto workflow = find_workflow(deps, request, session);
  if (!workflow) return not_found(deps, session);
  BuilderView view;
  view.feedback.success = notice_from(request, notices);
  return workflow_builder_page(deps, session, *workflow, view);
}

http::Response rename(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const auto workflow = find_workflow(deps, request, session);
  if (!workflow) return not_found(deps, session);
  const auto name = trimmed_field(request.form(), "name");
  auto renamed = workflow_services(deps).workflows.rename(session.account.id, workflow->id, name);
  if (!renamed) {
    BuilderView view;
    view.name = name;
    return refused(deps, session, *workflow, "The workflow was not renamed", renamed.error(), view);
  }
  return done(workflow_path(workflow->id), "renamed");
}

http::Response set_enabled(const Deps& deps, const http::Request& request, const SessionContext& session,
                           bool enabled) {
  const auto workflow = find_workflow(deps, request, session);
  if (!workflow) return not_found(deps, session);
  auto changed = workflow_services(deps).workflows.set_enabled(session.account.id, workflow->id, enabled);
  if (!changed) return refused(deps, session, *workflow, "The workflow was not enabled", changed.error());
  return done(workflow_path(workflow->id), enabled ? "enabled" : "disabled");
}

http::Response remove(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const auto workflow = find_workflow(deps, request, session);
  if (!workflow || !workflow_services(deps).workflows.remove(session.account.id, workflow->id))
    return not_found(deps, session);
  return done(std::string(workflows_path), "deleted");
}

http::Response add_rule(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const auto workflow = find_workflow(deps, request, session);
  if (!workflow) return not_found(deps, session);
  const auto fields = request.form();
  const auto kind = workflows::parse_rule_kind(field(fields, "kind"));
  if (!kind)
    return refused(deps, session, *workflow, "The rule was not added",
                   Error::invalid("unknown kind of rule"));
  BuilderView view;
  view.refused_kind = kind;
  view.posted = fields;
  const auto settings = rule_from_form(*kind, fields, load_catalog(deps, session.account.id));
  if (!settings) return refused(deps, session, *workflow, "The rule was not added", settings.error(), view);
  auto added = workflow_services(deps).workflows.add_rule(session.account.id, workflow->id, *settings);
  if (!added) return refused(deps, session, *workflow, "The rule was not added", added.error(), view);
  return done(workflow_path(workflow->id), "rule_added");
}

// The rule named by the path, when it belongs to the workflow named by the path, in this account.
std::optional<workflows::Rule> find_rule(const Deps& deps, const http::Request& request,
                                         const SessionContext& session, const Workflow& workflow) {
  const auto id = parse_id(request.path_param("rule"));
  auto rule = id ? workflow_services(deps).workflows.find_rule(session.account.id, *id) : std::nullopt;
  return rule && rule->workflow_id == workflow.id ? rule : std::nullopt;
}

enum class RuleChange { enable, disable, remove };

http::Response change_rule(const Deps& deps, const http::Request& request, const SessionContext& session,
                           RuleChange change) {
  const auto workflow = find_workflow(deps, request, session);
  const auto rule = workflow ? find_rule(deps, request, session, *workflow) : std::nullopt;
  if (!rule) return workflow_not_found(deps, session, "rule");
  auto& store = workflow_services(deps).workflows;
  const auto account_id = session.account.id;
  if (change == RuleChange::remove) {
    if (!store.remove_rule(account_id, rule->id)) return workflow_not_found(deps, session, "rule");
    return done(workflow_path(workflow->id), "rule_removed");
  }
  const bool enable = change == RuleChange::enable;
  auto changed = store.set_rule_enabled(account_id, rule->id, enable);
  if (!changed) return refused(deps, session, *workflow, "The rule was not enabled", changed.error());
  return done(workflow_path(workflow->id), enable ? "rule_enabled" : "rule_disabled");
}

http::Response runs(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const std::string success = request.query.contains("retried") ? "Action queued to run again." : "";
  return workflow_runs_page(deps, request, session, {200, success, {}});
}

http::Response retry(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const auto id = parse_id(request.path_param("id"));
  const auto retried = id ? workflow_services(deps).engine.retry(session.account.id, *id)
                          : Result<void>(Error::not_found("No such action"));
  if (retried) return http::Response::redirect(std::string(workflow_runs_path) + "?retried=1");
  if (retried.error().code == ErrorCode::not_found) return workflow_not_found(deps, session, "action");
  return workflow_runs_page(deps, http::Request{}, session,
                            {refusal_status(retried.error()), {}, retried.error().message});
}

// The gate in front of every Workflows page and write.
template <typename Fn>
SessionHandler gated(const DepsPtr& deps, Fn fn) {
  return [deps, fn](http::Request& request, const SessionContext& session) {
    if (const auto why = workflows_gate(*deps, session); !why.empty())
      return workflow_gate_page(*deps, session, request.method == "GET" ? 200 : 403, why);
    return fn(*deps, request, session);
  };
}

template <RuleChange change>
http::Response rule_change(const Deps& deps, const http::Request& request, const SessionContext& session) {
  return change_rule(deps, request, session, change);
}

template <bool enabled>
http::Response workflow_switch(const Deps& deps, const http::Request& request,
                               const SessionContext& session) {
  return set_enabled(deps, request, session, enabled);
}

}  // namespace

void add_workflow_routes(http::Router& router, const DepsPtr& deps) {
  const auto page = [&](std::string_view path, auto fn) {
    router.get(path, signed_in_page(deps, gated(deps, fn)));
  };
  const auto action = [&](std::string_view path, auto fn) {
    router.post(path, signed_in_action(deps, gated(deps, fn)));
  };
  page("/workflows", list);
  action("/workflows", create);
  page("/workflows/runs", runs);
  page("/workflows/dry-run", workflow_dry_run_page);
  action("/workflows/actions/{id}/retry", retry);
  page("/workflows/{id}", show);
  action("/workflows/{id}/rename", rename);
  action("/workflows/{id}/enable", workflow_switch<true>);
  action("/workflows/{id}/disable", workflow_switch<false>);
  action("/workflows/{id}/delete", remove);
  action("/workflows/{id}/rules", add_rule);
  action("/workflows/{id}/rules/{rule}/enable", rule_change<RuleChange::enable>);
  action("/workflows/{id}/rules/{rule}/disable", rule_change<RuleChange::disable>);
  action("/workflows/{id}/rules/{rule}/remove", rule_change<RuleChange::remove>);
}

}  // namespace pinbridge::web
