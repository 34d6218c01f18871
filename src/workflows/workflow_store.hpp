#pragma once
// Each account's workflows and their rules. Every write checks the rule on its own and against
// the account's other enabled rules (rules.hpp: validate, check_conflicts) and refuses it with
// the reason; every read and write is scoped to the account, so another account's workflow or
// rule reads as not found.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/database.hpp"
#include "workflows/rules.hpp"

namespace pinbridge::workflows {

class WorkflowStore {
 public:
  WorkflowStore(store::Database& database, const Clock& clock);

  // A new, enabled workflow with no rules. The name is trimmed, 1-100 characters, unique in the
  // account (case-insensitive).
  Result<Workflow> create(std::int64_t account_id, const std::string& name);
  Result<Workflow> rename(std::int64_t account_id, std::int64_t workflow_id, const std::string& name);
  // Enabling checks the workflow's enabled rules against the other enabled ones.
  Result<Workflow> set_enabled(std::int64_t account_id, std::int64_t workflow_id, bool enabled);
  // Removes the workflow and its rules; the run history keeps what they did.
  Result<void> remove(std::int64_t account_id, std::int64_t workflow_id);

  std::optional<Workflow> find(std::int64_t account_id, std::int64_t workflow_id);
  // Every workflow of the account with its rules, by name.
  std::vector<Workflow> list(std::int64_t account_id);
  // The rules that can fire now: enabled rules of enabled workflows, with their workflow's name.
  struct ActiveRule {
    Rule rule;
    std::string workflow_name;
  };
  std::vector<ActiveRule> active_rules(std::int64_t account_id);
  std::vector<ActiveRule> active_rules(store::Connection& connection, std::int64_t account_id);

  // A rule is always validated; it is checked against the other enabled rules when it would be
  // active (enabled, in an enabled workflow), else when it or its workflow is enabled.
  Result<Rule> add_rule(std::int64_t account_id, std::int64_t workflow_id, const RuleSettings& settings);
  Result<Rule> update_rule(std::int64_t account_id, std::int64_t rule_id, const RuleSettings& settings);
  // Enabling checks the rule against the other enabled ones.
  Result<Rule> set_rule_enabled(std::int64_t account_id, std::int64_t rule_id, bool enabled);
  Result<void> remove_rule(std::int64_t account_id, std::int64_t rule_id);
  std::optional<Rule> find_rule(std::int64_t account_id, std::int64_t rule_id);

 private:
  // The account's enabled rules of enabled workflows except `except_rule_id`, for conflict checks.
  std::vector<Rule> enabled_rules(store::Connection& c, std::int64_t account_id, std::int64_t except_rule_id);
  // check_conflicts against the enabled rules, leaving out the stored rule this one replaces (0: none).
  Result<void> check_against_enabled(store::Connection& c, const Rule& rule, std::int64_t replacing_rule_id);

  // One edit of a stored rule: `apply` changes the rule as read and says whether anything changed;
  // `save` writes that change.
  struct RuleEdit {
    std::function<bool(Rule&)> apply;
    std::function<void(store::Connection&)> save;
  };
  // The read-check-write every rule edit shares, in one transaction under the account's lock: reads
  // the rule, applies the edit and, unless it changed nothing, checks the result against the other
  // enabled rules when it is active (enabled, in an enabled workflow) before saving it.
  Result<Rule> edit_rule(std::int64_t account_id, std::int64_t rule_id, const RuleEdit& edit);

  store::Database& database_;
  const Clock& clock_;
};

}  // namespace pinbridge::workflows
