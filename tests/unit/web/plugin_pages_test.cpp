// Integrations › Pinpoint › Pinpoint Plugin: the add-on gate, the key with its copy button and the
// registration URL, rotation behind a confirmation step and the CSRF check, and the Activity page's
// plugin callbacks tab.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dashboard_fixture.hpp"
#include "plugin/callback_log.hpp"
#include "plugin/plugin_keys.hpp"

namespace pinbridge::web::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class PluginPagesTest : public DashboardTest {
 protected:
  void SetUp() override {
    DashboardTest::SetUp();
    keys_ = std::make_unique<plugin::PluginKeyStore>(*database_, clock_, platform_->secrets);
    log_ = std::make_unique<plugin::CallbackLog>(*database_, clock_);
    plugin_ = std::make_unique<PluginServices>(PluginServices{*keys_, *log_});
    auto automations = automations_->services();
    automations.plugin = plugin_.get();
    router_ = http::Router();
    add_dashboard_routes(router_, *accounts_, *sessions_, services(), DashboardSettings{}, automations);
    accounts_->set_addon(acme_.id, accounts::Addon::api, true);
    alice_in_ = alice();
  }
  std::string tab() { return get("/integrations?tab=plugin", alice_in_.cookie).body; }
  std::string acme_key() { return (*keys_->find(acme_.id))->key.reveal(); }

  std::unique_ptr<plugin::PluginKeyStore> keys_;
  std::unique_ptr<plugin::CallbackLog> log_;
  std::unique_ptr<PluginServices> plugin_;
  SignedIn alice_in_;
};

TEST_F(PluginPagesTest, WithoutTheApiAddonThereIsNoKey) {
  accounts_->set_addon(acme_.id, accounts::Addon::api, false);
  const auto body = tab();
  EXPECT_THAT(body, HasSubstr("The Pinpoint Plugin needs the API add-on"));
  EXPECT_THAT(body, Not(HasSubstr("pb_plugin_")));
  EXPECT_FALSE(keys_->find(acme_.id)->has_value());
  const auto rotate = post_form("/integrations/pinpoint/plugin-key/rotate", {{"confirm", "yes"}}, alice_in_);
  EXPECT_EQ(rotate.status, 403);
  EXPECT_FALSE(keys_->find(acme_.id)->has_value());
}

TEST_F(PluginPagesTest, TheTabShowsTheKeyWithACopyButtonAndTheRegistrationUrl) {
  const auto body = tab();
  const auto key = acme_key();
  EXPECT_THAT(body, HasSubstr("id=\"plugin-api-key\" value=\"" + key + "\""));
  EXPECT_THAT(body, HasSubstr("data-copy=\"#plugin-api-key\""));
  EXPECT_THAT(body, HasSubstr("id=\"plugin-url\" value=\"http://pb.test/plugin/pinpoint\""));
  EXPECT_THAT(body, HasSubstr("Settings → Integrations"));
  EXPECT_THAT(body, HasSubstr("Pinbridge API Key"));
  EXPECT_THAT(body, HasSubstr("href=\"/integrations?tab=plugin&amp;confirm=rotate\""));
  EXPECT_THAT(body, Not(HasSubstr("No plugin key yet")));
  EXPECT_EQ(acme_key(), key) << "showing the tab again keeps the key";
  EXPECT_THAT(tab(), HasSubstr(key));
}

TEST_F(PluginPagesTest, EachAccountSeesOnlyItsOwnKey) {
  tab();
  accounts_->set_addon(globex_.id, accounts::Addon::api, true);
  const auto bob_tab = get("/integrations?tab=plugin", sign_in("bob@globex.test", bob_password).cookie).body;
  EXPECT_THAT(bob_tab, Not(HasSubstr(acme_key())));
  EXPECT_THAT(bob_tab, HasSubstr((*keys_->find(globex_.id))->key.reveal()));
}

