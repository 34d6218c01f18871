#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <string_view>

#include "dashboard_fixture.hpp"

namespace pinbridge::web::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::array<std::pair<std::string_view, std::string_view>, 6> sections{{
    {"/assessments", "Assessments"},
    {"/invitations", "Invitations"},
    {"/integrations", "Integrations"},
    {"/workflows", "Workflows"},
    {"/activity", "Activity"},
    {"/settings", "Settings"},
}};

void expect_security_headers(const http::Response& response) {
  EXPECT_THAT(response.headers.at("Content-Security-Policy"), HasSubstr("default-src 'self'"));
  EXPECT_THAT(response.headers.at("Content-Security-Policy"), HasSubstr("frame-ancestors 'none'"));
  EXPECT_THAT(response.headers.at("Content-Security-Policy"), Not(HasSubstr("unsafe-inline")));
  EXPECT_EQ(response.headers.at("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(response.headers.at("X-Frame-Options"), "DENY");
  EXPECT_EQ(response.headers.at("Referrer-Policy"), "same-origin");
}

using PagesTest = DashboardTest;

TEST_F(PagesTest, SignedOutVisitsRedirectToSignInAndComeBack) {
  for (const auto& [path, label] : sections) {
    const auto response = get(std::string(path));
    EXPECT_EQ(response.status, 303) << path;
    EXPECT_EQ(response.headers.at("Location"), fmt::format("/sign-in?next=%2F{}", path.substr(1))) << path;
    expect_security_headers(response);
  }
  EXPECT_EQ(get("/integrations?tab=plugin").headers.at("Location"),
            "/sign-in?next=%2Fintegrations%3Ftab%3Dplugin");
}

TEST_F(PagesTest, ABadCookieRedirectsAndIsCleared) {
  const auto response = get("/settings", "pb_session=not-a-real-token");
  EXPECT_EQ(response.status, 303);
  EXPECT_THAT(set_cookie_header(response, "pb_session"), HasSubstr("pb_session=; Path=/; Max-Age=0"));
}

TEST_F(PagesTest, AnExpiredSessionRedirects) {
  const auto signed_in = alice();
  clock_.advance(std::chrono::hours(13));
  EXPECT_EQ(get("/assessments", signed_in.cookie).status, 303);
}

TEST_F(PagesTest, SignedOutWritesGetA401JsonError) {
  const auto response = post("/settings/account", form({{"name", "Hacked"}}));
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(response.headers.at("Content-Type"), "application/json");
  EXPECT_THAT(response.body, HasSubstr("\"code\":\"unauthorized\""));
  EXPECT_EQ(accounts_->find_account(acme_.id)->name, "Acme Corp");
}

TEST_F(PagesTest, EverySectionRendersInsideTheShell) {
  const auto signed_in = alice();
  for (const auto& [path, label] : sections) {
    const auto response = get(std::string(path), signed_in.cookie);
    ASSERT_EQ(response.status, 200) << path;
    EXPECT_EQ(response.headers.at("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(response.headers.at("Cache-Control"), "no-store");
    expect_security_headers(response);
    const std::string& body = response.body;
    EXPECT_THAT(body, HasSubstr("<nav aria-label=\"Main\">"));
    for (const auto& [other_path, other_label] : sections) {
      const std::string link = fmt::format("href=\"{}\"{}>{}", other_path,
                                           other_path == path ? " aria-current=\"page\"" : "", other_label);
      EXPECT_THAT(body, HasSubstr(link));
    }
    EXPECT_THAT(body, HasSubstr(fmt::format("<h1>{}</h1>", label)));
    EXPECT_THAT(body, HasSubstr("Acme Corp"));
    EXPECT_THAT(body, HasSubstr("Alice Adams"));
    EXPECT_THAT(body, HasSubstr("<form method=\"post\" action=\"/sign-out\">"));
    EXPECT_EQ(input_value(body, "_csrf"), signed_in.csrf);
    EXPECT_THAT(body, Not(HasSubstr("<script>")));
  }
}

TEST_F(PagesTest, EmptySectionsSayWhatWillAppear) {
  const auto signed_in = alice();
  EXPECT_THAT(get("/assessments", signed_in.cookie).body, HasSubstr("No assessments yet"));
  EXPECT_THAT(get("/invitations", signed_in.cookie).body, HasSubstr("No invitations yet"));
  EXPECT_THAT(get("/workflows", signed_in.cookie).body, HasSubstr("No workflows yet"));
  EXPECT_THAT(get("/activity", signed_in.cookie).body, HasSubstr("No deliveries yet"));
}

TEST_F(PagesTest, IntegrationsSaysWhenTheApiAddonIsMissing) {
  const auto signed_in = alice();
  const auto without = get("/integrations", signed_in.cookie).body;
  EXPECT_THAT(without, HasSubstr("ATS → Pinpoint"));
  EXPECT_THAT(without, HasSubstr("Pinpoint Automations need the API add-on, which is not enabled"));
  EXPECT_THAT(without, Not(HasSubstr("name=\"api_key\"")));  // nothing can be configured
  accounts_->set_addon(acme_.id, accounts::Addon::api, true);
  const auto with = get("/integrations", signed_in.cookie).body;
  EXPECT_THAT(with, Not(HasSubstr("add-on, which is not enabled")));
  EXPECT_THAT(with, HasSubstr("href=\"/integrations\" aria-current=\"page\">Automations"));
  EXPECT_THAT(with, HasSubstr("Connect your Pinpoint account"));
}

TEST_F(PagesTest, IntegrationsPluginTab) {
  const auto body = get("/integrations?tab=plugin", alice().cookie).body;
  EXPECT_THAT(body, HasSubstr("href=\"/integrations?tab=plugin\" aria-current=\"page\">Pinpoint Plugin"));
  EXPECT_THAT(body, HasSubstr("The Pinpoint Plugin needs the API add-on"));
}

TEST_F(PagesTest, UserAndAccountNamesAreEscaped) {
  ASSERT_TRUE(accounts_->rename_account(acme_.id, "<b>Acme</b> & Sons").ok());
  ASSERT_TRUE(
      accounts_->create_user(acme_.id, "eve@acme.test", "<script>alert(1)</script>", Secret("eve-password-1"))
          .ok());
  const auto eve = sign_in("eve@acme.test", "eve-password-1");
  for (const char* path : {"/assessments", "/settings"}) {
    const auto body = get(path, eve.cookie).body;
    EXPECT_THAT(body, Not(HasSubstr("<script>alert(1)")));
    EXPECT_THAT(body, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
    EXPECT_THAT(body, Not(HasSubstr("<b>Acme</b>")));
    EXPECT_THAT(body, HasSubstr("&lt;b&gt;Acme&lt;/b&gt; &amp; Sons"));
  }
}

TEST_F(PagesTest, SignInPageHasSecurityHeadersAndIsNotCached) {
  const auto response = get("/sign-in");
  expect_security_headers(response);
  EXPECT_EQ(response.headers.at("Cache-Control"), "no-store");
}

}  // namespace
}  // namespace pinbridge::web::testing
