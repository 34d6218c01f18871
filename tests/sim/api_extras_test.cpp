// Contract tests of the simulator beyond the basic resources: the talent pipeline (job_seekers),
// nested include paths, the company named by the Host header, and ids reproducible under --seed.
#include <gtest/gtest.h>

#include "sim_process.hpp"

namespace pinbridge {
namespace {

using nlohmann::json;
using testing::HttpClient;
using testing::HttpResult;
using testing::SimProcess;

class ApiExtrasTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sim_ = new SimProcess({"--demo", "--seed", "11"});
    const auto out = sim_->output();
    const auto at = out.find("api key (all permissions): ");
    key_ = out.substr(at + 27, out.find('\n', at) - at - 27);
    sim_->admin("POST", "/_sim/companies", {{"subdomain", "globex"}});
    other_key_ = sim_->admin("POST", "/_sim/companies/globex/api_keys", {{"permissions", "write"}})["key"];
  }
  static void TearDownTestSuite() {
    delete sim_;
    sim_ = nullptr;
  }
  static HttpResult call(const std::string& method, const std::string& path, const json& body = nullptr,
                         std::map<std::string, std::string> headers = {}) {
    HttpClient client(sim_->url());
    headers.emplace("X-API-KEY", key_);
    headers.emplace("Content-Type", "application/vnd.api+json");
    return client.request(method, "/api/v1" + path, body.is_null() ? "" : body.dump(), headers);
  }
  static json body(const HttpResult& r) { return json::parse(r.body); }

  static SimProcess* sim_;
  static std::string key_, other_key_;
};
SimProcess* ApiExtrasTest::sim_ = nullptr;
std::string ApiExtrasTest::key_, ApiExtrasTest::other_key_;

TEST_F(ApiExtrasTest, DemoSeedsTheTalentPipeline) {
  const auto r = body(call("GET", "/job_seekers?stats[total]=count"));
  EXPECT_EQ(r["meta"]["stats"]["total"]["count"], 5);
  EXPECT_EQ(r["data"][0]["type"], "job_seekers");
  EXPECT_TRUE(r["data"][0]["attributes"]["email"].get<std::string>().ends_with("@example.com"));
}

TEST_F(ApiExtrasTest, JobSeekersCreatedThroughTheApiAndTheAdminApi) {
  const json create{
      {"data",
       {{"type", "job_seekers"},
        {"attributes", {{"first_name", "Hedy"}, {"last_name", "Lamarr"}, {"email", "hedy@e.com"}}}}}};
  auto r = call("POST", "/job_seekers", create);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(body(r)["data"]["attributes"]["email"], "hedy@e.com");
  json blank = create;
  blank["data"]["attributes"]["email"] = "";
  r = call("POST", "/job_seekers", blank);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(body(r)["errors"][0]["detail"], "email can't be blank");
  EXPECT_EQ(call("POST", "/job_seekers", {{"data", json::object()}}).status, 422) << "the write probe";
  const auto id = sim_->admin("POST", "/_sim/companies/acme/job_seekers",
                              {{"email", "joan@e.com"}, {"first_name", "Joan"}})["id"];
  r = call("GET", "/job_seekers/" + std::to_string(id.get<int>()));
  EXPECT_EQ(body(r)["data"]["attributes"]["first_name"], "Joan");
  EXPECT_EQ(body(call("GET", "/job_seekers?filter[email]=hedy@e.com"))["data"].size(), 1U);
}

