// The workflow run history on every backend: a run per event, each action once per account by its
// idempotency key, attempts and the recruiter's retry, listing newest first, never another account's.
#include "workflows/run_log.hpp"

#include <gtest/gtest.h>

#include "workflow_fixture.hpp"

namespace pinbridge::workflows {
namespace {

using nlohmann::json;

PlannedAction planned(const std::string& key, ActionKind kind = ActionKind::post_record,
                      std::int64_t rule_id = 5) {
  return {rule_id,
          "Backend screen",
          kind,
          key,
          {{"invitation_id", 55}, {"application_id", 42}, {"status", "pending"}},
          "marked Technical test pending on Ada Lovelace's Pinpoint profile by 'Backend screen'"};
}

std::vector<std::string> keys(const Run& run) {
  std::vector<std::string> out;
  out.reserve(run.actions.size());
  for (const auto& action : run.actions) out.push_back(action.key);
  return out;
}

std::vector<std::int64_t> event_ids(const std::vector<Run>& runs) {
  std::vector<std::int64_t> out;
  out.reserve(runs.size());
  for (const auto& run : runs) out.push_back(run.event_id);
  return out;
}

class RunLogConformance : public testing::WorkflowFixture<RunLog> {
 protected:
  workflows::Run record(std::int64_t event_id, const std::vector<PlannedAction>& actions,
                        std::optional<std::int64_t> application_id = 42, std::int64_t account_id = 0) {
    return database().write([&](store::Connection& c) {
      return store_->record(c, account_or_acme(account_id), event_id, "invitation.created",
                            "Ada Lovelace was invited to Technical test", application_id, actions);
    });
  }

