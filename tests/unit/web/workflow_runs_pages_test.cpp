// The run history and the dry run through the Router: runs recorded in the RunLog as the engine
// records them, shown with their actions' causes, filtered, paged and retried, and only to their
// own account; the dry run's refusals without a reachable Pinpoint.
#include "workflow_pages_fixture.hpp"

namespace pinbridge::web::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using workflows::ActionKind;
using workflows::ActionState;

constexpr const char* move_cause = "moved to Rejected by Backend screen because score 41 is below 50";

class WorkflowRunsPagesTest : public WorkflowPagesTest {
 protected:
  workflows::RunLog& runs() { return automations_->runs; }

  // A completed assessment's run: a stage move that failed and a comment that was posted.
  workflows::Run record_run(std::int64_t account_id, std::int64_t event_id, std::int64_t application_id,
                            const std::string& candidate) {
    const std::string key = fmt::format("test:{}:", event_id);
    const std::vector<workflows::PlannedAction> planned{
        {1, "Backend screen", ActionKind::move_stage, key + "move", {{"stage", "Rejected"}}, move_cause},
        {1, "Backend screen", ActionKind::post_comment, key + "comment", {}, "commented the result"}};
    auto run = database_->write([&](store::Connection& c) {
      return runs().record(c, account_id, event_id, "assessment.completed",
                           candidate + " completed Backend test", application_id, planned);
    });
    runs().finish_attempt(run.actions.at(0).id, ActionState::failed, "PUT /applications/555 stage 14",
                          "422 Stage is invalid");
    runs().finish_attempt(run.actions.at(1).id, ActionState::done, "POST /comments", "201 comment 9");
    return run;
  }
  std::string retry_path(std::int64_t action_id) {
    return fmt::format("/workflows/actions/{}/retry", action_id);
  }
};

TEST_F(WorkflowRunsPagesTest, AnEmptyHistorySaysWhatWillAppear) {
  EXPECT_THAT(page("/workflows/runs"), HasSubstr("No runs yet"));
}

TEST_F(WorkflowRunsPagesTest, ARunShowsItsActionsWithTheirCauseAndRetryOnTheFailedOne) {
  const auto run = record_run(acme_.id, 1, 555, "Ada Lovelace");
  const auto body = page("/workflows/runs");
  EXPECT_THAT(body, HasSubstr("Ada Lovelace completed Backend test"));
  EXPECT_THAT(body, HasSubstr("assessment.completed · application 555"));
  EXPECT_THAT(body, HasSubstr(move_cause));
  EXPECT_THAT(body, HasSubstr("PUT /applications/555 stage 14"));
  EXPECT_THAT(body, HasSubstr("422 Stage is invalid"));
  EXPECT_THAT(body, HasSubstr("201 comment 9"));
  EXPECT_THAT(body, HasSubstr(fmt::format("action=\"{}\"", retry_path(run.actions[0].id))));
  EXPECT_THAT(body, Not(HasSubstr(retry_path(run.actions[1].id))));
}

TEST_F(WorkflowRunsPagesTest, RunsAreFilteredByFailureAndApplication) {
  record_run(acme_.id, 1, 555, "Ada Lovelace");
  const auto quiet = record_run(acme_.id, 2, 777, "Grace Hopper");
  runs().finish_attempt(quiet.actions[0].id, ActionState::done, "PUT /applications/777 stage 14",
                        "200 moved");
  const auto failed = page("/workflows/runs?failed=1");
  EXPECT_THAT(failed, HasSubstr("Ada Lovelace"));
  EXPECT_THAT(failed, Not(HasSubstr("Grace Hopper")));
  const auto one = page("/workflows/runs?application_id=777");
  EXPECT_THAT(one, HasSubstr("Grace Hopper"));
  EXPECT_THAT(one, Not(HasSubstr("Ada Lovelace")));
  const auto bad = get("/workflows/runs?application_id=abc", alice_in_.cookie);
  EXPECT_EQ(bad.status, 422);
  EXPECT_THAT(bad.body, HasSubstr("The application id is the number"));
}

