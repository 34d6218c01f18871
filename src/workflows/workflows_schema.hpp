#pragma once
// Workflows' tables: each account's workflows and rules (the rule's settings as JSON, read through
// rules.hpp), and the run history: one run per domain event that matched, one action per effect a
// rule asked for, unique by its idempotency key. A migration script of the product's schema
// (schema/product_schema.cpp). {{id_pk}}: see store/migrations.hpp.
#include <string_view>

namespace pinbridge::workflows {

inline constexpr std::string_view workflows_schema = R"sql(
CREATE TABLE workflows (
  id {{id_pk}},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (account_id, name_key)
);
CREATE TABLE workflow_rules (
  id {{id_pk}},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  workflow_id BIGINT NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  settings TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX workflow_rules_workflow ON workflow_rules(workflow_id, id);
CREATE INDEX workflow_rules_account ON workflow_rules(account_id, id);
CREATE TABLE workflow_runs (
  id {{id_pk}},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  event_id BIGINT NOT NULL,
  trigger_kind TEXT NOT NULL,
  summary TEXT NOT NULL,
  application_id BIGINT,
  duplicates INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (account_id, event_id)
);
CREATE INDEX workflow_runs_account ON workflow_runs(account_id, id);
CREATE INDEX workflow_runs_application ON workflow_runs(account_id, application_id, id);
CREATE TABLE workflow_actions (
  id {{id_pk}},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  run_id BIGINT NOT NULL REFERENCES workflow_runs(id) ON DELETE CASCADE,
  rule_id BIGINT NOT NULL,
  workflow_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  action_key TEXT NOT NULL,
  args TEXT NOT NULL,
  explanation TEXT NOT NULL,
  state TEXT NOT NULL,
  request TEXT NOT NULL,
  response TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (account_id, action_key)
);
CREATE INDEX workflow_actions_run ON workflow_actions(run_id, id);
CREATE INDEX workflow_actions_failed ON workflow_actions(account_id, state, run_id);
)sql";

// Only failed actions are indexed by account: that is all the run history's "failed only" filter
// asks for. Indexed by (account, state), each action's insert and its move from pending to done
// wrote this index too, on the writer's path: four index writes per workflow stage change.
inline constexpr std::string_view failed_actions_index = R"sql(
DROP INDEX workflow_actions_failed;
CREATE INDEX workflow_actions_failed ON workflow_actions(account_id, run_id) WHERE state = 'failed';
)sql";

}  // namespace pinbridge::workflows
