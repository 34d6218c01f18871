// The dashboard over real HTTP with a cookie jar, the way a browser without JavaScript uses it:
// sign in through the form, stay signed in, and never reach another tenant's data.
#include <gtest/gtest.h>

#include "support/http_client.hpp"
#include "support/pinbridge_server.hpp"

namespace pinbridge {
namespace {

using testing::form_field_value;
using testing::HttpClient;
using testing::PinbridgeServer;

// Signs in through the form and returns the signed-in page's CSRF token.
std::string sign_in(HttpClient& client, const std::string& email, const std::string& password) {
  const auto form = client.get("/sign-in");
  const auto answer = client.post_form(
      "/sign-in",
      {{"_csrf", form_field_value(form.body, "_csrf")}, {"email", email}, {"password", password}});
  EXPECT_EQ(answer.status, 303) << answer.body;
  const auto settings = client.get("/settings");
  EXPECT_EQ(settings.status, 200);
  return form_field_value(settings.body, "_csrf");
}

class DashboardOverHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(server_.admin({"account", "create", "--slug", "globex", "--name", "Globex"}).status, 0);
    ASSERT_EQ(server_
                  .admin({"user", "create", "--account", "globex", "--email", "gina@globex.test", "--name",
                          "Gina", "--password-stdin"},
                         "globex password 1\n")
                  .status,
              0);
  }
  PinbridgeServer server_;
};

TEST_F(DashboardOverHttp, SignInStaysSignedInAndSignOutEndsIt) {
  HttpClient client(server_.url());
  EXPECT_EQ(client.get("/assessments").status, 303);
  const std::string csrf = sign_in(client, "demo@pinbridge.test", "pinbridge-demo");
  EXPECT_EQ(client.get("/assessments").status, 200);
  EXPECT_EQ(client.post_form("/sign-out", {{"_csrf", "forged"}}).status, 403);
  EXPECT_EQ(client.get("/assessments").status, 200) << "a forged sign-out changes nothing";
  EXPECT_EQ(client.post_form("/sign-out", {{"_csrf", csrf}}).status, 303);
  EXPECT_EQ(client.get("/assessments").status, 303);
}

TEST_F(DashboardOverHttp, OneTenantCannotSeeOrRemoveAnothersMembers) {
  HttpClient gina(server_.url());
  const std::string gina_csrf = sign_in(gina, "gina@globex.test", "globex password 1");
  const std::string gina_page = gina.get("/settings").body;
  EXPECT_EQ(gina_page.find("demo@pinbridge.test"), std::string::npos);

  HttpClient demo(server_.url());
  const std::string demo_csrf = sign_in(demo, "demo@pinbridge.test", "pinbridge-demo");
  EXPECT_EQ(demo.get("/settings").body.find("gina@globex.test"), std::string::npos);
  // User ids are small integers: try every one near Gina's from the other tenant.
  for (int id = 1; id <= 5; ++id) {
    const auto attempt =
        demo.post_form("/settings/users/" + std::to_string(id) + "/remove", {{"_csrf", demo_csrf}});
    EXPECT_NE(attempt.status, 303) << "user " << id << " must not be removable from another account";
  }
  EXPECT_EQ(gina.get("/settings").status, 200) << "Gina is still signed in and still exists";
  EXPECT_NE(gina.get("/settings").body.find("gina@globex.test"), std::string::npos);
}

}  // namespace
}  // namespace pinbridge
