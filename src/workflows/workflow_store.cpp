#include "workflows/workflow_store.hpp"

#include <map>
#include <utility>

#include "assessments/text.hpp"

namespace pinbridge::workflows {
namespace {

using store::Connection;
using store::DatabaseError;

namespace sql {
// PostgreSQL only: serializes the account's workflow writes, so two concurrent writes cannot both
// pass the conflict checks (SQLite's BEGIN IMMEDIATE already admits one writer). NO KEY UPDATE
// leaves inserts that reference the account (their FOR KEY SHARE) unblocked.
constexpr std::string_view lock_account_postgres = "SELECT id FROM accounts WHERE id = $1 FOR NO KEY UPDATE";

constexpr std::string_view select_workflow =
    "SELECT id, account_id, name, enabled FROM workflows WHERE account_id = $1 AND id = $2";
constexpr std::string_view select_workflows =
    "SELECT id, account_id, name, enabled FROM workflows WHERE account_id = $1 ORDER BY name_key, id";
constexpr std::string_view select_name_taken =
    "SELECT id FROM workflows WHERE account_id = $1 AND name_key = $2 AND id <> $3";
constexpr std::string_view insert_workflow =
    "INSERT INTO workflows (account_id, name, name_key, enabled, created_at, updated_at) "
    "VALUES ($1, $2, $3, 1, $4, $4) RETURNING id";
constexpr std::string_view rename_workflow =
    "UPDATE workflows SET name = $3, name_key = $4, updated_at = $5 WHERE account_id = $1 AND id = $2";
constexpr std::string_view set_workflow_enabled =
    "UPDATE workflows SET enabled = $3, updated_at = $4 WHERE account_id = $1 AND id = $2";
constexpr std::string_view delete_workflow = "DELETE FROM workflows WHERE account_id = $1 AND id = $2";

#define PINBRIDGE_RULE_COLUMNS "r.id, r.account_id, r.workflow_id, r.kind, r.enabled, r.settings"
constexpr std::string_view select_rule =
    "SELECT " PINBRIDGE_RULE_COLUMNS
    ", w.enabled FROM workflow_rules r JOIN workflows w ON w.id = r.workflow_id "
    "WHERE r.account_id = $1 AND r.id = $2";
constexpr std::string_view select_account_rules =
    "SELECT " PINBRIDGE_RULE_COLUMNS " FROM workflow_rules r WHERE r.account_id = $1 ORDER BY r.id";
constexpr std::string_view select_workflow_rules =
    "SELECT " PINBRIDGE_RULE_COLUMNS
    " FROM workflow_rules r WHERE r.account_id = $1 AND r.workflow_id = $2 "
    "ORDER BY r.id";
// Enabled rules of enabled workflows, except rule $2 (0: none).
constexpr std::string_view select_enabled_rules =
    "SELECT " PINBRIDGE_RULE_COLUMNS
    ", w.name FROM workflow_rules r JOIN workflows w ON w.id = r.workflow_id "
    "WHERE r.account_id = $1 AND r.enabled = 1 AND w.enabled = 1 AND r.id <> $2 ORDER BY r.id";
#undef PINBRIDGE_RULE_COLUMNS
constexpr std::string_view insert_rule =
    "INSERT INTO workflow_rules (account_id, workflow_id, kind, enabled, settings, created_at, updated_at) "
    "VALUES ($1, $2, $3, 1, $4, $5, $5) RETURNING id";
constexpr std::string_view update_rule =
    "UPDATE workflow_rules SET kind = $3, settings = $4, updated_at = $5 WHERE account_id = $1 AND id = $2";
constexpr std::string_view set_rule_enabled =
    "UPDATE workflow_rules SET enabled = $3, updated_at = $4 WHERE account_id = $1 AND id = $2";
constexpr std::string_view delete_rule = "DELETE FROM workflow_rules WHERE account_id = $1 AND id = $2";
// Foreign keys cascade on both databases, but deleting the rules first keeps remove() correct on a
// SQLite connection opened without PRAGMA foreign_keys.
constexpr std::string_view delete_workflow_rules =
    "DELETE FROM workflow_rules WHERE account_id = $1 AND workflow_id = $2";
constexpr std::string_view select_assessment_name =
    "SELECT name FROM assessments WHERE account_id = $1 AND id = $2";
}  // namespace sql

constexpr std::size_t max_name_characters = 100;

std::int64_t flag(bool value) {
  return value ? 1 : 0;
}

// Refusals name assessments the way the recruiter knows them: 'Backend screen'.
AssessmentNamer assessment_names(Connection& c, std::int64_t account_id) {
  return [&c, account_id](std::int64_t assessment_id) {
    const auto row = c.query_one(sql::select_assessment_name, {account_id, assessment_id});
    return row ? "'" + row->text(0) + "'" : assessment_by_id(assessment_id);
  };
}

std::size_t characters(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
  return count;
}

Result<std::string> clean_name(const std::string& name) {
  std::string cleaned = assessments::trim(name);
  if (cleaned.empty()) return Error::invalid("name can't be blank");
  if (characters(cleaned) > max_name_characters)
    return Error::invalid("name is too long (100 characters at most)");
  return cleaned;
}

Error duplicate_name(const std::string& name) {
  return Error::conflict("a workflow named \"" + name + "\" already exists");
}

Workflow workflow_from(const store::Row& row) {
  return {row.integer(0), row.integer(1), row.text(2), row.integer(3) == 1, {}};
}

// Rows are written only through settings_to_json, so unreadable settings mean a damaged database.
Rule rule_from(const store::Row& row) {
  const auto id = row.integer(0);
  const auto kind = parse_rule_kind(row.text(3));
  const auto json = nlohmann::json::parse(row.text(5), nullptr, false);
  auto settings = kind ? settings_from_json(*kind, json) : Error::invalid("unknown kind " + row.text(3));
  if (!settings)
    throw DatabaseError(DatabaseError::Kind::other, "workflow rule #" + std::to_string(id) +
                                                        " cannot be read: " + settings.error().message);
  return {id, row.integer(1), row.integer(2), row.integer(4) == 1, std::move(settings).value()};
}

void lock_account(Connection& c, std::int64_t account_id) {
  if (c.dialect() == store::Dialect::postgres) c.query(sql::lock_account_postgres, {account_id});
}

bool name_taken(Connection& c, std::int64_t account_id, const std::string& name, std::int64_t except_id) {
  return c.query_one(sql::select_name_taken, {account_id, assessments::normalize_answer(name), except_id})
      .has_value();
}

std::optional<Workflow> load_workflow(Connection& c, std::int64_t account_id, std::int64_t workflow_id) {
  auto row = c.query_one(sql::select_workflow, {account_id, workflow_id});
  if (!row) return std::nullopt;
  Workflow workflow = workflow_from(*row);
  for (const auto& r : c.query(sql::select_workflow_rules, {account_id, workflow_id}))
    workflow.rules.push_back(rule_from(r));
  return workflow;
}

Error no_workflow() {
  return Error::not_found("no such workflow");
}
Error no_rule() {
  return Error::not_found("no such workflow rule");
}

}  // namespace

WorkflowStore::WorkflowStore(store::Database& database, const Clock& clock)
    : database_(database), clock_(clock) {}

std::vector<Rule> WorkflowStore::enabled_rules(Connection& c, std::int64_t account_id,
                                               std::int64_t except_rule_id) {
  std::vector<Rule> out;
  for (const auto& row : c.query(sql::select_enabled_rules, {account_id, except_rule_id}))
    out.push_back(rule_from(row));
  return out;
}

Result<void> WorkflowStore::check_against_enabled(Connection& c, const Rule& rule,
                                                  std::int64_t replacing_rule_id) {
  return check_conflicts(rule, enabled_rules(c, rule.account_id, replacing_rule_id),
                         assessment_names(c, rule.account_id));
}

Result<Workflow> WorkflowStore::create(std::int64_t account_id, const std::string& name) {
  auto clean = clean_name(name);
  if (!clean) return clean.error();
  const auto now = to_unix_ms(clock_.now());
  try {
    return database_.write([&](Connection& c) -> Result<Workflow> {
      lock_account(c, account_id);
      if (name_taken(c, account_id, *clean, 0)) return duplicate_name(*clean);
      const auto id =
          c.query_one(sql::insert_workflow, {account_id, *clean, assessments::normalize_answer(*clean), now})
              ->integer(0);
      return Workflow{id, account_id, *clean, true, {}};
    });
  } catch (const DatabaseError& e) {
    // The unique key catches what the check above cannot see: a concurrent create elsewhere.
    if (e.kind() != DatabaseError::Kind::unique_violation) throw;
    return duplicate_name(*clean);
  }
}

Result<Workflow> WorkflowStore::rename(std::int64_t account_id, std::int64_t workflow_id,
                                       const std::string& name) {
  auto clean = clean_name(name);
  if (!clean) return clean.error();
  const auto now = to_unix_ms(clock_.now());
  try {
    return database_.write([&](Connection& c) -> Result<Workflow> {
      lock_account(c, account_id);
      if (name_taken(c, account_id, *clean, workflow_id)) return duplicate_name(*clean);
      if (c.execute(sql::rename_workflow,
                    {account_id, workflow_id, *clean, assessments::normalize_answer(*clean), now}) == 0)
        return no_workflow();
      return *load_workflow(c, account_id, workflow_id);
    });
  } catch (const DatabaseError& e) {
    if (e.kind() != DatabaseError::Kind::unique_violation) throw;
    return duplicate_name(*clean);
  }
}

Result<Workflow> WorkflowStore::set_enabled(std::int64_t account_id, std::int64_t workflow_id, bool enabled) {
  return database_.write([&](Connection& c) -> Result<Workflow> {
    lock_account(c, account_id);
    auto workflow = load_workflow(c, account_id, workflow_id);
    if (!workflow) return no_workflow();
    if (workflow->enabled == enabled) return std::move(*workflow);
    if (enabled) {
      // The workflow's rules become active together: each against the active ones and those before it.
      auto active = enabled_rules(c, account_id, 0);
      for (const auto& rule : workflow->rules) {
        if (!rule.enabled) continue;
        if (auto checked = check_conflicts(rule, active, assessment_names(c, account_id)); !checked)
          return checked.error();
        active.push_back(rule);
      }
    }
    c.execute(sql::set_workflow_enabled, {account_id, workflow_id, flag(enabled), to_unix_ms(clock_.now())});
    workflow->enabled = enabled;
    return std::move(*workflow);
  });
}

Result<void> WorkflowStore::remove(std::int64_t account_id, std::int64_t workflow_id) {
  return database_.write([&](Connection& c) -> Result<void> {
    c.execute(sql::delete_workflow_rules, {account_id, workflow_id});
    if (c.execute(sql::delete_workflow, {account_id, workflow_id}) == 0) return no_workflow();
    return {};
  });
}

std::optional<Workflow> WorkflowStore::find(std::int64_t account_id, std::int64_t workflow_id) {
  return database_.read([&](Connection& c) { return load_workflow(c, account_id, workflow_id); });
}

std::vector<Workflow> WorkflowStore::list(std::int64_t account_id) {
  return database_.read([&](Connection& c) {
    std::vector<Workflow> out;
    std::map<std::int64_t, std::size_t> index;  // workflow id -> position in out
    for (const auto& row : c.query(sql::select_workflows, {account_id})) {
      index[row.integer(0)] = out.size();
      out.push_back(workflow_from(row));
    }
    for (const auto& row : c.query(sql::select_account_rules, {account_id})) {
      Rule rule = rule_from(row);
      if (const auto it = index.find(rule.workflow_id); it != index.end())
        out[it->second].rules.push_back(std::move(rule));
    }
    return out;
  });
}

std::vector<WorkflowStore::ActiveRule> WorkflowStore::active_rules(std::int64_t account_id) {
  return database_.read([&](Connection& c) { return active_rules(c, account_id); });
}

std::vector<WorkflowStore::ActiveRule> WorkflowStore::active_rules(Connection& c, std::int64_t account_id) {
  std::vector<ActiveRule> out;
  for (const auto& row : c.query(sql::select_enabled_rules, {account_id, std::int64_t{0}}))
    out.push_back({rule_from(row), row.text(6)});
  return out;
}

Result<Rule> WorkflowStore::add_rule(std::int64_t account_id, std::int64_t workflow_id,
                                     const RuleSettings& settings) {
  if (auto valid = validate(settings); !valid) return valid.error();
  const std::string stored = settings_to_json(settings).dump();
  const auto now = to_unix_ms(clock_.now());
  return database_.write([&](Connection& c) -> Result<Rule> {
    lock_account(c, account_id);
    const auto workflow = c.query_one(sql::select_workflow, {account_id, workflow_id});
    if (!workflow) return no_workflow();
    Rule rule{0, account_id, workflow_id, true, settings};
    // A rule of a disabled workflow is a draft: it is checked when the workflow is enabled.
    if (workflow_from(*workflow).enabled) {
      if (auto checked = check_against_enabled(c, rule, 0); !checked) return checked.error();
    }
    rule.id = c.query_one(sql::insert_rule, {account_id, workflow_id,
                                             std::string(rule_kind_name(kind_of(settings))), stored, now})
                  ->integer(0);
    return rule;
  });
}

Result<Rule> WorkflowStore::update_rule(std::int64_t account_id, std::int64_t rule_id,
                                        const RuleSettings& settings) {
  if (auto valid = validate(settings); !valid) return valid.error();
  const std::string kind(rule_kind_name(kind_of(settings)));
  const std::string stored = settings_to_json(settings).dump();
  const auto now = to_unix_ms(clock_.now());
  const auto replace_settings = [&](Rule& rule) {
    rule.settings = settings;
    return true;  // always written (and checked), even when the settings are the same
  };
  const auto save = [&](Connection& c) {
    c.execute(sql::update_rule, {account_id, rule_id, kind, stored, now});
  };
  return edit_rule(account_id, rule_id, {replace_settings, save});
}

Result<Rule> WorkflowStore::set_rule_enabled(std::int64_t account_id, std::int64_t rule_id, bool enabled) {
  const auto set_flag = [enabled](Rule& rule) { return std::exchange(rule.enabled, enabled) != enabled; };
  const auto save = [&](Connection& c) {
    c.execute(sql::set_rule_enabled, {account_id, rule_id, flag(enabled), to_unix_ms(clock_.now())});
  };
  return edit_rule(account_id, rule_id, {set_flag, save});
}

Result<Rule> WorkflowStore::edit_rule(std::int64_t account_id, std::int64_t rule_id, const RuleEdit& edit) {
  return database_.write([&](Connection& c) -> Result<Rule> {
    lock_account(c, account_id);
    const auto row = c.query_one(sql::select_rule, {account_id, rule_id});
    if (!row) return no_rule();
    Rule rule = rule_from(*row);
    if (!edit.apply(rule)) return rule;
    const bool workflow_enabled = row->integer(6) == 1;
    if (rule.enabled && workflow_enabled) {
      if (auto checked = check_against_enabled(c, rule, rule_id); !checked) return checked.error();
    }
    edit.save(c);
    return rule;
  });
}

Result<void> WorkflowStore::remove_rule(std::int64_t account_id, std::int64_t rule_id) {
  return database_.write([&](Connection& c) -> Result<void> {
    if (c.execute(sql::delete_rule, {account_id, rule_id}) == 0) return no_rule();
    return {};
  });
}

std::optional<Rule> WorkflowStore::find_rule(std::int64_t account_id, std::int64_t rule_id) {
  return database_.read([&](Connection& c) -> std::optional<Rule> {
    const auto row = c.query_one(sql::select_rule, {account_id, rule_id});
    return row ? std::optional(rule_from(*row)) : std::nullopt;
  });
}

}  // namespace pinbridge::workflows
