// The Pinpoint set-up wizard without a Pinpoint: the add-on gate, the input refused before any
// request, and the webhook and status steps on a connection saved directly. The key check against
// a real Pinpoint (pinpoint-sim) is in tests/automations/wizard_test.cpp and the browser test.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "automations/webhook_ingest.hpp"
#include "dashboard_fixture.hpp"

namespace pinbridge::web::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class IntegrationsPagesTest : public DashboardTest {
 protected:
  void SetUp() override {
    DashboardTest::SetUp();
    accounts_->set_addon(acme_.id, accounts::Addon::api, true);
    signed_in_ = alice();
  }
  http::Response post_as_alice(const std::string& target,
                               std::initializer_list<std::pair<std::string, std::string>> fields) {
    return post_form(target, fields, signed_in_);
  }
  std::string page() { return get("/integrations", signed_in_.cookie).body; }
  automations::PinpointConnection connect_directly() {
    return automations_->connections.save(acme_.id, "acme", Secret("pinpoint-key-1234"));
  }
  std::size_t calls_made() {
    automations_->calls.flush();
    return automations_->calls.recent(acme_.id, 100, 0).size();
  }
  SignedIn signed_in_;
};

TEST_F(IntegrationsPagesTest, WithoutTheApiAddonNothingCanBeSetUp) {
  accounts_->set_addon(acme_.id, accounts::Addon::api, false);
  const auto response =
      post_as_alice("/integrations/pinpoint/connect", {{"subdomain", "acme"}, {"api_key", "k"}});
  EXPECT_EQ(response.status, 403);
  EXPECT_THAT(response.body, HasSubstr("need the API add-on"));
  EXPECT_FALSE(automations_->connections.find(acme_.id));
  EXPECT_EQ(calls_made(), 0U);
}

TEST_F(IntegrationsPagesTest, StepOneListsTheEightPermissions) {
  const auto body = page();
  EXPECT_THAT(body, HasSubstr("aria-current=\"step\">Connect Pinpoint"));
  for (const auto* permission :
       {"Application: Write", "Candidate: Write", "Candidate Assessment: Write", "Comment: Write",
        "Hiring Workflow: Write", "Job: Read", "Talent Pipeline: Read", "User: Read"})
    EXPECT_THAT(body, HasSubstr(permission));
  EXPECT_THAT(body, HasSubstr("name=\"subdomain\""));
  EXPECT_THAT(body, HasSubstr("type=\"password\" id=\"api_key\""));
}

TEST_F(IntegrationsPagesTest, ASubdomainThatIsNotOneLabelIsRefusedBeforeAnyRequest) {
  for (const auto* subdomain : {"evil.com/x", "127.0.0.1", "acme:8080", "a b", ""}) {
    SCOPED_TRACE(subdomain);
    const auto response =
        post_as_alice("/integrations/pinpoint/connect", {{"subdomain", subdomain}, {"api_key", "some-key"}});
    EXPECT_EQ(response.status, 400);
    EXPECT_THAT(response.body, HasSubstr("id=\"subdomain-error\""));
  }
  EXPECT_EQ(calls_made(), 0U);
  EXPECT_FALSE(automations_->connections.find(acme_.id));
}

TEST_F(IntegrationsPagesTest, TheDashboardAddressIsReducedToItsSubdomain) {
  // Nothing listens where the test's Pinpoint is, so the check fails after a real attempt, and the
  // form comes back with the subdomain as typed and the key not echoed.
  const auto response =
      post_as_alice("/integrations/pinpoint/connect",
                    {{"subdomain", "https://acme.pinpointhq.com/"}, {"api_key", "secret-key"}});
  EXPECT_EQ(response.status, 502);
  EXPECT_THAT(response.body, Not(HasSubstr("id=\"subdomain-error\"")));
  EXPECT_THAT(response.body, HasSubstr("id=\"api_key-error\""));
  EXPECT_THAT(response.body, Not(HasSubstr("secret-key")));
  EXPECT_FALSE(automations_->connections.find(acme_.id));
  EXPECT_GE(calls_made(), 1U);
}

TEST_F(IntegrationsPagesTest, AnEmptyKeyIsRefused) {
  const auto response =
      post_as_alice("/integrations/pinpoint/connect", {{"subdomain", "acme"}, {"api_key", "  "}});
  EXPECT_EQ(response.status, 400);
  EXPECT_THAT(response.body, HasSubstr("Paste the API key you created in Pinpoint."));
  EXPECT_EQ(calls_made(), 0U);
}