TEST_F(PluginPagesTest, RotationAsksFirstThenReplacesTheKey) {
  tab();
  const auto old_key = acme_key();
  const auto confirmation = get("/integrations?tab=plugin&confirm=rotate", alice_in_.cookie).body;
  EXPECT_THAT(confirmation, HasSubstr("id=\"rotate-confirmation\""));
  EXPECT_THAT(confirmation, HasSubstr("stops working at once"));
  EXPECT_THAT(confirmation, HasSubstr("action=\"/integrations/pinpoint/plugin-key/rotate\""));
  EXPECT_THAT(confirmation, HasSubstr("name=\"confirm\" value=\"yes\""));
  EXPECT_THAT(confirmation, HasSubstr("name=\"_csrf\" value=\"" + alice_in_.csrf + "\""));
  EXPECT_EQ(acme_key(), old_key) << "asking changes nothing";

  const auto unconfirmed = post_form("/integrations/pinpoint/plugin-key/rotate", {}, alice_in_);
  EXPECT_EQ(unconfirmed.status, 400);
  EXPECT_THAT(unconfirmed.body, HasSubstr("id=\"rotate-confirmation\""));
  EXPECT_EQ(acme_key(), old_key);

  const auto rotated = post_form("/integrations/pinpoint/plugin-key/rotate", {{"confirm", "yes"}}, alice_in_);
  EXPECT_EQ(rotated.status, 303);
  EXPECT_EQ(rotated.headers.at("Location"), "/integrations?tab=plugin&notice=plugin_key_rotated");
  EXPECT_NE(acme_key(), old_key);
  EXPECT_FALSE(keys_->account_for(Secret(old_key)));
  const auto after = get(rotated.headers.at("Location"), alice_in_.cookie).body;
  EXPECT_THAT(after, HasSubstr("Plugin API Key rotated"));
  EXPECT_THAT(after, HasSubstr(acme_key()));
  EXPECT_THAT(after, Not(HasSubstr(old_key)));
}

TEST_F(PluginPagesTest, RotationNeedsTheCsrfTokenAndASession) {
  tab();
  const auto old_key = acme_key();
  EXPECT_EQ(post("/integrations/pinpoint/plugin-key/rotate", "confirm=yes", alice_in_.cookie).status, 403);
  EXPECT_EQ(
      post("/integrations/pinpoint/plugin-key/rotate", "confirm=yes&_csrf=wrong", alice_in_.cookie).status,
      403);
  EXPECT_EQ(post("/integrations/pinpoint/plugin-key/rotate", "confirm=yes").status, 401);
  EXPECT_EQ(acme_key(), old_key);
}

TEST_F(PluginPagesTest, TheActivityPageListsCallbackAttempts) {
  EXPECT_THAT(get("/activity?tab=plugin", alice_in_.cookie).body, HasSubstr("No plugin callbacks yet"));
  plugin::CallbackAttempt attempt;
  attempt.account_id = acme_.id;
  attempt.invitation_id = 41;
  attempt.event = "assessment_completed";
  attempt.url = "https://pinpoint.test/cb/xyz";
  attempt.attempt = 2;
  attempt.status_code = 503;
  attempt.error = "HTTP 503";
  attempt.duration_ms = 12;
  log_->record(attempt);
  const auto body = get("/activity?tab=plugin", alice_in_.cookie).body;
  EXPECT_THAT(body, HasSubstr("aria-current=\"page\">Plugin callbacks"));
  EXPECT_THAT(body, HasSubstr("href=\"/invitations/41\""));
  EXPECT_THAT(body, HasSubstr("assessment_completed"));
  EXPECT_THAT(body, HasSubstr("https://pinpoint.test/cb/xyz"));
  EXPECT_THAT(body, HasSubstr("HTTP 503"));
  EXPECT_THAT(get("/activity?tab=plugin", sign_in("bob@globex.test", bob_password).cookie).body,
              Not(HasSubstr("pinpoint.test/cb/xyz")));
}

}  // namespace
}  // namespace pinbridge::web::testing
