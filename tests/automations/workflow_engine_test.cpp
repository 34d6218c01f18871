// Workflows end to end inside one process, against a real pinpoint-sim: a stage change delivered
// by webhook invites the candidate and marks the assessment pending in Pinpoint; the candidate's
// submission completes the record with score and report link, comments once and moves the
// application to the stage its band names. Replayed deliveries and re-run jobs add nothing:
// the simulator's request log shows every effect exactly once.
#include <gtest/gtest.h>

#include "accounts/account_store.hpp"
#include "sim/sim_process.hpp"
#include "support/eventually.hpp"
#include "support/test_database.hpp"
#include "support/workflow_stack.hpp"

namespace pinbridge::workflows {
namespace {

using pinbridge::testing::eventually;

std::string stage_changed(std::int64_t application_id, std::int64_t stage_id, int triggered_at) {
  return nlohmann::json{{"event", "application_stage_changed"},
                        {"triggeredAt", triggered_at},
                        {"data", {{"application", {{"id", application_id}}}, {"stage", {{"id", stage_id}}}}}}
      .dump();
}

class WorkflowEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sim_.admin("POST", "/_sim/companies", {{"subdomain", "acme"}, {"name", "Acme"}});
    job_ = sim_.admin("POST", "/_sim/companies/acme/jobs", {{"title", "Backend Engineer"}})["id"];
    application_ = sim_.admin(
        "POST", "/_sim/companies/acme/applications",
        {{"job_id", job_}, {"first_name", "Ada"}, {"last_name", "Lovelace"}, {"email", "ada@x.test"}})["id"];
    accounts::AccountStore accounts(database_, stack_.clock, crypto::PasswordCost::minimal_for_tests);
    account_ = accounts.create_account("acme", "Acme")->id;
    const std::string key =
        sim_.admin("POST", "/_sim/companies/acme/api_keys", {{"permissions", "write"}})["key"];
    token_ = connections_.save(account_, "acme", Secret(key)).webhook_token;
    ASSERT_TRUE(stages_.refresh(account_, **clients_.for_account(account_)));
    assessment_ = platform_.assessments.create(account_, pinbridge::testing::sample_assessment())->id;
    pinbridge::testing::add_core_rules(workflows_, account_, assessment_, {"Assessment: passed"});
    stack_.start();
  }
  void TearDown() override {
    stack_.stop();
    if (HasFailure()) dump_jobs();
  }

  // What the queue did, shown when a test fails.
  void dump_jobs() {
    database_.read([](store::Connection& c) {
      for (const auto& row : c.query("SELECT id, kind, state, attempt, errors FROM jobs ORDER BY id"))
        std::cerr << "job " << row.integer(0) << " " << row.text(1) << " " << row.text(2) << " attempt "
                  << row.integer(3) << " " << row.text(4) << "\n";
      return 0;
    });
  }

  std::int64_t stage_id(const std::string& name) {
    for (const auto& known : stages_.list(account_))
      if (known.job_id == job_ && known.stage.name == name) return known.stage.id;
    ADD_FAILURE() << "no stage " << name;
    return 0;
  }

  // A recruiter's move in the simulator, delivered to us as Pinpoint would.
  void recruiter_moves_to(const std::string& stage, int triggered_at) {
    const auto id = stage_id(stage);
    sim_.admin("POST", "/_sim/companies/acme/applications/" + std::to_string(application_) + "/move",
               {{"stage_id", id}});
    ASSERT_TRUE(ingest_.receive(token_, std::nullopt, stage_changed(application_, id, triggered_at)));
    workers_.notify();
  }

  std::vector<assessments::Invitation> invitations() {
    return platform_.invitations.with_external_ref(account_, application_ref(application_));
  }

  nlohmann::json sim_resources(const std::string& type) {
    return sim_.admin("GET", "/_sim/companies/acme/resources/" + type)["data"];
  }

