#include "workflows/run_log.hpp"

#include <array>

#include "store/nullable.hpp"

namespace pinbridge::workflows {
namespace {

namespace sql {
constexpr std::string_view insert_run_sqlite =
    "INSERT INTO workflow_runs (account_id, event_id, trigger_kind, summary, application_id, duplicates, "
    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (account_id, event_id) DO NOTHING";
constexpr std::string_view insert_run_postgres =
    "INSERT INTO workflow_runs (account_id, event_id, trigger_kind, summary, application_id, duplicates, "
    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (account_id, event_id) DO NOTHING "
    "RETURNING id";
constexpr std::string_view set_duplicates = "UPDATE workflow_runs SET duplicates = $2 WHERE id = $1";
#define PINBRIDGE_ACTION_INSERT                                                                           \
  "INSERT INTO workflow_actions (account_id, run_id, rule_id, workflow_name, kind, action_key, args, "    \
  "explanation, state, request, response, attempts, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, " \
  "$6, $7, $8, 'pending', '', '', 0, $9, $9) ON CONFLICT (account_id, action_key) DO NOTHING"
constexpr std::string_view insert_action_sqlite = PINBRIDGE_ACTION_INSERT;
constexpr std::string_view insert_action_postgres = PINBRIDGE_ACTION_INSERT " RETURNING id";
#undef PINBRIDGE_ACTION_INSERT
#define PINBRIDGE_ACTION_COLUMNS                                                                          \
  "id, account_id, run_id, rule_id, workflow_name, kind, action_key, args, explanation, state, request, " \
  "response, attempts, created_at, updated_at"
constexpr std::string_view select_action =
    "SELECT " PINBRIDGE_ACTION_COLUMNS " FROM workflow_actions WHERE account_id = $1 AND id = $2";
constexpr std::string_view select_action_by_key =
    "SELECT " PINBRIDGE_ACTION_COLUMNS " FROM workflow_actions WHERE account_id = $1 AND action_key = $2";
constexpr std::string_view select_actions_of_run =
    "SELECT " PINBRIDGE_ACTION_COLUMNS " FROM workflow_actions WHERE run_id = $1 ORDER BY id";
#undef PINBRIDGE_ACTION_COLUMNS
constexpr std::string_view finish_attempt =
    "UPDATE workflow_actions SET state = $2, request = $3, response = $4, attempts = attempts + 1, "
    "updated_at = $5 WHERE id = $1";
constexpr std::string_view reopen =
    "UPDATE workflow_actions SET state = 'pending', updated_at = $3 WHERE account_id = $1 AND id = $2 AND "
    "state = 'failed'";
#define PINBRIDGE_RUN_COLUMNS \
  "id, account_id, event_id, trigger_kind, summary, application_id, duplicates, created_at"
// $2: an application id or NULL for all; $3: 1 for runs with a failed action only: their ids are
// read once from the partial index of failed actions, not looked up in each run's actions.
#define PINBRIDGE_RUN_FILTER                                                                      \
  "account_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR application_id = $2) AND ($3 = 0 OR id IN " \
  "(SELECT run_id FROM workflow_actions WHERE account_id = $1 AND state = 'failed'))"
constexpr std::string_view select_run =
    "SELECT " PINBRIDGE_RUN_COLUMNS " FROM workflow_runs WHERE account_id = $1 AND id = $2";
constexpr std::string_view select_run_by_event =
    "SELECT " PINBRIDGE_RUN_COLUMNS " FROM workflow_runs WHERE account_id = $1 AND event_id = $2";
constexpr std::string_view select_runs =
    "SELECT " PINBRIDGE_RUN_COLUMNS " FROM workflow_runs WHERE " PINBRIDGE_RUN_FILTER
    " ORDER BY id DESC LIMIT $4 OFFSET $5";
constexpr std::string_view count_runs = "SELECT count(*) FROM workflow_runs WHERE " PINBRIDGE_RUN_FILTER;
#undef PINBRIDGE_RUN_FILTER
#undef PINBRIDGE_RUN_COLUMNS
}  // namespace sql

constexpr std::array action_kind_names{std::pair{ActionKind::invite, std::string_view("invite")},
                                       std::pair{ActionKind::post_record, std::string_view("post_record")},
                                       std::pair{ActionKind::post_comment, std::string_view("post_comment")},
                                       std::pair{ActionKind::move_stage, std::string_view("move_stage")}};
constexpr std::array action_state_names{std::pair{ActionState::pending, std::string_view("pending")},
                                        std::pair{ActionState::done, std::string_view("done")},
                                        std::pair{ActionState::skipped, std::string_view("skipped")},
                                        std::pair{ActionState::failed, std::string_view("failed")}};

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value) {
  for (const auto& [candidate, name] : names)
    if (candidate == value) return name;
  return "unknown";
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse_name(const std::array<std::pair<Enum, std::string_view>, N>& names,
                               std::string_view text) {
  for (const auto& [value, name] : names)
    if (name == text) return value;
  return std::nullopt;
}

Action action_from(const store::Row& row) {
  Action a;
  a.id = row.integer(0);
  a.account_id = row.integer(1);
  a.run_id = row.integer(2);
  a.rule_id = row.integer(3);
  a.workflow_name = row.text(4);
  a.kind = parse_action_kind(row.text(5)).value_or(ActionKind::invite);
  a.key = row.text(6);
  a.args = nlohmann::json::parse(row.text(7), nullptr, false);
  a.explanation = row.text(8);
  a.state = parse_action_state(row.text(9)).value_or(ActionState::failed);
  a.request = row.text(10);
  a.response = row.text(11);
  a.attempts = static_cast<int>(row.integer(12));
  a.created_at = from_unix_ms(row.integer(13));
  a.updated_at = from_unix_ms(row.integer(14));
  return a;
}

Run run_from(store::Connection& c, const store::Row& row) {
  Run run;
  run.id = row.integer(0);
  run.account_id = row.integer(1);
  run.event_id = row.integer(2);
  run.trigger = row.text(3);
  run.summary = row.text(4);
  run.application_id = row.optional_integer(5);
  run.duplicates = static_cast<int>(row.integer(6));
  run.created_at = from_unix_ms(row.integer(7));
  for (const auto& action : c.query(sql::select_actions_of_run, {run.id}))
    run.actions.push_back(action_from(action));
  return run;
}

std::optional<Action> one_action(store::Database& database, std::string_view statement,
                                 std::int64_t account_id, const store::Value& what) {
  return database.read([&](store::Connection& c) -> std::optional<Action> {
    auto row = c.query_one(statement, {account_id, what});
    return row ? std::optional(action_from(*row)) : std::nullopt;
  });
}

}  // namespace

std::string_view action_kind_name(ActionKind kind) {
  return name_of(action_kind_names, kind);
}
std::optional<ActionKind> parse_action_kind(std::string_view name) {
  return parse_name(action_kind_names, name);
}
std::string_view action_state_name(ActionState state) {
  return name_of(action_state_names, state);
}
std::optional<ActionState> parse_action_state(std::string_view name) {
  return parse_name(action_state_names, name);
}

RunLog::RunLog(store::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

Run RunLog::record(store::Connection& c, std::int64_t account_id, std::int64_t event_id,
                   const std::string& trigger, const std::string& summary,
                   std::optional<std::int64_t> application_id, const std::vector<PlannedAction>& planned) {
  const auto now = to_unix_ms(clock_.now());
  const auto run_id = store::insert_returning_id(
      c, sql::insert_run_sqlite, sql::insert_run_postgres,
      {account_id, event_id, trigger, summary, store::nullable(application_id), 0, now});
  if (!run_id) {
    auto existing = run_from(c, *c.query_one(sql::select_run_by_event, {account_id, event_id}));
    existing.recorded_before = true;
    return existing;
  }
  int duplicates = 0;
  for (const auto& action : planned) {
    const auto inserted =
        store::insert_returning_id(c, sql::insert_action_sqlite, sql::insert_action_postgres,
                                   {account_id, *run_id, action.rule_id, action.workflow_name,
                                    std::string(action_kind_name(action.kind)), action.key,
                                    action.args.dump(), action.explanation, now});
    if (!inserted) ++duplicates;
  }
  if (duplicates > 0) c.execute(sql::set_duplicates, {*run_id, duplicates});
  return run_from(c, *c.query_one(sql::select_run, {account_id, *run_id}));
}

std::optional<Action> RunLog::find_action(std::int64_t account_id, std::int64_t action_id) {
  return one_action(database_, sql::select_action, account_id, action_id);
}

std::optional<Action> RunLog::find_action_by_key(std::int64_t account_id, const std::string& key) {
  return one_action(database_, sql::select_action_by_key, account_id, key);
}

void RunLog::finish_attempt(store::Connection& c, std::int64_t action_id, ActionState state,
                            const std::string& request, const std::string& response) {
  c.execute(sql::finish_attempt,
            {action_id, std::string(action_state_name(state)), request, response, to_unix_ms(clock_.now())});
}

void RunLog::finish_attempt(std::int64_t action_id, ActionState state, const std::string& request,
                            const std::string& response) {
  database_.write([&](store::Connection& c) { finish_attempt(c, action_id, state, request, response); });
}

bool RunLog::reopen(std::int64_t account_id, std::int64_t action_id) {
  return database_.write([&](store::Connection& c) {
    return c.execute(sql::reopen, {account_id, action_id, to_unix_ms(clock_.now())}) > 0;
  });
}

std::optional<Run> RunLog::find_run(std::int64_t account_id, std::int64_t run_id) {
  return database_.read([&](store::Connection& c) -> std::optional<Run> {
    auto row = c.query_one(sql::select_run, {account_id, run_id});
    return row ? std::optional(run_from(c, *row)) : std::nullopt;
  });
}

std::vector<Run> RunLog::list(std::int64_t account_id, const RunFilter& filter, int limit, int offset) {
  return database_.read([&](store::Connection& c) {
    std::vector<Run> runs;
    for (const auto& row : c.query(sql::select_runs, {account_id, store::nullable(filter.application_id),
                                                      filter.failed_only ? 1 : 0, limit, offset}))
      runs.push_back(run_from(c, row));
    return runs;
  });
}

std::int64_t RunLog::count(std::int64_t account_id, const RunFilter& filter) {
  return database_.read([&](store::Connection& c) {
    return c
        .query_one(sql::count_runs,
                   {account_id, store::nullable(filter.application_id), filter.failed_only ? 1 : 0})
        ->integer(0);
  });
}

}  // namespace pinbridge::workflows