  // The run or action, which must exist (a default one, with a failure, when it does not).
  workflows::Run found_run(std::int64_t run_id) {
    auto run = store_->find_run(acme_, run_id);
    EXPECT_TRUE(run) << "run " << run_id;
    return run.value_or(workflows::Run{});
  }
  Action found_action(std::int64_t action_id) {
    auto action = store_->find_action(acme_, action_id);
    EXPECT_TRUE(action) << "action " << action_id;
    return action.value_or(Action{});
  }
  Action found_key(const std::string& key, std::int64_t account_id = 0) {
    auto action = store_->find_action_by_key(account_or_acme(account_id), key);
    EXPECT_TRUE(action) << "action " << key;
    return action.value_or(Action{});
  }
};

TEST_P(RunLogConformance, RecordInsertsTheRunAndItsActions) {
  const auto run =
      record(100, {planned("record:5:55:pending"), planned("comment:5:55", ActionKind::post_comment, 6)});
  EXPECT_GT(run.id, 0);
  EXPECT_EQ(run.account_id, acme_);
  EXPECT_EQ(run.event_id, 100);
  EXPECT_EQ(run.trigger, "invitation.created");
  EXPECT_EQ(run.summary, "Ada Lovelace was invited to Technical test");
  EXPECT_EQ(run.application_id, 42);
  EXPECT_EQ(run.created_at, clock_.now());
  EXPECT_EQ(run.duplicates, 0);
  EXPECT_FALSE(run.recorded_before);
  ASSERT_EQ(keys(run), (std::vector<std::string>{"record:5:55:pending", "comment:5:55"}));

  const auto& record_action = run.actions[0];
  EXPECT_GT(record_action.id, 0);
  EXPECT_EQ(record_action.account_id, acme_);
  EXPECT_EQ(record_action.run_id, run.id);
  EXPECT_EQ(record_action.rule_id, 5);
  EXPECT_EQ(record_action.workflow_name, "Backend screen");
  EXPECT_EQ(record_action.kind, ActionKind::post_record);
  EXPECT_EQ(record_action.args,
            json::parse(R"({"invitation_id":55,"application_id":42,"status":"pending"})"));
  EXPECT_EQ(record_action.explanation,
            "marked Technical test pending on Ada Lovelace's Pinpoint profile by 'Backend screen'");
  EXPECT_EQ(record_action.state, ActionState::pending);
  EXPECT_EQ(record_action.request, "");
  EXPECT_EQ(record_action.response, "");
  EXPECT_EQ(record_action.attempts, 0);
  EXPECT_EQ(record_action.created_at, clock_.now());
  EXPECT_EQ(record_action.updated_at, clock_.now());
  EXPECT_EQ(run.actions[1].kind, ActionKind::post_comment);
  EXPECT_EQ(run.actions[1].rule_id, 6);

  const auto found = found_run(run.id);
  EXPECT_EQ(found.event_id, 100);
  EXPECT_EQ(keys(found), keys(run));
  EXPECT_FALSE(found.recorded_before);

  const auto without_application = record(101, {planned("record:5:56:pending")}, std::nullopt);
  EXPECT_EQ(without_application.application_id, std::nullopt);
  EXPECT_EQ(found_run(without_application.id).application_id, std::nullopt);
}

TEST_P(RunLogConformance, RecordingTheSameEventAgainReturnsTheRunAndAddsNothing) {
  const auto first = record(100, {planned("record:5:55:pending")});
  clock_.advance(Millis(1000));
  const auto again =
      record(100, {planned("record:5:55:pending"), planned("comment:5:55", ActionKind::post_comment)});
  EXPECT_TRUE(again.recorded_before);
  EXPECT_EQ(again.id, first.id);
  EXPECT_EQ(again.created_at, first.created_at);
  EXPECT_EQ(again.duplicates, 0);
  EXPECT_EQ(keys(again), std::vector<std::string>{"record:5:55:pending"});
  EXPECT_EQ(store_->find_action_by_key(acme_, "comment:5:55"), std::nullopt)
      << "nothing new for a recorded event";
  EXPECT_EQ(store_->count(acme_, {}), 1);

  // The same event id in another account is another run.
  const auto other_account = record(100, {planned("record:5:55:pending")}, 42, globex_);
  EXPECT_FALSE(other_account.recorded_before);
  EXPECT_NE(other_account.id, first.id);
  EXPECT_EQ(keys(other_account), std::vector<std::string>{"record:5:55:pending"})
      << "keys are unique per account";
}

TEST_P(RunLogConformance, ActionsWhoseKeysExistAreCountedAsDuplicatesAndNotInserted) {
  const auto first =
      record(100, {planned("record:5:55:pending"), planned("comment:5:55", ActionKind::post_comment)});
  const auto second =
      record(101, {planned("record:5:55:pending"), planned("move:6:55", ActionKind::move_stage, 6),
                   planned("comment:5:55", ActionKind::post_comment)});
  EXPECT_FALSE(second.recorded_before);
  EXPECT_EQ(second.duplicates, 2);
  EXPECT_EQ(keys(second), std::vector<std::string>{"move:6:55"});
  EXPECT_EQ(found_run(second.id).duplicates, 2);
  EXPECT_EQ(found_key("record:5:55:pending").run_id, first.id) << "the earlier run keeps it";
  EXPECT_EQ(keys(found_run(first.id)), keys(first));

  const auto all_duplicates = record(102, {planned("move:6:55", ActionKind::move_stage, 6)});
  EXPECT_EQ(all_duplicates.duplicates, 1);
  EXPECT_TRUE(all_duplicates.actions.empty());
  EXPECT_EQ(found_run(all_duplicates.id).duplicates, 1);

  // The replayed event comes back with its duplicates count.
  const auto replayed = record(101, {});
  EXPECT_TRUE(replayed.recorded_before);
  EXPECT_EQ(replayed.duplicates, 2);
  EXPECT_EQ(keys(replayed), std::vector<std::string>{"move:6:55"});
}

TEST_P(RunLogConformance, FinishAttemptRecordsTheOutcomeAndCountsAttempts) {
  const auto run = record(100, {planned("move:6:55", ActionKind::move_stage, 6), planned("comment:5:55")});
  ASSERT_EQ(run.actions.size(), 2U);
  const auto id = run.actions[0].id;
  clock_.advance(Millis(5000));
  store_->finish_attempt(id, ActionState::failed, "PUT /applications/42 stage 7", "503 Service Unavailable");
  auto action = found_action(id);
  EXPECT_EQ(action.state, ActionState::failed);
  EXPECT_EQ(action.request, "PUT /applications/42 stage 7");
  EXPECT_EQ(action.response, "503 Service Unavailable");
  EXPECT_EQ(action.attempts, 1);
  EXPECT_EQ(action.created_at, run.created_at);
  EXPECT_EQ(action.updated_at, clock_.now());

  clock_.advance(Millis(5000));
  store_->finish_attempt(id, ActionState::done, "PUT /applications/42 stage 7", "200 moved");
  action = found_action(id);
  EXPECT_EQ(action.state, ActionState::done);
  EXPECT_EQ(action.response, "200 moved");
  EXPECT_EQ(action.attempts, 2);
  EXPECT_EQ(action.updated_at, clock_.now());

  const auto untouched = found_action(run.actions[1].id);
  EXPECT_EQ(untouched.state, ActionState::pending);
  EXPECT_EQ(untouched.attempts, 0);

  store_->finish_attempt(run.actions[1].id, ActionState::skipped, "", "already in Interview");
  EXPECT_EQ(found_action(run.actions[1].id).state, ActionState::skipped);
}

TEST_P(RunLogConformance, ReopenOnlyReopensFailedActions) {
  const auto run = record(100, {planned("a"), planned("b"), planned("c"), planned("d")});
  ASSERT_EQ(run.actions.size(), 4U);
  const auto pending = run.actions[0].id, done = run.actions[1].id, skipped = run.actions[2].id,
             failed = run.actions[3].id;
  store_->finish_attempt(done, ActionState::done, "POST /comments", "201 created");
  store_->finish_attempt(skipped, ActionState::skipped, "", "already there");
  store_->finish_attempt(failed, ActionState::failed, "PUT /applications/42", "422 Stage is invalid");

  EXPECT_FALSE(store_->reopen(acme_, pending));
  EXPECT_FALSE(store_->reopen(acme_, done));
  EXPECT_FALSE(store_->reopen(acme_, skipped));
  EXPECT_FALSE(store_->reopen(globex_, failed)) << "another account's action";
  EXPECT_EQ(found_action(failed).state, ActionState::failed);
  EXPECT_EQ(found_action(done).state, ActionState::done);
  EXPECT_EQ(found_action(skipped).state, ActionState::skipped);

  clock_.advance(Millis(1000));
  EXPECT_TRUE(store_->reopen(acme_, failed));
  const auto reopened = found_action(failed);
  EXPECT_EQ(reopened.state, ActionState::pending);
  EXPECT_EQ(reopened.attempts, 1) << "the attempt it made still counts";
  EXPECT_EQ(reopened.response, "422 Stage is invalid") << "the last answer stays until the next attempt";
  EXPECT_EQ(reopened.updated_at, clock_.now());
  EXPECT_FALSE(store_->reopen(acme_, failed)) << "already pending";
  EXPECT_FALSE(store_->reopen(acme_, 999'999));
}

TEST_P(RunLogConformance, ListIsNewestFirstPaginatedAndFiltered) {
  // Events 1..5: applications 42, 43, 42, none, 42; events 2 and 5 have a failed action.
  const std::vector<std::optional<std::int64_t>> applications = {42, 43, 42, std::nullopt, 42};
  std::vector<workflows::Run> runs;
  for (std::size_t i = 0; i < applications.size(); ++i) {
    const auto event = static_cast<std::int64_t>(i + 1);
    runs.push_back(record(event,
                          {planned("ok:" + std::to_string(event)), planned("maybe:" + std::to_string(event))},
                          applications[i]));
    ASSERT_EQ(runs.back().actions.size(), 2U);
    clock_.advance(Millis(1000));
  }
  store_->finish_attempt(runs[1].actions[1].id, ActionState::failed, "PUT", "422");
  store_->finish_attempt(runs[4].actions[0].id, ActionState::failed, "PUT", "403");
  store_->finish_attempt(runs[0].actions[0].id, ActionState::done, "PUT", "200");
  record(1, {planned("ok:1")}, 42, globex_);  // another account's run

  const auto all = store_->list(acme_, {}, 50, 0);
  EXPECT_EQ(event_ids(all), (std::vector<std::int64_t>{5, 4, 3, 2, 1}));
  ASSERT_EQ(all.size(), 5U);
  EXPECT_EQ(keys(all[0]), (std::vector<std::string>{"ok:5", "maybe:5"})) << "with their actions";
  ASSERT_FALSE(all[0].actions.empty());
  EXPECT_EQ(all[0].actions[0].state, ActionState::failed);
  EXPECT_EQ(store_->count(acme_, {}), 5);

  EXPECT_EQ(event_ids(store_->list(acme_, {}, 2, 0)), (std::vector<std::int64_t>{5, 4}));
  EXPECT_EQ(event_ids(store_->list(acme_, {}, 2, 2)), (std::vector<std::int64_t>{3, 2}));
  EXPECT_EQ(event_ids(store_->list(acme_, {}, 2, 4)), (std::vector<std::int64_t>{1}));
  EXPECT_TRUE(store_->list(acme_, {}, 2, 6).empty());

  const RunFilter for_42{42, false};
  EXPECT_EQ(event_ids(store_->list(acme_, for_42, 50, 0)), (std::vector<std::int64_t>{5, 3, 1}));
  EXPECT_EQ(event_ids(store_->list(acme_, for_42, 1, 1)), (std::vector<std::int64_t>{3}));
  EXPECT_EQ(store_->count(acme_, for_42), 3);
  EXPECT_EQ(store_->count(acme_, {43, false}), 1);
  EXPECT_EQ(store_->count(acme_, {44, false}), 0);
  EXPECT_TRUE(store_->list(acme_, {44, false}, 50, 0).empty());

  const RunFilter failed_only{std::nullopt, true};
  EXPECT_EQ(event_ids(store_->list(acme_, failed_only, 50, 0)), (std::vector<std::int64_t>{5, 2}));
  EXPECT_EQ(store_->count(acme_, failed_only), 2);
  const RunFilter failed_for_42{42, true};
  EXPECT_EQ(event_ids(store_->list(acme_, failed_for_42, 50, 0)), (std::vector<std::int64_t>{5}));
  EXPECT_EQ(store_->count(acme_, failed_for_42), 1);

  ASSERT_TRUE(store_->reopen(acme_, runs[1].actions[1].id));
  EXPECT_EQ(event_ids(store_->list(acme_, failed_only, 50, 0)), (std::vector<std::int64_t>{5}));
  EXPECT_EQ(store_->count(acme_, failed_only), 1);

  EXPECT_EQ(event_ids(store_->list(globex_, {}, 50, 0)), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(store_->count(globex_, {}), 1);
  EXPECT_EQ(store_->count(globex_, failed_only), 0);
}

TEST_P(RunLogConformance, LookupsAreScopedToTheAccount) {
  const auto run = record(100, {planned("record:5:55:pending")});
  ASSERT_EQ(run.actions.size(), 1U);
  const auto action_id = run.actions[0].id;
  EXPECT_EQ(found_action(action_id).key, "record:5:55:pending");
  EXPECT_EQ(found_key("record:5:55:pending").id, action_id);
  EXPECT_EQ(found_run(run.id).id, run.id);

  EXPECT_EQ(store_->find_action(globex_, action_id), std::nullopt);
  EXPECT_EQ(store_->find_action_by_key(globex_, "record:5:55:pending"), std::nullopt);
  EXPECT_EQ(store_->find_run(globex_, run.id), std::nullopt);
  EXPECT_EQ(store_->find_action(acme_, action_id + 1000), std::nullopt);
  EXPECT_EQ(store_->find_action_by_key(acme_, "record:5:55:abandoned"), std::nullopt);
  EXPECT_EQ(store_->find_run(acme_, run.id + 1000), std::nullopt);

  // Globex's own action under the same key is Globex's, not Acme's.
  const auto theirs = record(100, {planned("record:5:55:pending")}, 42, globex_);
  ASSERT_EQ(theirs.actions.size(), 1U);
  EXPECT_EQ(found_key("record:5:55:pending", globex_).id, theirs.actions[0].id);
  EXPECT_EQ(found_key("record:5:55:pending").id, action_id);
  EXPECT_EQ(store_->find_action(acme_, theirs.actions[0].id), std::nullopt);
  EXPECT_EQ(store_->find_run(acme_, theirs.id), std::nullopt);
}

TEST(RunLogNames, KindsAndStatesRoundTrip) {
  for (auto kind :
       {ActionKind::invite, ActionKind::post_record, ActionKind::post_comment, ActionKind::move_stage})
    EXPECT_EQ(parse_action_kind(action_kind_name(kind)), kind);
  for (auto state : {ActionState::pending, ActionState::done, ActionState::skipped, ActionState::failed})
    EXPECT_EQ(parse_action_state(action_state_name(state)), state);
  EXPECT_EQ(action_kind_name(ActionKind::move_stage), "move_stage");
  EXPECT_EQ(parse_action_state("Failed"), std::nullopt);
}

PINBRIDGE_ON_EVERY_BACKEND(RunLogConformance);

}  // namespace
}  // namespace pinbridge::workflows
