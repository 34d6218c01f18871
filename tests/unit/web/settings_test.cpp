#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dashboard_fixture.hpp"

namespace pinbridge::web::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class SettingsTest : public DashboardTest {
 protected:
  void SetUp() override {
    DashboardTest::SetUp();
    signed_in_ = alice();
  }
  http::Response post_as_alice(const std::string& target,
                               std::initializer_list<std::pair<std::string, std::string>> fields) {
    return post_form(target, fields, signed_in_);
  }
  std::string remove_path(const accounts::User& user) {
    return "/settings/users/" + std::to_string(user.id) + "/remove";
  }
  http::Response add_member(const std::string& name, const std::string& email, const std::string& password) {
    return post_as_alice("/settings/users", {{"name", name}, {"email", email}, {"password", password}});
  }
  SignedIn signed_in_;
};

TEST_F(SettingsTest, ShowsTheAccountAddonsAndMembers) {
  const auto body = get("/settings", signed_in_.cookie).body;
  EXPECT_EQ(input_value(body, "name"), "Acme Corp");
  EXPECT_THAT(body, HasSubstr("API add-on"));
  EXPECT_THAT(body, HasSubstr("Not enabled"));
  EXPECT_THAT(body, HasSubstr("alice@acme.test"));
  EXPECT_THAT(body, HasSubstr(">You</span>"));
  EXPECT_THAT(body, Not(HasSubstr(remove_path(alice_))));  // no Remove button for yourself
  accounts_->set_addon(acme_.id, accounts::Addon::api, true);
  EXPECT_THAT(get("/settings", signed_in_.cookie).body, HasSubstr(">Enabled</span>"));
}

TEST_F(SettingsTest, RenamesTheAccount) {
  const auto response = post_as_alice("/settings/account", {{"name", "Acme Industries"}});
  ASSERT_EQ(response.status, 303);
  EXPECT_EQ(response.headers.at("Location"), "/settings?notice=account_saved");
  EXPECT_EQ(accounts_->find_account(acme_.id)->name, "Acme Industries");
  const auto page = get("/settings?notice=account_saved", signed_in_.cookie).body;
  EXPECT_THAT(page, HasSubstr("Account name saved."));
  EXPECT_THAT(page, HasSubstr("Acme Industries"));
}

TEST_F(SettingsTest, ABlankNameIsRefusedInline) {
  const auto response = post_as_alice("/settings/account", {{"name", "   "}});
  EXPECT_EQ(response.status, 400);
  EXPECT_THAT(response.body, HasSubstr("Account name can&#39;t be blank"));
  EXPECT_THAT(response.body, HasSubstr("aria-invalid=\"true\""));
  EXPECT_EQ(accounts_->find_account(acme_.id)->name, "Acme Corp");
}

TEST_F(SettingsTest, UnknownNoticeKeysShowNothing) {
  const auto body = get("/settings?notice=%3Cb%3Ehello", signed_in_.cookie).body;
  EXPECT_THAT(body, Not(HasSubstr("hello")));
  EXPECT_THAT(body, Not(HasSubstr("notice-success")));
}

TEST_F(SettingsTest, WritesWithoutTheRightCsrfTokenAreRefusedAndChangeNothing) {
  const std::string carol =
      form({{"name", "Carol"}, {"email", "carol@acme.test"}, {"password", "carol-password"}});
  ASSERT_TRUE(accounts_->create_user(acme_.id, "dan@acme.test", "Dan", Secret("dan-password-1")).ok());
  const auto dan = accounts_->list_users(acme_.id).back();
  for (const std::string suffix : {"", "&_csrf=", "&_csrf=wrong-token"}) {
    EXPECT_EQ(post("/settings/account", "name=Hacked" + suffix, signed_in_.cookie).status, 403);
    const auto added = post("/settings/users", carol + suffix, signed_in_.cookie);
    EXPECT_EQ(added.status, 403);
    EXPECT_THAT(added.body, HasSubstr("nothing was changed"));
    EXPECT_EQ(post(remove_path(dan), suffix.empty() ? "" : suffix.substr(1), signed_in_.cookie).status, 403);
  }
  EXPECT_EQ(accounts_->find_account(acme_.id)->name, "Acme Corp");
  EXPECT_EQ(accounts_->list_users(acme_.id).size(), 2u);
}

TEST_F(SettingsTest, AnotherSessionsTokenDoesNotWork) {
  ASSERT_TRUE(accounts_->create_user(acme_.id, "dan@acme.test", "Dan", Secret("dan-password-1")).ok());
  const auto dan = sign_in("dan@acme.test", "dan-password-1");
  EXPECT_EQ(post("/settings/account", "name=Hacked&_csrf=" + dan.csrf, signed_in_.cookie).status, 403);
  EXPECT_EQ(accounts_->find_account(acme_.id)->name, "Acme Corp");
}

TEST_F(SettingsTest, TheCsrfTokenMayComeInAHeader) {
  auto req = request("POST", "/settings/account");
  req.headers["Cookie"] = signed_in_.cookie;
  req.headers["X-CSRF-Token"] = signed_in_.csrf;
  req.body = "name=Header+Co";
  EXPECT_EQ(dispatch(req).status, 303);
  EXPECT_EQ(accounts_->find_account(acme_.id)->name, "Header Co");
}

