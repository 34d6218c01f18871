#pragma once
// A dashboard on a real SQLite database with a fake clock, driven by dispatching requests straight
// to the Router. Account "acme" has the user Alice; account "globex" has Bob.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "accounts/account_store.hpp"
#include "accounts/sessions.hpp"
#include "core/clock.hpp"
#include "http/router.hpp"
#include "support/test_database.hpp"
#include "support/test_platform.hpp"
#include "web/dashboard.hpp"
#include "workflows/engine.hpp"

namespace pinbridge::web::testing {

inline constexpr const char* alice_password = "alice-password-1";
inline constexpr const char* bob_password = "bob-password-12";

// Pinpoint Automations and Workflows on the test's database, as app/ assembles them. Pinpoint is at
// `pinpoint_url`: a port where nothing listens unless the test starts pinpoint-sim there.
struct TestAutomations {
  TestAutomations(store::Database& database, pinbridge::testing::TestPlatform& platform, const Clock& clock,
                  const std::string& pinpoint_url);
  AutomationsServices services();

  net::HttpClient http;
  automations::ConnectionStore connections;
  automations::CallLog calls;
  automations::DeliveryLog deliveries;
  automations::PinpointClients clients;
  automations::StageCache stages;
  automations::StageRefresh stage_refresh;
  workflows::WorkflowStore workflows;
  workflows::RunLog runs;
  workflows::ActionExecutor executor;
  workflows::WorkflowEngine engine;
  WorkflowServices workflow_services;
};

struct SignedIn {
  std::string cookie;  // the Cookie header value
  std::string csrf;
};

class DashboardTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  void SetUp() override;
  // Where the test's Pinpoint client sends requests; override to point at a running pinpoint-sim.
  virtual std::string pinpoint_url() const { return "http://127.0.0.1:9"; }

  http::Request request(std::string method, const std::string& target) const;
  http::Response dispatch(http::Request request);
  http::Response get(const std::string& target, const std::string& cookie = {});
  http::Response post(const std::string& target, const std::string& body, const std::string& cookie = {});
  // A dashboard form posted by a signed-in user, with their CSRF token added.
  http::Response post_form(const std::string& target,
                           std::initializer_list<std::pair<std::string, std::string>> fields,
                           const SignedIn& who);

  // Signs in through the SessionManager, as the sign-in form would.
  SignedIn sign_in(const std::string& email, const std::string& password);
  SignedIn alice() { return sign_in("alice@acme.test", alice_password); }
  // The platform services the dashboard's routes use, on this test's database.
  PlatformServices services();

  pinbridge::testing::TempDir dir_;
  std::unique_ptr<store::Database> database_;
  FakeClock clock_;
  std::unique_ptr<accounts::AccountStore> accounts_;
  std::unique_ptr<accounts::SessionManager> sessions_;
  std::unique_ptr<pinbridge::testing::TestPlatform> platform_;
  std::unique_ptr<TestAutomations> automations_;
  http::Router router_;
  accounts::Account acme_;
  accounts::Account globex_;
  accounts::User alice_;
  accounts::User bob_;
};

// The value of a cookie set by a response ("" when it sets none by that name).
// The whole Set-Cookie value the response sets for the cookie name, or "".
std::string set_cookie_header(const http::Response& response, const std::string& name);
std::string set_cookie_value(const http::Response& response, const std::string& name);
// The value attribute of the first <input name="NAME" value="..."> in an HTML page.
std::optional<std::string> input_value(const std::string& html, const std::string& name);
// "a=b&c=d" with each value percent-encoded.
std::string form(std::initializer_list<std::pair<std::string, std::string>> fields);

}  // namespace pinbridge::web::testing
