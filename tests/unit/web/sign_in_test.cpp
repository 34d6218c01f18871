#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dashboard_fixture.hpp"

namespace pinbridge::web::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class SignInTest : public DashboardTest {
 protected:
  // Loads the sign-in form as a browser would: the cookie and the hidden field it must echo.
  struct LoginForm {
    std::string cookie;
    std::string token;
  };
  LoginForm load_form() {
    const auto page = get("/sign-in");
    const std::string token = set_cookie_value(page, "pb_login_csrf");
    EXPECT_EQ(input_value(page.body, "_csrf"), token);
    return {"pb_login_csrf=" + token, token};
  }
  http::Response submit(const std::string& email, const std::string& password, const std::string& next = {}) {
    const auto login = load_form();
    return post("/sign-in",
                form({{"_csrf", login.token}, {"email", email}, {"password", password}, {"next", next}}),
                login.cookie);
  }
};

TEST_F(SignInTest, FormSetsAStrictShortLivedCsrfCookieMatchingTheHiddenField) {
  const auto page = get("/sign-in");
  EXPECT_EQ(page.status, 200);
  const std::string cookie = set_cookie_header(page, "pb_login_csrf");
  EXPECT_THAT(cookie, HasSubstr("HttpOnly"));
  EXPECT_THAT(cookie, HasSubstr("SameSite=Strict"));
  EXPECT_THAT(cookie, HasSubstr("Max-Age=3600"));
  const std::string token = set_cookie_value(page, "pb_login_csrf");
  EXPECT_GE(token.size(), 32u);
  EXPECT_EQ(input_value(page.body, "_csrf"), token);
  EXPECT_THAT(page.body, HasSubstr("<label for=\"email\">Email</label>"));
  EXPECT_THAT(page.body, HasSubstr("<label for=\"password\">Password</label>"));
}

TEST_F(SignInTest, FormReusesTheBrowsersTokenSoTwoTabsBothWork) {
  const auto first = load_form();
  const auto second = get("/sign-in", first.cookie);
  EXPECT_EQ(input_value(second.body, "_csrf"), first.token);
}

TEST_F(SignInTest, SuccessSetsTheSessionCookieAndGoesToAssessments) {
  const auto response = submit("Alice@Acme.test", alice_password);
  ASSERT_EQ(response.status, 303);
  EXPECT_EQ(response.headers.at("Location"), "/assessments");
  const std::string cookie = set_cookie_header(response, "pb_session");
  EXPECT_THAT(cookie, HasSubstr("HttpOnly"));
  EXPECT_THAT(cookie, HasSubstr("SameSite=Lax"));
  EXPECT_THAT(cookie, HasSubstr("Max-Age=43200"));
  EXPECT_THAT(set_cookie_header(response, "pb_login_csrf"), HasSubstr("Path=/sign-in; Max-Age=0"))
      << "the used login token is dropped";
  EXPECT_THAT(cookie, Not(HasSubstr("Secure")));
  const auto session = sessions_->authenticate(set_cookie_value(response, "pb_session"));
  ASSERT_TRUE(session);
  EXPECT_EQ(session->user.id, alice_.id);
}

TEST_F(SignInTest, SessionCookieIsSecureWhenConfigured) {
  http::Router router;
  DashboardSettings settings;
  settings.secure_cookies = true;
  add_dashboard_routes(router, *accounts_, *sessions_, services(), settings);
  auto page_request = request("GET", "/sign-in");
  const auto page = router.dispatch(page_request);
  EXPECT_THAT(set_cookie_header(page, "pb_login_csrf"), HasSubstr("; Secure"));
  const std::string token = set_cookie_value(page, "pb_login_csrf");
  auto sign_in = request("POST", "/sign-in");
  sign_in.headers["Cookie"] = "pb_login_csrf=" + token;
  sign_in.body = form({{"_csrf", token}, {"email", "alice@acme.test"}, {"password", alice_password}});
  const auto response = router.dispatch(sign_in);
  ASSERT_EQ(response.status, 303);
  EXPECT_THAT(set_cookie_header(response, "pb_session"), HasSubstr("; Secure"));
}

TEST_F(SignInTest, GoesToALocalNextPathButNeverToAnotherSite) {
  EXPECT_EQ(submit("alice@acme.test", alice_password, "/settings?tab=x").headers.at("Location"),
            "/settings?tab=x");
  EXPECT_EQ(submit("alice@acme.test", alice_password, "//evil.example/").headers.at("Location"),
            "/assessments");
  EXPECT_EQ(submit("alice@acme.test", alice_password, "https://evil.example/").headers.at("Location"),
            "/assessments");
}

