// The client's reads and writes against pinpoint-sim, checked through the simulator's admin API.
#include "sim_fixture.hpp"

namespace pinbridge::pinpoint {
namespace {

using nlohmann::json;

class OperationsTest : public SimFixture {
 protected:
  void SetUp() override {
    SimFixture::SetUp();
    job_ = seed_applications(25);
    client_ = client(key("write"));
  }
  std::int64_t job_ = 0;
  std::unique_ptr<PinpointClient> client_;
};

TEST_F(OperationsTest, PagesUntilAShortPage) {
  auto options = fast_options();
  options.page_size = 10;
  auto apps = client(key("read"), options)->list_applications();
  ASSERT_TRUE(apps) << apps.error().message();
  ASSERT_EQ(apps->size(), 25U);
  for (std::size_t i = 0; i < apps->size(); ++i) EXPECT_EQ((*apps)[i].id, static_cast<Id>(i + 1));
  const auto calls = records();
  ASSERT_EQ(calls.size(), 3U);
  EXPECT_EQ(calls[2].path, "/api/v1/applications?page[size]=10&page[number]=3");
  EXPECT_EQ(calls[2].status, 200);
}

TEST_F(OperationsTest, FiltersApplications) {
  ApplicationFilter filter;
  filter.candidate_email = "p7@example.com";
  filter.with_tags = true;
  auto apps = client_->list_applications(filter);
  ASSERT_TRUE(apps) << apps.error().message();
  ASSERT_EQ(apps->size(), 1U);
  EXPECT_EQ((*apps)[0].full_name, "P7 Q");
  EXPECT_EQ((*apps)[0].job_id, job_);
}

TEST_F(OperationsTest, ApplicationWithItsJobAndStage) {
  auto app = client_->get_application(3);
  ASSERT_TRUE(app) << app.error().message();
  EXPECT_EQ(app->email, "p3@example.com");
  ASSERT_TRUE(app->job);
  EXPECT_EQ(app->job->id, job_);
  EXPECT_EQ(app->job->title, "Engineer");
  ASSERT_TRUE(app->stage);
  EXPECT_EQ(app->stage->id, app->stage_id);
  EXPECT_EQ(app->stage->basic_type, "applied");
}

TEST_F(OperationsTest, JobsWorkflowsAndUsers) {
  sim().admin("POST", "/_sim/companies/acme/users", {{"email", "rita@acme.test"}, {"first_name", "Rita"}});
  auto jobs = client_->list_jobs();
  ASSERT_TRUE(jobs) << jobs.error().message();
  ASSERT_EQ(jobs->size(), 1U);
  std::vector<std::string> names;
  for (const auto& stage : (*jobs)[0].stages) names.push_back(stage.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"Applied", "Review", "Interview", "Offer", "Hired", "Rejected"}));
  auto workflows = client_->list_hiring_workflows();
  ASSERT_TRUE(workflows) << workflows.error().message();
  ASSERT_FALSE(workflows->empty());
  EXPECT_EQ(workflows->front().stages.size(), 6U);
  EXPECT_EQ((*jobs)[0].hiring_workflow_id, workflows->front().id);
  auto users = client_->list_users();
  ASSERT_TRUE(users) << users.error().message();
  EXPECT_TRUE(
      std::any_of(users->begin(), users->end(), [](const User& u) { return u.email == "rita@acme.test"; }));
  auto job = client_->get_job(job_);
  ASSERT_TRUE(job);
  EXPECT_EQ(job->stages.size(), 6U);
}

TEST_F(OperationsTest, CreatedCommentShowsUpInPinpoint) {
  auto comment = client_->create_comment(5, "Scored 85 in Coding: https://example.test/r/1");
  ASSERT_TRUE(comment) << comment.error().message();
  EXPECT_EQ(comment->commentable_id, 5);
  EXPECT_EQ(comment->commentable_type, "Application");
  const auto stored = admin_resources("comments")["data"];
  ASSERT_EQ(stored.size(), 1U);
  EXPECT_EQ(stored[0]["attributes"]["body_text"], "Scored 85 in Coding: https://example.test/r/1");
  auto blank = client_->create_comment(5, "  ");
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().kind, ErrorKind::validation);
  EXPECT_EQ(blank.error().detail, "Body text can't be blank");
}

