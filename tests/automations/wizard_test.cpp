// The Pinpoint set-up wizard's key check against a real pinpoint-sim: a key that lacks a permission
// is refused with the permission named and nothing stored; a revoked key and a company with the API
// switched off are reported in words; a correct key is stored (sealed) and the account's jobs and
// stages are read from Pinpoint by the refresh it queues.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dashboard_fixture.hpp"
#include "sim/sim_process.hpp"

namespace pinbridge::web::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class WizardTest : public DashboardTest {
 protected:
  void SetUp() override {
    sim_.admin("POST", "/_sim/companies", {{"subdomain", "acme"}, {"name", "Acme"}});
    sim_.admin("POST", "/_sim/companies/acme/jobs", {{"title", "Backend Engineer"}});
    DashboardTest::SetUp();
    accounts_->set_addon(acme_.id, accounts::Addon::api, true);
    signed_in_ = alice();
  }
  std::string pinpoint_url() const override { return sim_.url(); }

  std::string key(const nlohmann::json& permissions) {
    return sim_.admin("POST", "/_sim/companies/acme/api_keys", {{"permissions", permissions}})["key"];
  }
  // Write on every category but the one named, which gets `access`.
  std::string key_without(const std::string& category, const std::string& access) {
    nlohmann::json permissions = nlohmann::json::object();
    for (const auto& spec : pinpoint::required_permissions())
      permissions[spec.category] = spec.category == category ? access : "write";
    return key(permissions);
  }
  http::Response connect(const std::string& api_key) {
    return post("/integrations/pinpoint/connect",
                form({{"subdomain", "acme"}, {"api_key", api_key}, {"_csrf", signed_in_.csrf}}),
                signed_in_.cookie);
  }

  pinbridge::testing::SimProcess sim_;
  SignedIn signed_in_;
};

TEST_F(WizardTest, AKeyLackingOnePermissionIsRefusedWithThePermissionNamed) {
  const auto response = connect(key_without("Comment", "none"));
  EXPECT_EQ(response.status, 400);
  EXPECT_THAT(response.body, HasSubstr("This key lacks 1 permission"));
  EXPECT_THAT(response.body, HasSubstr("<tr class=\"row-missing\"><th scope=\"row\">Comment</th>"));
  EXPECT_FALSE(automations_->connections.find(acme_.id));
}

TEST_F(WizardTest, ReadOnlyWhereWriteIsNeededIsMissingToo) {
  const auto response = connect(key_without("Candidate Assessment", "read"));
  EXPECT_EQ(response.status, 400);
  EXPECT_THAT(response.body,
              HasSubstr("<th scope=\"row\">Candidate Assessment</th><td>Write</td><td>Read</td>"));
}

TEST_F(WizardTest, AWrongKeyAndASwitchedOffApiAreSaidInWords) {
  const auto wrong = connect("not-a-key");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_THAT(wrong.body, HasSubstr("id=\"api_key-error\""));
  EXPECT_THAT(wrong.body, HasSubstr("API key"));

  const auto good = key("write");
  sim_.admin("PUT", "/_sim/companies/acme", {{"api_enabled", false}});
  const auto disabled = connect(good);
  EXPECT_EQ(disabled.status, 400);
  EXPECT_THAT(disabled.body, HasSubstr("Integration not enabled"));
  EXPECT_FALSE(automations_->connections.find(acme_.id));
}

TEST_F(WizardTest, ACorrectKeyConnectsAndTheJobsAndStagesAreRead) {
  const auto api_key = key("write");
  const auto response = connect(api_key);
  ASSERT_EQ(response.status, 303) << response.body;
  EXPECT_EQ(response.headers.at("Location"), "/integrations?notice=connected");
  EXPECT_EQ(automations_->connections.api_key(acme_.id)->reveal(), api_key);

  // The refresh the connection queued reads the jobs and stages from Pinpoint.
  for (const auto& job : platform_->jobs.claim("test", 10)) {
    if (job.kind == automations::refresh_stages_job_kind) {
      EXPECT_EQ(automations_->stage_refresh.run(job).kind, jobs::JobResult::Kind::completed);
    }
  }
  ASSERT_TRUE(automations_->connections.confirm_webhook(acme_.id));
  const auto page = get("/integrations", signed_in_.cookie).body;
  EXPECT_THAT(page, HasSubstr("<th scope=\"row\">Backend Engineer</th>"));
  EXPECT_THAT(page, HasSubstr("1 job with"));
  EXPECT_THAT(page, Not(HasSubstr(api_key)));
}

}  // namespace
}  // namespace pinbridge::web::testing