  std::string application_stage() {
    const auto app = sim_.admin(
        "GET", "/_sim/companies/acme/resources/applications?filter[id]=" + std::to_string(application_));
    return std::to_string(app["data"][0]["attributes"]["stage_id"].get<std::int64_t>());
  }

  // How many requests the simulator answered with this method and path prefix.
  int requests(const std::string& method, const std::string& path_prefix) {
    int count = 0;
    for (const auto& r : sim_.admin("GET", "/_sim/requests"))
      if (r["method"] == method && r["path"].get<std::string>().starts_with(path_prefix) &&
          r["status"] != 0 && r["status"].get<int>() < 300)
        ++count;
    return count;
  }

  void candidate_scores(bool correct) {
    const auto token = platform_.token_of(account_, invitations().at(0).id);
    ASSERT_TRUE(platform_.candidates.start(token));
    ASSERT_TRUE(platform_.candidates.save_answer(token, "q1", correct ? 1 : 0));
    ASSERT_TRUE(platform_.candidates.save_answer(token, "q2", correct ? "Paris" : "Rome"));
    ASSERT_TRUE(platform_.candidates.submit(token));
    workers_.notify();
  }

  bool all_actions_settled() {
    return runs_.count(account_, {}) > 0 &&
           std::ranges::all_of(runs_.list(account_, {}, 100, 0), [](const workflows::Run& run) {
             return std::ranges::all_of(run.actions,
                                        [](const Action& a) { return a.state != ActionState::pending; });
           });
  }

  pinbridge::testing::SimProcess sim_;
  pinbridge::testing::TestDatabase test_database_{"sqlite"};
  store::Database& database_ = *test_database_.database();
  pinbridge::testing::WorkflowStack stack_{database_, {sim_.url(), 2}};
  // The stack's parts under the names the tests use.
  pinbridge::testing::TestPlatform& platform_ = stack_.platform;
  automations::ConnectionStore& connections_ = stack_.connections;
  automations::PinpointClients& clients_ = stack_.clients;
  automations::StageCache& stages_ = stack_.stages;
  automations::WebhookIngest& ingest_ = stack_.ingest;
  WorkflowStore& workflows_ = stack_.workflows;
  RunLog& runs_ = stack_.runs;
  WorkflowEngine& engine_ = stack_.engine;
  jobs::WorkerPool& workers_ = stack_.workers;
  std::int64_t job_ = 0, application_ = 0, account_ = 0, assessment_ = 0;
  std::string token_;
};

TEST_F(WorkflowEngineTest, AStageMoveInvitesAndTheResultLandsInPinpointOnce) {
  recruiter_moves_to("Review", 1);
  ASSERT_TRUE(eventually([&] { return invitations().size() == 1 && all_actions_settled(); }));
  EXPECT_EQ(invitations()[0].candidate_email, "ada@x.test");
  ASSERT_TRUE(eventually([&] { return sim_resources("candidate_assessments").size() == 1; }));
  EXPECT_EQ(sim_resources("candidate_assessments")[0]["attributes"]["status"], "pending");

  candidate_scores(true);
  ASSERT_TRUE(eventually([&] { return application_stage() == std::to_string(stage_id("Interview")); }));
  ASSERT_TRUE(eventually([&] {
    const auto records = sim_resources("candidate_assessments");
    return records.size() == 1 && records[0]["attributes"]["status"] == "completed";
  }));
  const auto record = sim_resources("candidate_assessments")[0]["attributes"];
  EXPECT_EQ(record["result"], "100");
  EXPECT_EQ(record["result_url"], platform_.links.report(invitations()[0].id));
  ASSERT_TRUE(eventually([&] { return sim_resources("comments").size() == 1 && all_actions_settled(); }));
  const std::string comment = sim_resources("comments")[0]["attributes"]["body_text"];
  EXPECT_NE(comment.find("100/100"), std::string::npos) << comment;

  // Pinpoint retries, replays, and our own move coming back: nothing more happens.
  recruiter_moves_to("Review", 2);
  ASSERT_TRUE(ingest_.receive(token_, std::nullopt, stage_changed(application_, stage_id("Interview"), 3)));
  workers_.notify();
  ASSERT_TRUE(eventually([&] { return runs_.count(account_, {}) >= 5 && all_actions_settled(); }));
  EXPECT_EQ(invitations().size(), 1u);
  EXPECT_EQ(requests("POST", "/api/v1/candidate_assessments"), 1);
  EXPECT_EQ(requests("POST", "/api/v1/comments"), 1);
  const auto replay = runs_.list(account_, {}, 1, 0).at(0);
  EXPECT_TRUE(replay.actions.empty());
  EXPECT_GE(replay.duplicates + runs_.list(account_, {}, 2, 0).at(1).duplicates, 1);
}