TEST_F(WorkflowRunsPagesTest, RunsArePagedNewestFirst) {
  for (int i = 1; i <= 51; ++i) record_run(acme_.id, i, 1000 + i, fmt::format("Candidate {}", i));
  const auto first = page("/workflows/runs");
  EXPECT_THAT(first, HasSubstr("Page 1 of 2 (51 runs)"));
  EXPECT_THAT(first, HasSubstr("Candidate 51 completed"));
  EXPECT_THAT(first, Not(HasSubstr("Candidate 1 completed")));
  EXPECT_THAT(first, HasSubstr("href=\"/workflows/runs?page=2\""));
  EXPECT_THAT(page("/workflows/runs?page=2"), HasSubstr("Candidate 1 completed"));
}

TEST_F(WorkflowRunsPagesTest, RetryPutsAFailedActionBackInTheQueue) {
  const auto run = record_run(acme_.id, 1, 555, "Ada Lovelace");
  const auto action_id = run.actions[0].id;
  const auto retried = post_form(retry_path(action_id), {}, alice_in_);
  ASSERT_EQ(retried.status, 303);
  EXPECT_EQ(retried.headers.at("Location"), "/workflows/runs?retried=1");
  EXPECT_EQ(runs().find_action(acme_.id, action_id)->state, ActionState::pending);
  EXPECT_THAT(page("/workflows/runs?retried=1"), HasSubstr("Action queued to run again."));
  const auto again = post_form(retry_path(action_id), {}, alice_in_);
  EXPECT_EQ(again.status, 409);
  EXPECT_THAT(again.body, HasSubstr("Only a failed action can be retried"));
  EXPECT_EQ(post_form(retry_path(run.actions[1].id), {}, alice_in_).status, 409);
}

TEST_F(WorkflowRunsPagesTest, AnotherAccountCannotSeeOrRetryTheRuns) {
  const auto run = record_run(acme_.id, 1, 555, "Ada Lovelace");
  const auto bob_in = sign_in_globex();
  EXPECT_THAT(get("/workflows/runs", bob_in.cookie).body, Not(HasSubstr("Ada Lovelace")));
  EXPECT_EQ(post_form(retry_path(run.actions[0].id), {}, bob_in).status, 404);
  EXPECT_EQ(runs().find_action(acme_.id, run.actions[0].id)->state, ActionState::failed);
  EXPECT_EQ(post_form(retry_path(999999), {}, alice_in_).status, 404);
}

TEST_F(WorkflowRunsPagesTest, TheDryRunAsksForAnApplicationId) {
  const auto body = page("/workflows/dry-run");
  EXPECT_THAT(body, HasSubstr("name=\"application_id\""));
  EXPECT_THAT(body, Not(HasSubstr("No preview")));
  const auto bad = get("/workflows/dry-run?application_id=12x", alice_in_.cookie);
  EXPECT_EQ(bad.status, 422);
  EXPECT_THAT(bad.body, HasSubstr("a whole number such as 12345"));
}

TEST_F(WorkflowRunsPagesTest, TheDryRunSaysWhenPinpointCannotBeReached) {
  // Nothing listens where the test's Pinpoint is.
  const auto response = get("/workflows/dry-run?application_id=5", alice_in_.cookie);
  EXPECT_NE(response.status, 200);
  EXPECT_THAT(response.body, HasSubstr("role=\"alert\">No preview for application 5: "));
  EXPECT_THAT(response.body, HasSubstr("value=\"5\""));
}

TEST_F(WorkflowRunsPagesTest, WithoutAConnectionTheDryRunAndHistorySaySo) {
  automations_->connections.disconnect(acme_.id);
  EXPECT_THAT(page("/workflows/dry-run?application_id=5"), HasSubstr("Connect Pinpoint first"));
  EXPECT_THAT(page("/workflows/runs"), HasSubstr("Connect Pinpoint first"));
}

}  // namespace
}  // namespace pinbridge::web::testing
