// check_permissions against pinpoint-sim: the set-up wizard's key check (product.md step 4).
#include "sim_fixture.hpp"

namespace pinbridge::pinpoint {
namespace {

using nlohmann::json;

json all(const std::string& level) {
  json permissions = json::object();
  for (const auto& spec : required_permissions()) permissions[spec.category] = level;
  return permissions;
}

std::vector<std::string> described(const std::vector<PermissionCheck>& checks) {
  std::vector<std::string> out;
  for (const auto& check : checks) out.push_back(check.describe());
  return out;
}

class PermissionsTest : public SimFixture {};

TEST_F(PermissionsTest, FullKeyPassesAndTheProbesCreateNothing) {
  seed_applications(1);
  auto report = client(key("write"))->check_permissions();
  ASSERT_TRUE(report) << report.error().message();
  EXPECT_TRUE(report->ok()) << ::testing::PrintToString(described(report->missing()));
  ASSERT_EQ(report->checks.size(), 8U);
  EXPECT_EQ(report->checks[0].category, "Application");
  EXPECT_EQ(report->checks[0].granted, Access::write);
  EXPECT_EQ(report->checks[5].category, "Job");
  EXPECT_EQ(report->checks[5].granted, Access::read) << "read is what was probed, and all that is needed";
  EXPECT_EQ(admin_resources("comments")["data"].size(), 0U);
  EXPECT_EQ(admin_resources("candidate_assessments")["data"].size(), 0U);
  EXPECT_EQ(admin_resources("applications")["data"].size(), 1U);
}

TEST_F(PermissionsTest, MissingPermissionsAreListedExactly) {
  json permissions = all("write");
  permissions["Comment"] = "none";
  permissions["Candidate Assessment"] = "read";
  permissions["Job"] = "none";
  permissions["Talent Pipeline"] = "none";
  permissions["User"] = "read";
  auto report = client(key(permissions))->check_permissions();
  ASSERT_TRUE(report) << report.error().message();
  EXPECT_FALSE(report->ok());
  EXPECT_EQ(described(report->missing()), (std::vector<std::string>{
                                              "Candidate Assessment: write needed, key has read",
                                              "Comment: write needed, key has none",
                                              "Job: read needed, key has none",
                                              "Talent Pipeline: read needed, key has none",
                                          }));
}

TEST_F(PermissionsTest, ReadOnlyKeyLacksEveryWrite) {
  auto report = client(key("read"))->check_permissions();
  ASSERT_TRUE(report) << report.error().message();
  std::vector<std::string> missing;
  for (const auto& check : report->missing()) {
    missing.push_back(check.category);
    EXPECT_EQ(check.granted, Access::read);
  }
  EXPECT_EQ(missing, (std::vector<std::string>{"Application", "Candidate", "Candidate Assessment", "Comment",
                                               "Hiring Workflow"}));
}

TEST_F(PermissionsTest, UnknownKeyIsReportedClearlyAfterOneRequest) {
  auto report = client("pp_revoked_or_never_issued")->check_permissions();
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().kind, ErrorKind::unauthorized);
  EXPECT_EQ(report.error().detail, "Invalid API key");
  EXPECT_NE(report.error().message().find("did not accept the API key"), std::string::npos);
  EXPECT_EQ(records().size(), 1U) << "a 401 is final: no retries, no further probes";
}

TEST_F(PermissionsTest, ApiSwitchedOffIsReportedClearly) {
  const auto api_key = key("write");
  sim().admin("PUT", "/_sim/companies/acme", {{"api_enabled", false}});
  auto report = client(api_key)->check_permissions();
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().kind, ErrorKind::api_disabled);
  EXPECT_EQ(report.error().code(), ErrorCode::forbidden);
  EXPECT_NE(report.error().message().find("switched off"), std::string::npos);
}

TEST_F(PermissionsTest, BadSubdomainIsRefusedBeforeAnyRequest) {
  const auto api_key = key("write");
  for (const char* bad : {"evil.com/x", "127.0.0.1", "acme:8080"}) {
    auto report = client(api_key, fast_options(), bad)->check_permissions();
    ASSERT_FALSE(report);
    EXPECT_EQ(report.error().kind, ErrorKind::invalid_config) << bad;
  }
  EXPECT_TRUE(records().empty());
  EXPECT_TRUE(sim().admin("GET", "/_sim/requests").empty());
}

}  // namespace
}  // namespace pinbridge::pinpoint
