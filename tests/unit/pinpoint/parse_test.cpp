#include "pinpoint/parse.hpp"

#include <gtest/gtest.h>

namespace pinbridge::pinpoint {
namespace {

using nlohmann::json;

TEST(ParseTest, IdsAsNumbersOrNumericStrings) {
  EXPECT_EQ(parse_id(json(42)), 42);
  EXPECT_EQ(parse_id(json("42")), 42);
  EXPECT_EQ(parse_id(json(9007199254740993LL)), 9007199254740993LL);
  for (const json& bad : {json(nullptr), json(""), json("4x"), json(-1), json(0), json(1.5), json("-3"),
                          json(" 4"), json::object(), json("99999999999999999999")})
    EXPECT_FALSE(parse_id(bad)) << bad.dump();
}

TEST(ParseTest, ApplicationWithRelationshipsNotIncluded) {
  const auto document = json::parse(R"({"data":{"id":"7","type":"applications",
    "attributes":{"first_name":"Ada","last_name":"L","full_name":"Ada L","email":"ada@example.com",
      "candidate_id":"3","job_id":2,"stage_id":"11","hired_at":null,"created_at":"2024-01-01T00:00:00.000+00:00"},
    "relationships":{"candidate":{"meta":{"included":false}},"job":{"meta":{"included":false}},
      "stage":{"meta":{"included":false}}}},"included":[],"meta":{}})");
  auto app = parse_single<Application>(document, parse_application);
  ASSERT_TRUE(app) << app.error().message;
  EXPECT_EQ(app->id, 7);
  EXPECT_EQ(app->candidate_id, 3);
  EXPECT_EQ(app->job_id, 2);
  EXPECT_EQ(app->stage_id, 11);
  EXPECT_EQ(app->full_name, "Ada L");
  EXPECT_EQ(app->hired_at, "");
  EXPECT_FALSE(app->job);
  EXPECT_FALSE(app->stage);
  EXPECT_TRUE(app->tags.empty());
}

TEST(ParseTest, ApplicationWithIncludedJobAndStageAndTags) {
  const auto document = json::parse(R"({"data":{"id":7,"type":"applications",
    "attributes":{"email":"a@b.c","tags":[{"name":"Assessment: Passed","context":"assessment"}]},
    "relationships":{"job":{"data":{"type":"jobs","id":"2"}},"stage":{"data":{"type":"stages","id":"11"}}}},
    "included":[{"id":"2","type":"jobs","attributes":{"title":"Engineer","status":"open",
                  "selected_hiring_workflow_id":"5"},"relationships":{"stages":{"meta":{"included":false}}}},
                {"id":"11","type":"stages","attributes":{"name":"Review","basic_type":"review","position":2}}]})");
  auto app = parse_single<Application>(document, parse_application);
  ASSERT_TRUE(app) << app.error().message;
  EXPECT_EQ(app->job_id, 2) << "taken from the linkage when the attribute is absent";
  ASSERT_TRUE(app->job);
  EXPECT_EQ(app->job->title, "Engineer");
  EXPECT_EQ(app->job->hiring_workflow_id, 5);
  ASSERT_TRUE(app->stage);
  EXPECT_EQ(app->stage->name, "Review");
  EXPECT_EQ(app->stage->basic_type, "review");
  ASSERT_EQ(app->tags.size(), 1U);
  EXPECT_EQ(app->tags[0].name, "Assessment: Passed");
}

TEST(ParseTest, JobsWithStagesInPositionOrder) {
  const auto document = json::parse(R"({"data":[{"id":"1","type":"jobs","attributes":{"title":"J"},
      "relationships":{"stages":{"data":[{"type":"stages","id":"21"},{"type":"stages","id":20},
                                          {"type":"stages","id":"99"}]}}}],
    "included":[{"id":"20","type":"stages","attributes":{"name":"Applied","basic_type":"applied","position":1}},
                {"id":"21","type":"stages","attributes":{"name":"Review","basic_type":"review","position":2}}]})");
  auto jobs = parse_many<Job>(document, parse_job);
  ASSERT_TRUE(jobs) << jobs.error().message;
  ASSERT_EQ(jobs->size(), 1U);
  ASSERT_EQ((*jobs)[0].stages.size(), 2U) << "a linked stage that was not side-loaded is skipped";
  EXPECT_EQ((*jobs)[0].stages[0].name, "Applied");
  EXPECT_EQ((*jobs)[0].stages[1].id, 21);
}

TEST(ParseTest, WorkflowCommentAssessmentUser) {
  auto workflow = parse_hiring_workflow(
      json::parse(R"({"id":"3","type":"hiring_workflows","attributes":{"name":"Default"},
      "relationships":{"stages":{"meta":{"included":false}}}})"),
      Included());
  ASSERT_TRUE(workflow);
  EXPECT_EQ(workflow->name, "Default");
  EXPECT_TRUE(workflow->stages.empty());

  auto comment = parse_comment(json::parse(R"({"id":"9","type":"comments","attributes":{"body_text":"Hi",
      "commentable_id":"5","commentable_type":"Application","user_id":1}})"),
                               Included());
  ASSERT_TRUE(comment);
  EXPECT_EQ(comment->commentable_id, 5);
  EXPECT_EQ(comment->user_id, 1);

  auto assessment = parse_candidate_assessment(json::parse(R"({"id":"4","type":"candidate_assessments",
      "attributes":{"application_id":6,"external_uid":"inv-1","status":"completed","result":85,
                    "result_details":{"score":85}}})"),
                                               Included());
  ASSERT_TRUE(assessment);
  EXPECT_EQ(assessment->application_id, 6);
  EXPECT_EQ(assessment->result, "85") << "a numeric score reads as its text";
  EXPECT_EQ(assessment->result_details["score"], 85);

  auto user =
      parse_user(json::parse(R"({"id":2,"type":"users","attributes":{"email":"u@x.y"}})"), Included());
  ASSERT_TRUE(user);
  EXPECT_EQ(user->email, "u@x.y");
  EXPECT_EQ(user->first_name, "");
}

TEST(ParseTest, RefusesDocumentsWeWouldMisread) {
  EXPECT_FALSE(parse_single<Application>(json::parse(R"({"errors":[]})"), parse_application));
  EXPECT_FALSE(parse_single<Application>(json::parse(R"({"data":[]})"), parse_application));
  EXPECT_FALSE(parse_many<Application>(json::parse(R"({"data":{}})"), parse_application));
  EXPECT_FALSE(
      parse_single<Application>(json::parse(R"({"data":{"type":"applications"}})"), parse_application));
  EXPECT_FALSE(parse_single<Application>(json::parse(R"({"data":{"id":"x1","type":"applications"}})"),
                                         parse_application));
  EXPECT_FALSE(
      parse_single<Application>(json::parse(R"({"data":{"id":"1","type":"jobs"}})"), parse_application));
  EXPECT_FALSE(parse_many<User>(json::parse(R"({"data":[{"id":"1"},"oops"]})"), parse_user));
  // Attributes of unexpected types are read leniently rather than refused.
  auto odd = parse_single<User>(
      json::parse(R"({"data":{"id":"1","attributes":{"email":null,"first_name":5}}})"), parse_user);
  ASSERT_TRUE(odd);
  EXPECT_EQ(odd->first_name, "5");
}

}  // namespace
}  // namespace pinbridge::pinpoint