TEST_F(OperationsTest, CandidateAssessmentIsLookedUpBeforeCreateAndUpdatedInPlace) {
  CandidateAssessmentInput input;
  input.application_id = 6;
  input.assessment_name = "Coding";
  input.external_uid = "inv-42";
  input.status = "pending";
  auto first = client_->upsert_candidate_assessment(input);
  ASSERT_TRUE(first) << first.error().message();
  EXPECT_EQ(first->status, "pending");
  input.status = "completed";
  input.result = "85";
  input.result_url = "https://example.test/report/42";
  input.result_details = json{{"score", 85}, {"integrity", "clean"}};
  auto second = client_->upsert_candidate_assessment(input);
  ASSERT_TRUE(second) << second.error().message();
  EXPECT_EQ(second->id, first->id);
  const auto stored = admin_resources("candidate_assessments")["data"];
  ASSERT_EQ(stored.size(), 1U);
  EXPECT_EQ(stored[0]["attributes"]["status"], "completed");
  EXPECT_EQ(stored[0]["attributes"]["result"], "85");
  EXPECT_EQ(stored[0]["attributes"]["application_id"], 6);
  auto found = client_->find_candidate_assessment("inv-42");
  ASSERT_TRUE(found);
  ASSERT_TRUE(*found);
  EXPECT_EQ((*found)->result_details["score"], 85);
  auto missing = client_->find_candidate_assessment("inv-none");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(*missing);
}

TEST_F(OperationsTest, MoveToStageShowsInStageHistory) {
  auto job = client_->get_job(job_);
  ASSERT_TRUE(job);
  const Stage interview = job->stages[2];
  auto moved = client_->move_application_to_stage(4, interview.id);
  ASSERT_TRUE(moved) << moved.error().message();
  EXPECT_EQ(moved->stage_id, interview.id);
  const auto history =
      sim().admin("GET", "/_sim/companies/acme/applications/4/stage_history")["stage_history"];
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.back()["to_stage_id"], interview.id);
  EXPECT_EQ(history.back()["source"], "api");
  auto foreign = client_->move_application_to_stage(4, 99999);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().kind, ErrorKind::validation);
  EXPECT_EQ(foreign.error().detail, "Stage is invalid");
}

TEST_F(OperationsTest, TagsAreAdded) {
  auto tagged = client_->add_tags(9, {{"Assessment: Passed", "assessment"}, {"Coding: 85", "assessment"}});
  ASSERT_TRUE(tagged) << tagged.error().message();
  ASSERT_TRUE(client_->add_tags(9, {{"Assessment: Passed", "assessment"}})) << "adding again is harmless";
  ApplicationFilter filter;
  filter.candidate_email = "p9@example.com";
  filter.with_tags = true;
  auto apps = client_->list_applications(filter);
  ASSERT_TRUE(apps);
  ASSERT_EQ(apps->size(), 1U);
  ASSERT_EQ((*apps)[0].tags.size(), 2U);
  EXPECT_EQ((*apps)[0].tags[0].name, "Assessment: Passed");
  EXPECT_EQ((*apps)[0].tags[0].context, "assessment");
}

TEST_F(OperationsTest, MissingPermissionNamesIt) {
  auto comment = client(key("read"))->create_comment(5, "hello");
  ASSERT_FALSE(comment);
  EXPECT_EQ(comment.error().kind, ErrorKind::forbidden);
  EXPECT_EQ(comment.error().permission, "Comment write");
  EXPECT_EQ(admin_resources("comments")["data"].size(), 0U);
}

TEST_F(OperationsTest, CallRecordsNeverHoldTheKey) {
  const auto api_key = key("write");
  auto c = client(api_key);
  ASSERT_TRUE(c->list_jobs());
  ASSERT_FALSE(c->get_application(424242));
  for (const auto& record : records()) {
    EXPECT_EQ(record.path.find(api_key), std::string::npos);
    EXPECT_EQ(record.error.find(api_key), std::string::npos);
    EXPECT_FALSE(record.method.empty());
  }
}

}  // namespace
}  // namespace pinbridge::pinpoint