TEST_F(WorkflowEngineTest, ALowScoreMovesToRejectedWithTheReason) {
  recruiter_moves_to("Review", 1);
  ASSERT_TRUE(eventually([&] { return invitations().size() == 1 && all_actions_settled(); }));
  candidate_scores(false);
  ASSERT_TRUE(eventually([&] { return application_stage() == std::to_string(stage_id("Rejected")); }));
  ASSERT_TRUE(eventually([&] { return all_actions_settled(); }));
  bool explained = false;
  for (const auto& run : runs_.list(account_, {}, 10, 0))
    for (const auto& action : run.actions)
      explained |=
          action.kind == ActionKind::move_stage &&
          action.explanation == "moved Ada Lovelace to Rejected by 'Backend screen' because score 0 < 50";
  EXPECT_TRUE(explained);
}

// A new invite is carried out in the transaction that plans it, so it needs no job: processing
// the delivery leaves the invitation made, its action done, and only the record's action queued.
// The queue is driven by hand, to see each job.
TEST_F(WorkflowEngineTest, AnInviteIsMadeWithItsRunAndOnlyPinpointsActionsWaitForJobs) {
  stack_.stop();
  auto& queue = platform_.jobs;
  recruiter_moves_to("Review", 1);
  const auto delivery = queue.claim("test", 1);
  ASSERT_EQ(delivery.size(), 1u);
  ASSERT_EQ(delivery[0].kind, automations::process_job_kind);
  queue.finish({{delivery[0], stack_.processor.process(delivery[0])}});

  ASSERT_EQ(invitations().size(), 1u);
  const auto run = runs_.list(account_, {}, 10, 0);
  ASSERT_EQ(run.size(), 2u);  // the stage change's run, then the invitation's
  const auto invite = run.at(1).actions.at(0);
  EXPECT_EQ(invite.kind, ActionKind::invite);
  EXPECT_EQ(invite.state, ActionState::done);
  EXPECT_EQ(invite.attempts, 1);
  EXPECT_EQ(invite.response, "invitation #" + std::to_string(invitations()[0].id) + " created");
  int action_jobs = 0;
  for (const auto& job : queue.claim("test", 10)) {
    if (job.kind != action_job_kind) continue;
    ++action_jobs;
    EXPECT_EQ(job.args.at("action_id"), run.at(0).actions.at(0).id);  // the pending record's
  }
  EXPECT_EQ(action_jobs, 1);
}

