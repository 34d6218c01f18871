// Contract tests of pinpoint-api.md against the real pinpoint-sim binary over loopback HTTP.
#include <gtest/gtest.h>

#include "sim_process.hpp"

namespace pinbridge {
namespace {

using nlohmann::json;
using testing::HttpClient;
using testing::HttpResult;
using testing::SimProcess;

class ContractTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sim_ = new SimProcess();
    sim_->admin("POST", "/_sim/companies", {{"subdomain", "acme"}, {"name", "Acme"}});
    sim_->admin("POST", "/_sim/companies", {{"subdomain", "off"}, {"api_enabled", false}});
    sim_->admin("POST", "/_sim/companies", {{"subdomain", "other"}});
    writer_ = sim_->admin("POST", "/_sim/companies/acme/api_keys", {{"permissions", "write"}})["key"];
    reader_ = sim_->admin("POST", "/_sim/companies/acme/api_keys", {{"permissions", "read"}})["key"];
    none_ = sim_->admin("POST", "/_sim/companies/acme/api_keys", {{"permissions", json::object()}})["key"];
    off_ = sim_->admin("POST", "/_sim/companies/off/api_keys", {{"permissions", "write"}})["key"];
    other_ = sim_->admin("POST", "/_sim/companies/other/api_keys", {{"permissions", "write"}})["key"];
    job_ = sim_->admin("POST", "/_sim/companies/acme/jobs", {{"title", "Engineer"}})["id"];
    job2_ = sim_->admin("POST", "/_sim/companies/acme/jobs", {{"title", "Designer"}})["id"];
    for (int i = 1; i <= 25; ++i)
      sim_->admin("POST", "/_sim/companies/acme/applications",
                  {{"job_id", i % 5 == 0 ? job2_ : job_},
                   {"first_name", "P" + std::to_string(i)},
                   {"last_name", "Q"},
                   {"email", "p" + std::to_string(i) + "@example.com"}});
  }
  static void TearDownTestSuite() {
    delete sim_;
    sim_ = nullptr;
  }

  static HttpResult call(const std::string& method, const std::string& path, const std::string& key,
                         const json& body = nullptr) {
    HttpClient client(sim_->url());
    std::map<std::string, std::string> headers{{"Content-Type", "application/vnd.api+json"}};
    if (!key.empty()) headers["X-API-KEY"] = key;
    return client.request(method, "/api/v1" + path, body.is_null() ? "" : body.dump(), headers);
  }
  static json body(const HttpResult& r) { return json::parse(r.body); }
  static json error_of(const HttpResult& r) { return body(r)["errors"][0]; }

  static SimProcess* sim_;
  static std::string writer_, reader_, none_, off_, other_;
  static std::int64_t job_, job2_;
};
SimProcess* ContractTest::sim_ = nullptr;
std::string ContractTest::writer_, ContractTest::reader_, ContractTest::none_, ContractTest::off_,
    ContractTest::other_;
std::int64_t ContractTest::job_ = 0, ContractTest::job2_ = 0;

TEST_F(ContractTest, MissingKeyIs401WithExactBody) {
  const auto r = call("GET", "/applications", "");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(body(r),
            json::parse(R"({"errors":[{"code":"unauthorized","detail":"X-API-KEY header not provided",
                                      "status":"401","title":"Unauthorized"}]})"));
  EXPECT_NE(r.header("content-type").find("application/vnd.api+json"), std::string::npos);
}

TEST_F(ContractTest, UnknownKeyIs401InvalidApiKey) {
  const auto r = call("GET", "/applications", "pp_nope");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(error_of(r)["detail"], "Invalid API key");
}

TEST_F(ContractTest, HeaderNameIsCaseInsensitive) {
  HttpClient client(sim_->url());
  EXPECT_EQ(client.get("/api/v1/jobs", {{"x-api-key", writer_}}).status, 200);
}

TEST_F(ContractTest, IntegrationOffIs403) {
  const auto r = call("GET", "/jobs", off_);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(body(r), json::parse(R"({"errors":[{"code":"forbidden","detail":"Integration not enabled",
                                      "status":"403","title":"Forbidden"}]})"));
}

TEST_F(ContractTest, MissingPermissionPerCategory) {
  const std::map<std::string, std::string> categories{{"/applications", "Application"},
                                                      {"/candidates", "Candidate"},
                                                      {"/candidate_assessments", "Candidate Assessment"},
                                                      {"/comments", "Comment"},
                                                      {"/hiring_workflows", "Hiring Workflow"},
                                                      {"/jobs", "Job"},
                                                      {"/job_seekers", "Talent Pipeline"},
                                                      {"/users", "User"}};
  for (const auto& [path, category] : categories) {
    const auto r = call("GET", path, none_);
    EXPECT_EQ(r.status, 403) << path;
    EXPECT_EQ(error_of(r)["detail"], "API key lacks " + category + " read permission") << path;
    EXPECT_EQ(call("GET", path, reader_).status, 200) << path;
  }
}