TEST_F(IntegrationsPagesTest, StepTwoShowsTheWebhookDetailsAndNeedsTheTick) {
  const auto connection = connect_directly();
  const auto body = page();
  EXPECT_THAT(body, HasSubstr("aria-current=\"step\">Create the webhook"));
  EXPECT_THAT(body, HasSubstr("value=\"http://pb.test/webhooks/pinpoint/" + connection.webhook_token + "\""));
  EXPECT_THAT(body, HasSubstr("data-copy=\"#webhook-url\""));
  EXPECT_THAT(body, HasSubstr("New application"));
  EXPECT_THAT(body, HasSubstr("Application stage changed"));
  EXPECT_THAT(body, HasSubstr("…1234"));
  EXPECT_THAT(body, Not(HasSubstr("pinpoint-key-1234")));

  const auto unticked = post_as_alice("/integrations/pinpoint/webhook", {{"signing_secret", "whsec"}});
  EXPECT_EQ(unticked.status, 400);
  EXPECT_THAT(unticked.body, HasSubstr("Tick this once the webhook exists in Pinpoint."));
  EXPECT_FALSE(automations_->connections.find(acme_.id)->webhook_confirmed_at);

  const auto ticked =
      post_as_alice("/integrations/pinpoint/webhook", {{"signing_secret", " whsec "}, {"created", "yes"}});
  EXPECT_EQ(ticked.status, 303);
  const auto saved = automations_->connections.find(acme_.id);
  EXPECT_TRUE(saved->webhook_confirmed_at);
  EXPECT_TRUE(saved->has_signing_secret);
  EXPECT_EQ(automations_->connections.webhook_target(connection.webhook_token)->signing_secret->reveal(),
            "whsec");
}

TEST_F(IntegrationsPagesTest, TheStatusFollowsTheLastDelivery) {
  const auto connection = connect_directly();
  ASSERT_TRUE(automations_->connections.set_signing_secret(acme_.id, Secret("whsec")));
  ASSERT_TRUE(automations_->connections.confirm_webhook(acme_.id));
  EXPECT_THAT(page(), HasSubstr("No delivery has arrived yet."));
  EXPECT_THAT(get("/integrations/pinpoint/status", signed_in_.cookie).body, HasSubstr("\"waiting\""));

  automations::WebhookIngest ingest(*database_, platform_->jobs, automations_->connections, clock_, {});
  const std::string body = R"({"event":"test","triggeredAt":1,"data":{}})";
  ASSERT_TRUE(
      ingest.receive(connection.webhook_token, automations::pinpoint_signature(Secret("whsec"), body), body));
  const auto status = nlohmann::json::parse(get("/integrations/pinpoint/status", signed_in_.cookie).body);
  EXPECT_EQ(status["tone"], "verified");
  EXPECT_THAT(status["text"].get<std::string>(), HasSubstr("signature verified"));
  EXPECT_THAT(page(), HasSubstr("delivery-status delivery-verified"));
}

TEST_F(IntegrationsPagesTest, RotateRefreshAndDisconnect) {
  const auto connection = connect_directly();
  ASSERT_TRUE(automations_->connections.confirm_webhook(acme_.id));

  EXPECT_EQ(post_as_alice("/integrations/pinpoint/rotate-url", {}).headers.at("Location"),
            "/integrations?notice=url_rotated");
  EXPECT_FALSE(automations_->connections.webhook_target(connection.webhook_token));
  EXPECT_THAT(page(), Not(HasSubstr(connection.webhook_token)));

  EXPECT_EQ(post_as_alice("/integrations/pinpoint/refresh-stages", {}).headers.at("Location"),
            "/integrations?notice=refresh_queued");
  const auto queued = database_->read([](store::Connection& c) {
    return c
        .query_one("SELECT count(*) FROM jobs WHERE kind = $1",
                   {std::string(automations::refresh_stages_job_kind)})
        ->integer(0);
  });
  EXPECT_EQ(queued, 1);

  EXPECT_EQ(post_as_alice("/integrations/pinpoint/disconnect", {}).headers.at("Location"),
            "/integrations?notice=disconnected");
  EXPECT_FALSE(automations_->connections.find(acme_.id));
  EXPECT_THAT(get("/integrations?notice=disconnected", signed_in_.cookie).body,
              HasSubstr("Disconnected from Pinpoint."));
}

TEST_F(IntegrationsPagesTest, AnotherAccountSeesNothingOfThisConnection) {
  const auto connection = connect_directly();
  accounts_->set_addon(globex_.id, accounts::Addon::api, true);
  const auto bob = sign_in("bob@globex.test", bob_password);
  const auto body = get("/integrations", bob.cookie).body;
  EXPECT_THAT(body, HasSubstr("Connect your Pinpoint account"));
  EXPECT_THAT(body, Not(HasSubstr(connection.webhook_token)));
  EXPECT_EQ(get("/integrations/pinpoint/status", bob.cookie).status, 404);
}

}  // namespace
}  // namespace pinbridge::web::testing