// An invite the platform refuses when it is planned fails at once with the reason. A retry runs
// as a job: its invitation is made in the transaction that records the attempt, after a check
// that reads only. Here the assessment is archived between the two, so the transaction refuses:
// it is rolled back whole and the job retried, and that retry's check fails the action with the
// reason. The queue is driven by hand, to put the archiving exactly there.
TEST_F(WorkflowEngineTest, ARefusedInviteFailsWithTheReasonAndARetryRefusedAfterItsCheckWritesNothing) {
  stack_.stop();
  auto& queue = platform_.jobs;
  const auto run_next = [&](std::string_view kind) {
    auto claimed = queue.claim("test", 1);
    EXPECT_EQ(claimed.size(), 1u);
    if (claimed.empty()) return std::optional<jobs::Job>();
    EXPECT_EQ(claimed[0].kind, kind);
    return std::optional(claimed[0]);
  };
  const auto the_action = [&] { return runs_.list(account_, {}, 10, 0).at(0).actions.at(0); };
  const std::string archived = "The assessment \"Backend screen\" is archived";
  ASSERT_TRUE(platform_.assessments.set_archived(account_, assessment_, true));
  recruiter_moves_to("Review", 1);
  const auto delivery = run_next(automations::process_job_kind);
  ASSERT_TRUE(delivery);
  queue.finish({{*delivery, stack_.processor.process(*delivery)}});
  EXPECT_EQ(the_action().state, ActionState::failed);
  EXPECT_EQ(the_action().response, archived);
  EXPECT_TRUE(invitations().empty());

  // The recruiter restores the assessment and presses retry.
  ASSERT_TRUE(platform_.assessments.set_archived(account_, assessment_, false));
  ASSERT_TRUE(engine_.retry(account_, the_action().id));
  const auto invite = run_next(action_job_kind);
  ASSERT_TRUE(invite);
  auto checked = engine_.run_action(*invite);  // the check passes; nothing is written yet
  ASSERT_TRUE(platform_.assessments.set_archived(account_, assessment_, true));
  queue.finish({{*invite, std::move(checked)}});
  EXPECT_TRUE(invitations().empty());
  const auto retried = queue.find(invite->id);
  ASSERT_TRUE(retried);
  EXPECT_EQ(retried->state, jobs::JobState::retryable);
  EXPECT_NE(retried->errors.dump().find("archived"), std::string::npos) << retried->errors.dump();
  EXPECT_EQ(the_action().state, ActionState::pending);

  ASSERT_TRUE(queue.retry_now(invite->id));
  const auto again = run_next(action_job_kind);
  ASSERT_TRUE(again);
  queue.finish({{*again, engine_.run_action(*again)}});
  EXPECT_EQ(queue.find(invite->id)->state, jobs::JobState::discarded);
  EXPECT_EQ(the_action().state, ActionState::failed);
  EXPECT_EQ(the_action().response, archived);
  EXPECT_TRUE(invitations().empty());
}

TEST_F(WorkflowEngineTest, AMoveRefusedForGoodFailsAndTheRecruitersRetryFinishesIt) {
  // A key that may read applications but not move them: Pinpoint's 403 is final.
  nlohmann::json permissions = nlohmann::json::object();
  for (const auto& spec : pinpoint::required_permissions())
    permissions[spec.category] = spec.category == "Application" ? "read" : "write";
  const std::string read_only =
      sim_.admin("POST", "/_sim/companies/acme/api_keys", {{"permissions", permissions}})["key"];
  connections_.save(account_, "acme", Secret(read_only));
  clients_.forget(account_);

  recruiter_moves_to("Review", 1);
  ASSERT_TRUE(eventually([&] { return invitations().size() == 1 && all_actions_settled(); }));
  candidate_scores(true);
  std::optional<Action> failed;
  ASSERT_TRUE(eventually([&] {
    for (const auto& run : runs_.list(account_, {std::nullopt, true}, 10, 0))
      for (const auto& action : run.actions)
        if (action.state == ActionState::failed) failed = action;
    return failed.has_value();
  }));
  EXPECT_EQ(failed->kind, ActionKind::move_stage);
  EXPECT_NE(failed->response.find("Application write"), std::string::npos) << failed->response;

  const std::string full =
      sim_.admin("POST", "/_sim/companies/acme/api_keys", {{"permissions", "write"}})["key"];
  connections_.save(account_, "acme", Secret(full));
  clients_.forget(account_);
  ASSERT_TRUE(engine_.retry(account_, failed->id));
  workers_.notify();
  ASSERT_TRUE(eventually([&] { return application_stage() == std::to_string(stage_id("Interview")); }));
  ASSERT_TRUE(eventually([&] { return all_actions_settled(); }));
  EXPECT_FALSE(engine_.retry(account_, failed->id)) << "a done action cannot be retried";
}

}  // namespace
}  // namespace pinbridge::workflows