TEST_F(ContractTest, WriteProbeAnswers422OrForbiddenAndCreatesNothing) {
  const auto before =
      body(call("GET", "/comments?stats[total]=count", writer_))["meta"]["stats"]["total"]["count"];
  for (const auto* type : {"/comments", "/candidate_assessments", "/applications"}) {
    const auto may = call("POST", type, writer_, {{"data", json::object()}});
    EXPECT_EQ(may.status, 422) << type;
    EXPECT_EQ(error_of(may)["title"], "Validation Error");
    const auto may_not = call("POST", type, reader_, {{"data", json::object()}});
    EXPECT_EQ(may_not.status, 403) << type;
    EXPECT_NE(error_of(may_not)["detail"].get<std::string>().find("write permission"), std::string::npos);
  }
  EXPECT_EQ(body(call("GET", "/comments?stats[total]=count", writer_))["meta"]["stats"]["total"]["count"],
            before);
}

TEST_F(ContractTest, UnknownRecordIs404Json) {
  const auto r = call("GET", "/applications/999999", writer_);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(body(r), json::parse(R"({"errors":[{"code":"not_found","detail":"Record not found","status":"404",
                                      "title":"Not Found"}]})"));
  EXPECT_EQ(call("GET", "/stages", writer_).status, 404) << "there is no /stages endpoint";
}

TEST_F(ContractTest, TenantsDoNotSeeEachOther) {
  EXPECT_EQ(call("GET", "/applications/1", other_).status, 404);
  EXPECT_EQ(body(call("GET", "/applications", other_))["data"].size(), 0U);
}

TEST_F(ContractTest, PaginationEdges) {
  auto page = body(call("GET", "/applications?stats[total]=count", writer_));
  EXPECT_EQ(page["data"].size(), 25U);
  EXPECT_EQ(page["meta"]["stats"]["total"]["count"], 25);
  page = body(call("GET", "/applications?page[size]=10&page[number]=3", writer_));
  EXPECT_EQ(page["data"].size(), 5U);
  EXPECT_EQ(page["data"][0]["id"], "21");
  EXPECT_EQ(body(call("GET", "/applications?page[size]=10&page[number]=4", writer_))["data"].size(), 0U);
  EXPECT_EQ(call("GET", "/applications?page[size]=1000", writer_).status, 200);
  EXPECT_EQ(call("GET", "/applications?page[size]=1001", writer_).status, 400);
  EXPECT_EQ(error_of(call("GET", "/applications?page[number]=0", writer_))["code"], "bad_request");
  EXPECT_EQ(call("GET", "/applications?page[size]=abc", writer_).status, 400);
  EXPECT_EQ(body(call("GET", "/applications", writer_))["data"].size(), 25U);
}

TEST_F(ContractTest, DefaultPageSizeIs100) {
  sim_->admin("POST", "/_sim/companies", {{"subdomain", "big"}});
  const std::string key =
      sim_->admin("POST", "/_sim/companies/big/api_keys", {{"permissions", "read"}})["key"];
  const auto job = sim_->admin("POST", "/_sim/companies/big/jobs", {{"title", "J"}})["id"];
  for (int i = 0; i < 105; ++i)
    sim_->admin("POST", "/_sim/companies/big/applications",
                {{"job_id", job}, {"email", std::to_string(i) + "@e.com"}});
  EXPECT_EQ(body(call("GET", "/applications", key))["data"].size(), 100U);
  EXPECT_EQ(body(call("GET", "/applications?page[number]=2", key))["data"].size(), 5U);
}

TEST_F(ContractTest, Filters) {
  auto r = body(call("GET", "/applications?filter[candidate_email]=p7@example.com", writer_));
  ASSERT_EQ(r["data"].size(), 1U);
  EXPECT_EQ(r["data"][0]["attributes"]["email"], "p7@example.com");
  EXPECT_EQ(
      body(call("GET", "/applications?filter[job_id]=" + std::to_string(job2_), writer_))["data"].size(), 5U);
  const auto stage = r["data"][0]["attributes"]["stage_id"].get<std::int64_t>();
  EXPECT_EQ(
      body(call("GET", "/applications?filter[stage_id]=" + std::to_string(stage), writer_))["data"].size(),
      25U);
  EXPECT_EQ(
      body(call("GET", "/applications?filter[updated_at][gt]=2000-01-01T00:00:00Z", writer_))["data"].size(),
      25U);
  EXPECT_EQ(
      body(call("GET", "/applications?filter[updated_at][gt]=2999-01-01T00:00:00Z", writer_))["data"].size(),
      0U);
  EXPECT_EQ(call("GET", "/applications?filter[nonsense]=1", writer_).status, 400);
}