TEST_F(SignInTest, WrongPasswordShowsAnInlineErrorAndKeepsTheEmail) {
  const auto response = submit("alice@acme.test", "not-the-password");
  EXPECT_EQ(response.status, 401);
  EXPECT_THAT(response.body, HasSubstr("role=\"alert\""));
  EXPECT_THAT(response.body, HasSubstr("don&#39;t match an account"));
  EXPECT_EQ(input_value(response.body, "email"), "alice@acme.test");
  EXPECT_EQ(set_cookie_value(response, "pb_session"), "");
}

TEST_F(SignInTest, UnknownEmailGetsTheSameAnswerAsAWrongPassword) {
  const auto unknown = submit("nobody@acme.test", "whatever-password");
  const auto wrong = submit("alice@acme.test", "whatever-password");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(input_value(unknown.body, "email"), "nobody@acme.test");
  EXPECT_NE(wrong.body.find("don&#39;t match"), std::string::npos);
  EXPECT_NE(unknown.body.find("don&#39;t match"), std::string::npos);
}

TEST_F(SignInTest, BlankFieldsAsksForBoth) {
  const auto response = submit("", "");
  EXPECT_EQ(response.status, 400);
  EXPECT_THAT(response.body, HasSubstr("Enter your email and password."));
}

TEST_F(SignInTest, MissingOrMismatchedLoginTokenIsRefusedWith403) {
  const auto login = load_form();
  const std::string fields = form({{"email", "alice@acme.test"}, {"password", alice_password}});
  const auto no_cookie = post("/sign-in", fields + "&_csrf=" + login.token);
  const auto no_field = post("/sign-in", fields, login.cookie);
  const auto mismatch = post("/sign-in", fields + "&_csrf=" + login.token + "x", login.cookie);
  for (const auto* response : {&no_cookie, &no_field, &mismatch}) {
    EXPECT_EQ(response->status, 403);
    EXPECT_THAT(response->body, HasSubstr("out of date or came from another site"));
    EXPECT_EQ(input_value(response->body, "email"), "alice@acme.test");
    EXPECT_EQ(set_cookie_value(*response, "pb_session"), "");
  }
}

TEST_F(SignInTest, CrossOriginSignInIsRefused) {
  const auto login = load_form();
  auto req = request("POST", "/sign-in");
  req.headers["Cookie"] = login.cookie;
  req.headers["Origin"] = "https://evil.example";
  req.body = form({{"_csrf", login.token}, {"email", "alice@acme.test"}, {"password", alice_password}});
  EXPECT_EQ(dispatch(req).status, 403);
  req.headers["Origin"] = "http://pinbridge.test";
  EXPECT_EQ(dispatch(req).status, 303);
}

TEST_F(SignInTest, ManyFailuresAreRateLimitedEvenWithTheRightPassword) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(submit("alice@acme.test", "wrong-password").status, 401);
  const auto response = submit("alice@acme.test", alice_password);
  EXPECT_EQ(response.status, 429);
  EXPECT_THAT(response.body, HasSubstr("Too many failed sign-ins"));
  EXPECT_EQ(response.headers.at("Retry-After"), "900");
  EXPECT_EQ(input_value(response.body, "email"), "alice@acme.test");
}

TEST_F(SignInTest, SignedInVisitorsSkipTheForm) {
  const auto signed_in = alice();
  const auto response = get("/sign-in?next=%2Fworkflows", signed_in.cookie);
  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(response.headers.at("Location"), "/workflows");
}

TEST_F(SignInTest, RootRedirectsBySessionState) {
  EXPECT_EQ(get("/").headers.at("Location"), "/sign-in");
  EXPECT_EQ(get("/", alice().cookie).headers.at("Location"), "/assessments");
}

TEST_F(SignInTest, SignOutEndsTheSessionAndClearsTheCookie) {
  const auto signed_in = alice();
  const auto response = post("/sign-out", form({{"_csrf", signed_in.csrf}}), signed_in.cookie);
  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(response.headers.at("Location"), "/sign-in");
  EXPECT_THAT(set_cookie_header(response, "pb_session"), HasSubstr("pb_session=; Path=/; Max-Age=0"));
  EXPECT_EQ(get("/assessments", signed_in.cookie).status, 303);
}

TEST_F(SignInTest, SignOutWithoutTheCsrfTokenIsRefusedAndKeepsTheSession) {
  const auto signed_in = alice();
  EXPECT_EQ(post("/sign-out", "", signed_in.cookie).status, 403);
  EXPECT_EQ(post("/sign-out", form({{"_csrf", "forged"}}), signed_in.cookie).status, 403);
  EXPECT_EQ(get("/assessments", signed_in.cookie).status, 200);
}

}  // namespace
}  // namespace pinbridge::web::testing
