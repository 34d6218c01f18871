#pragma once
// The run history: every domain event that matched at least one rule is a run, and every action
// a rule asked for is a row under it with its idempotency key, its explanation ("moved to Rejected
// by 'Backend screen' because score 41 < 50"), its state and a summary of the Pinpoint request and
// response. An action's key is unique in the account, so however often an event is delivered,
// retried or replayed, each action exists once and is done once.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace pinbridge::workflows {

enum class ActionKind {
  invite,        // invite the candidate to an assessment
  post_record,   // create or update the Candidate Assessment record
  post_comment,  // comment on the application
  move_stage,    // move the application to a stage (and add tags)
};
std::string_view action_kind_name(ActionKind kind);
std::optional<ActionKind> parse_action_kind(std::string_view name);

enum class ActionState { pending, done, skipped, failed };
std::string_view action_state_name(ActionState state);
std::optional<ActionState> parse_action_state(std::string_view name);

// An action the planner asks for (planner.hpp), before it is stored.
struct PlannedAction {
  std::int64_t rule_id = 0;
  std::string workflow_name;
  ActionKind kind = ActionKind::invite;
  std::string key;          // the idempotency key: rule, event identity and action
  nlohmann::json args;      // what the executor needs (executor.hpp)
  std::string explanation;  // why, in a recruiter's words
};

struct Action {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::int64_t run_id = 0;
  std::int64_t rule_id = 0;
  std::string workflow_name;
  ActionKind kind = ActionKind::invite;
  std::string key;
  nlohmann::json args;
  std::string explanation;
  ActionState state = ActionState::pending;
  std::string request;   // "PUT /applications/12 stage 7", "" before the first attempt
  std::string response;  // "200 moved", "422 Stage is invalid", "already in Interview"
  int attempts = 0;
  Timestamp created_at;
  Timestamp updated_at;
};

struct Run {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::int64_t event_id = 0;
  std::string trigger;  // the event kind, e.g. "pinpoint.application_stage_changed"
  std::string summary;  // "Ada Lovelace entered Technical screen (Backend engineer)"
  std::optional<std::int64_t> application_id;
  Timestamp created_at;
  std::vector<Action> actions;
  int duplicates = 0;            // planned actions whose key was already taken by an earlier run
  bool recorded_before = false;  // the event had been recorded already: nothing new was added
};

struct RunFilter {
  std::optional<std::int64_t> application_id;
  bool failed_only = false;  // runs with at least one failed action
};

class RunLog {
 public:
  RunLog(store::Database& database, const Clock& clock);

  // In the caller's transaction: the run and those of its actions whose keys are new. Returns the
  // run (its actions are the ones inserted; duplicates counts the others). An event already
  // recorded as a run returns that run unchanged.
  Run record(store::Connection& c, std::int64_t account_id, std::int64_t event_id, const std::string& trigger,
             const std::string& summary, std::optional<std::int64_t> application_id,
             const std::vector<PlannedAction>& planned);

  std::optional<Action> find_action(std::int64_t account_id, std::int64_t action_id);
  std::optional<Action> find_action_by_key(std::int64_t account_id, const std::string& key);
  // Records one attempt's outcome, in the caller's transaction or in one of its own.
  void finish_attempt(store::Connection& c, std::int64_t action_id, ActionState state,
                      const std::string& request, const std::string& response);
  void finish_attempt(std::int64_t action_id, ActionState state, const std::string& request,
                      const std::string& response);
  // The recruiter's retry: a failed action back to pending (the caller enqueues it).
  bool reopen(std::int64_t account_id, std::int64_t action_id);

  std::optional<Run> find_run(std::int64_t account_id, std::int64_t run_id);
  // Newest first, with their actions.
  std::vector<Run> list(std::int64_t account_id, const RunFilter& filter, int limit, int offset);
  std::int64_t count(std::int64_t account_id, const RunFilter& filter);

 private:
  store::Database& database_;
  const Clock& clock_;
};

}  // namespace pinbridge::workflows