TEST_F(ContractTest, ResourceObjectsHaveStringIdsAndRelationshipsNotIncluded) {
  const auto r = body(call("GET", "/applications/1", writer_));
  EXPECT_EQ(r["data"]["id"], "1");
  EXPECT_EQ(r["data"]["type"], "applications");
  EXPECT_EQ(r["data"]["relationships"]["job"], json::parse(R"({"meta":{"included":false}})"));
  EXPECT_EQ(r["data"]["attributes"]["full_name"], "P1 Q");
  EXPECT_TRUE(r["data"]["attributes"]["created_at"].get<std::string>().ends_with("+00:00"));
  EXPECT_FALSE(r["data"]["attributes"].contains("tags"));
  EXPECT_FALSE(r["data"]["attributes"].contains("attachments"));
}

TEST_F(ContractTest, IncludeStagesOnJobsAndWorkflows) {
  const auto job = body(call("GET", "/jobs/" + std::to_string(job_) + "?include=stages", writer_));
  ASSERT_EQ(job["included"].size(), 6U);
  EXPECT_EQ(job["included"][0]["type"], "stages");
  EXPECT_EQ(job["included"][0]["attributes"]["name"], "Applied");
  EXPECT_EQ(job["included"][4]["attributes"]["basic_type"], "hired");
  const auto wf_id = job["data"]["attributes"]["selected_hiring_workflow_id"].get<std::int64_t>();
  const auto wf =
      body(call("GET", "/hiring_workflows/" + std::to_string(wf_id) + "?include=stages", writer_));
  EXPECT_EQ(wf["data"]["relationships"]["stages"]["data"].size(), 6U);
  EXPECT_EQ(call("GET", "/jobs?include=bogus", writer_).status, 400);
}

TEST_F(ContractTest, FieldsAndExtraFields) {
  auto r = body(call("GET", "/applications/2?fields[applications]=email", writer_));
  EXPECT_EQ(r["data"]["attributes"].size(), 1U);
  r = body(call("GET", "/applications/2?extra_fields[applications]=attachments,tags", writer_));
  EXPECT_TRUE(r["data"]["attributes"]["tags"].is_array());
  EXPECT_TRUE(r["data"]["attributes"]["attachments"].is_array());
}

TEST_F(ContractTest, SortAscendingAndDescending) {
  auto r = body(call("GET", "/applications?sort=-created_at&page[size]=3", writer_));
  EXPECT_EQ(r["data"][0]["id"], "25");
  r = body(call("GET", "/applications?sort=created_at&page[size]=3", writer_));
  EXPECT_EQ(r["data"][0]["id"], "1");
  EXPECT_EQ(call("GET", "/applications?sort=email", writer_).status, 400);
}

TEST_F(ContractTest, StageMoveAcceptsStringAndNumberIdsAndRejectsForeignStage) {
  const auto job = body(call("GET", "/jobs/" + std::to_string(job_) + "?include=stages", writer_));
  const std::string review = job["included"][1]["id"];
  const json move{{"data",
                   {{"id", "3"},
                    {"type", "applications"},
                    {"attributes", json::object()},
                    {"relationships", {{"stage", {{"data", {{"type", "stages"}, {"id", review}}}}}}}}}};
  auto r = call("PUT", "/applications/3", writer_, move);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body(r)["data"]["attributes"]["stage_id"], std::stoll(review));
  json by_number = move;
  by_number["data"]["relationships"]["stage"]["data"]["id"] = std::stoll(review) + 1;
  EXPECT_EQ(call("PUT", "/applications/3", writer_, by_number).status, 200);
  json foreign = move;
  foreign["data"]["relationships"]["stage"]["data"]["id"] = "99999";
  r = call("PUT", "/applications/3", writer_, foreign);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(error_of(r)["detail"], "Stage is invalid");
  EXPECT_EQ(call("PUT", "/applications/3", reader_, move).status, 403);
  const auto history = sim_->admin("GET", "/_sim/companies/acme/applications/3/stage_history");
  EXPECT_EQ(history["stage_history"].size(), 3U);
}

TEST_F(ContractTest, TagsAddAndRemove) {
  const json add{
      {"data",
       {{"id", "4"},
        {"type", "applications"},
        {"attributes",
         {{"add_tags_with_context", {{{"tag", "Assessment: Passed"}, {"context", "assessment"}}}}}}}}};
  ASSERT_EQ(call("PUT", "/applications/4", writer_, add).status, 200);
  auto r = body(call("GET", "/applications/4?extra_fields[applications]=tags", writer_));
  EXPECT_EQ(r["data"]["attributes"]["tags"],
            json::parse(R"([{"name":"Assessment: Passed","context":"assessment"}])"));
  const json remove{
      {"data",
       {{"id", "4"},
        {"type", "applications"},
        {"attributes",
         {{"remove_tag_with_context", {{"tag", "Assessment: Passed"}, {"context", "assessment"}}}}}}}};
  ASSERT_EQ(call("PUT", "/applications/4", writer_, remove).status, 200);
  r = body(call("GET", "/applications/4?extra_fields[applications]=tags", writer_));
  EXPECT_TRUE(r["data"]["attributes"]["tags"].empty());
}