TEST_F(ApiExtrasTest, JobSeekersNeedTalentPipelinePermission) {
  const std::string reader = sim_->admin("POST", "/_sim/companies/acme/api_keys",
                                         {{"permissions", {{"Talent Pipeline", "read"}}}})["key"];
  HttpClient client(sim_->url());
  EXPECT_EQ(client.get("/api/v1/job_seekers", {{"X-API-KEY", reader}}).status, 200);
  const auto r = client.request("POST", "/api/v1/job_seekers",
                                R"({"data":{"attributes":{"email":"x@e.com"}}})", {{"X-API-KEY", reader}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(json::parse(r.body)["errors"][0]["detail"], "API key lacks Talent Pipeline write permission");
}

TEST_F(ApiExtrasTest, NestedIncludeFollowsEachSegment) {
  const auto r = body(call("GET", "/applications/1?include=job.stages,stage"));
  std::map<std::string, int> types;
  for (const auto& item : r["included"]) types[item["type"]]++;
  EXPECT_EQ(types["jobs"], 1);
  EXPECT_EQ(types["stages"], 7) << "the custom workflow's stages; the application's stage only once";
  for (const auto& item : r["included"])
    if (item["type"] == "jobs") {
      EXPECT_EQ(item["relationships"]["stages"]["data"].size(), 7U);
    }
  EXPECT_EQ(r["data"]["relationships"]["job"]["data"]["type"], "jobs");
  EXPECT_EQ(r["data"]["relationships"]["stage"]["data"]["type"], "stages");
  EXPECT_EQ(r["data"]["relationships"]["candidate"], json::parse(R"({"meta":{"included":false}})"));
  const auto list = body(call("GET", "/applications?include=job.hiring_workflow&page[size]=3"));
  std::set<std::string> included;
  for (const auto& item : list["included"]) included.insert(item["type"]);
  EXPECT_EQ(included, (std::set<std::string>{"jobs", "hiring_workflows"}));
  const auto bad = call("GET", "/applications/1?include=job.nonsense");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(body(bad)["errors"][0]["code"], "bad_request");
  EXPECT_EQ(call("GET", "/applications/1?include=candidate.applications.job").status, 200);
}

TEST_F(ApiExtrasTest, HostHeaderNamesTheCompany) {
  EXPECT_EQ(call("GET", "/jobs", nullptr, {{"Host", "acme.localhost"}}).status, 200);
  EXPECT_EQ(call("GET", "/jobs", nullptr, {{"Host", "ACME.pinpointhq.com:8081"}}).status, 200);
  const auto wrong = call("GET", "/jobs", nullptr, {{"Host", "globex.localhost"}});
  EXPECT_EQ(wrong.status, 401) << "a key of acme is not valid at globex's subdomain";
  EXPECT_EQ(body(wrong)["errors"][0]["detail"], "Invalid API key");
  EXPECT_EQ(call("GET", "/jobs", nullptr, {{"Host", "nobody.localhost"}}).status, 200)
      << "a host naming no company is ignored";
  HttpClient client(sim_->url());
  EXPECT_EQ(client.get("/api/v1/jobs", {{"X-API-KEY", other_key_}, {"Host", "globex.localhost"}}).status,
            200);
}

std::vector<std::string> uuids_and_key(const std::string& seed) {
  SimProcess sim({"--demo", "--seed", seed});
  const auto out = sim.output();
  const auto at = out.find("api key (all permissions): ");
  const auto key = out.substr(at + 27, out.find('\n', at) - at - 27);
  std::vector<std::string> values{key};
  HttpClient client(sim.url());
  const auto list = json::parse(client.get("/api/v1/applications", {{"X-API-KEY", key}}).body);
  for (const auto& app : list["data"]) values.push_back(app["attributes"]["uuid"]);
  return values;
}

TEST(SeededIds, SameSeedSameUuidsAndKeys) {
  const auto first = uuids_and_key("21");
  ASSERT_EQ(first.size(), 21U);
  EXPECT_EQ(first, uuids_and_key("21"));
  EXPECT_NE(first, uuids_and_key("22"));
  EXPECT_EQ(std::set<std::string>(first.begin(), first.end()).size(), first.size()) << "all distinct";
  EXPECT_EQ(first[1].size(), 36U);
  EXPECT_EQ(first[1][14], '4') << "a version-4 uuid";
}

}  // namespace
}  // namespace pinbridge