TEST_F(SettingsTest, CrossOriginWritesAreRefusedEvenWithTheToken) {
  auto req = request("POST", "/settings/account");
  req.headers["Cookie"] = signed_in_.cookie;
  req.body = "name=Evil&_csrf=" + signed_in_.csrf;
  for (const char* origin : {"https://evil.example", "null", "http://pinbridge.test:8080"}) {
    req.headers["Origin"] = origin;
    EXPECT_EQ(dispatch(req).status, 403) << origin;
  }
  EXPECT_EQ(accounts_->find_account(acme_.id)->name, "Acme Corp");
  req.headers["Origin"] = "https://pinbridge.test";
  EXPECT_EQ(dispatch(req).status, 303);
}

TEST_F(SettingsTest, AddsAMember) {
  const auto response = add_member("Carol Chen", "Carol@Acme.test", "carol-password");
  ASSERT_EQ(response.status, 303);
  EXPECT_EQ(response.headers.at("Location"), "/settings?notice=member_added");
  const auto page = get("/settings?notice=member_added", signed_in_.cookie).body;
  EXPECT_THAT(page, HasSubstr("Member added."));
  EXPECT_THAT(page, HasSubstr("Carol Chen"));
  EXPECT_THAT(page, HasSubstr("carol@acme.test"));
  EXPECT_TRUE(sessions_->sign_in("carol@acme.test", Secret("carol-password"), "192.0.2.8").ok());
}

TEST_F(SettingsTest, MemberErrorsSitNextToTheirFieldAndKeepWhatWasTyped) {
  const auto bad_email = add_member("Carol", "carol-at-acme", "carol-password");
  EXPECT_EQ(bad_email.status, 400);
  EXPECT_THAT(bad_email.body, HasSubstr("id=\"member-email-error\">email is invalid"));
  EXPECT_EQ(input_value(bad_email.body, "email"), "carol-at-acme");
  EXPECT_THAT(bad_email.body, HasSubstr("value=\"Carol\""));

  const auto short_password = add_member("Carol", "carol@acme.test", "short");
  EXPECT_EQ(short_password.status, 400);
  EXPECT_THAT(short_password.body, HasSubstr("id=\"member-password-error\">password must be at least 10"));
  EXPECT_THAT(short_password.body, Not(HasSubstr("value=\"short\"")));

  const auto blank_name = add_member(" ", "carol@acme.test", "carol-password");
  EXPECT_EQ(blank_name.status, 400);
  EXPECT_THAT(blank_name.body, HasSubstr("id=\"member-name-error\">name can&#39;t be blank"));

  const auto taken = add_member("Bob Again", "bob@globex.test", "bob-password-99");
  EXPECT_EQ(taken.status, 409);
  EXPECT_THAT(taken.body,
              HasSubstr("id=\"member-email-error\">a user with email bob@globex.test already exists"));
  EXPECT_EQ(accounts_->list_users(acme_.id).size(), 1u);
}

TEST_F(SettingsTest, RemovesAMember) {
  const auto dan = accounts_->create_user(acme_.id, "dan@acme.test", "Dan", Secret("dan-password-1")).value();
  const auto dan_session = sign_in("dan@acme.test", "dan-password-1");
  const auto response = post_as_alice(remove_path(dan), {});
  ASSERT_EQ(response.status, 303);
  EXPECT_EQ(response.headers.at("Location"), "/settings?notice=member_removed");
  EXPECT_FALSE(accounts_->find_user(acme_.id, dan.id));
  EXPECT_EQ(get("/assessments", dan_session.cookie).status, 303);  // signed out with the user
}

TEST_F(SettingsTest, YouCannotRemoveYourself) {
  const auto response = post_as_alice(remove_path(alice_), {});
  EXPECT_EQ(response.status, 403);
  EXPECT_THAT(response.body, HasSubstr("You can&#39;t remove yourself."));
  EXPECT_TRUE(accounts_->find_user(acme_.id, alice_.id));
}

TEST_F(SettingsTest, AnotherAccountsUserIsNotFoundAndStays) {
  const auto response = post_as_alice(remove_path(bob_), {});
  EXPECT_EQ(response.status, 404);
  EXPECT_THAT(response.body, HasSubstr("That member is not in this account."));
  EXPECT_TRUE(accounts_->find_user(globex_.id, bob_.id));
}

TEST_F(SettingsTest, MalformedIdsAreNotFound) {
  for (const char* id : {"abc", "0", "-1", "1x", "99999999999999999999999"}) {
    EXPECT_EQ(post_as_alice(std::string("/settings/users/") + id + "/remove", {}).status, 404) << id;
  }
  EXPECT_EQ(accounts_->list_users(acme_.id).size(), 1u);
}

TEST_F(SettingsTest, TheMemberListShowsOnlyThisAccount) {
  const auto body = get("/settings", signed_in_.cookie).body;
  EXPECT_THAT(body, Not(HasSubstr("bob@globex.test")));
  EXPECT_THAT(body, Not(HasSubstr("Bob Brown")));
  EXPECT_THAT(body, Not(HasSubstr("Globex")));
}

}  // namespace
}  // namespace pinbridge::web::testing