TEST_F(ContractTest, CreateApplicationValidatesEmail) {
  auto r =
      call("POST", "/applications", writer_,
           {{"data", {{"type", "applications"}, {"attributes", {{"first_name", "X"}, {"job_id", job_}}}}}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(error_of(r)["detail"], "email can't be blank");
  r = call("POST", "/applications", writer_,
           {{"data",
             {{"type", "applications"},
              {"attributes", {{"email", "new@example.com"}, {"job_id", std::to_string(job_)}}}}}});
  EXPECT_EQ(r.status, 201) << r.body;
}

TEST_F(ContractTest, CommentsCreateAndFilter) {
  const json comment{
      {"data",
       {{"type", "comments"},
        {"attributes", {{"body_text", "Scored 85"}}},
        {"relationships", {{"commentable", {{"data", {{"type", "applications"}, {"id", "5"}}}}}}}}}};
  auto r = call("POST", "/comments", writer_, comment);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(body(r)["data"]["attributes"]["commentable_type"], "Application");
  EXPECT_EQ(body(r)["data"]["attributes"]["commentable_id"], 5);
  json blank = comment;
  blank["data"]["attributes"]["body_text"] = "  ";
  r = call("POST", "/comments", writer_, blank);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(error_of(r)["detail"], "Body text can't be blank");
  EXPECT_EQ(body(call("GET", "/comments?filter[commentable_id]=5", writer_))["data"].size(), 1U);
  EXPECT_EQ(sim_->admin("GET", "/_sim/companies/acme/resources/comments")["data"].size(), 1U);
}

TEST_F(ContractTest, CandidateAssessmentsRules) {
  json create{{"data",
               {{"type", "candidate_assessments"},
                {"attributes",
                 {{"assessment_name", "Coding"},
                  {"provider_code", "example_assessment"},
                  {"external_uid", "inv-42"},
                  {"status", "pending"}}},
                {"relationships", {{"application", {{"data", {{"type", "applications"}, {"id", 6}}}}}}}}}};
  auto r = call("POST", "/candidate_assessments", writer_, create);
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = body(r)["data"]["id"];
  EXPECT_EQ(body(r)["data"]["attributes"]["application_id"], 6);
  json bad_provider = create;
  bad_provider["data"]["attributes"]["provider_code"] = "other";
  EXPECT_EQ(call("POST", "/candidate_assessments", writer_, bad_provider).status, 422);
  json bad_status = create;
  bad_status["data"]["attributes"]["status"] = "done";
  EXPECT_EQ(call("POST", "/candidate_assessments", writer_, bad_status).status, 422);
  const json update{
      {"data",
       {{"id", id},
        {"type", "candidate_assessments"},
        {"attributes", {{"status", "completed"}, {"result", "85"}, {"result_details", {{"score", 85}}}}}}}};
  r = call("PUT", "/candidate_assessments/" + id, writer_, update);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body(r)["data"]["attributes"]["result"], "85");
  EXPECT_EQ(body(r)["data"]["attributes"]["result_details"]["score"], 85);
  r = call("GET", "/candidate_assessments?filter[external_uid]=inv-42", writer_);
  ASSERT_EQ(body(r)["data"].size(), 1U);
  EXPECT_EQ(body(r)["data"][0]["attributes"]["status"], "completed");
  json bad_update = update;
  bad_update["data"]["attributes"]["status"] = "weird";
  EXPECT_EQ(call("PUT", "/candidate_assessments/" + id, writer_, bad_update).status, 422);
}

TEST_F(ContractTest, RequestLogRecordsKeyPrefixNotKey) {
  call("GET", "/jobs", writer_);
  const auto log = sim_->admin("GET", "/_sim/requests");
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.back()["path"], "/api/v1/jobs");
  EXPECT_EQ(log.back()["status"], 200);
  EXPECT_EQ(log.back()["key_prefix"], writer_.substr(0, 8));
  EXPECT_EQ(log.dump().find(writer_), std::string::npos);
}

TEST_F(ContractTest, RequestLogRefusesABadSinceWithA400) {
  HttpClient client(sim_->url());
  EXPECT_EQ(client.get("/_sim/requests?since=abc").status, 400);
  EXPECT_EQ(client.get("/_sim/requests?since=-1").status, 400);
  EXPECT_EQ(client.get("/_sim/requests?since=0").status, 200);
}

}  // namespace
}  // namespace pinbridge
