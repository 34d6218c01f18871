#include "dashboard_fixture.hpp"

#include <regex>

#include "core/crypto.hpp"
#include "schema/product_schema.hpp"
#include "store/migrations.hpp"
#include "web/security.hpp"

namespace pinbridge::web::testing {

void DashboardTest::SetUpTestSuite() {
  crypto::initialize();
}

namespace {

pinpoint::ClientOptions test_client_options(const std::string& pinpoint_url) {
  pinpoint::ClientOptions options;
  options.base_url_override = pinpoint_url;
  options.request_timeout = Millis(2'000);
  options.retry.max_attempts = 1;  // a test that reaches nothing fails at once
  return options;
}

}  // namespace

TestAutomations::TestAutomations(store::Database& database, pinbridge::testing::TestPlatform& platform,
                                 const Clock& clock, const std::string& pinpoint_url)
    : connections(database, clock, platform.secrets),
      calls(database),
      deliveries(database),
      clients(connections, calls, http, clock, platform.random, test_client_options(pinpoint_url)),
      stages(database, clock),
      stage_refresh(platform.jobs, connections, clients, stages, clock),
      workflows(database, clock),
      runs(database, clock),
      executor(platform.invitations, platform.links, clients, stages),
      engine(database, platform.jobs, workflows, runs, executor, platform.assessments, platform.invitations,
             clients),
      workflow_services{workflows, runs, engine} {}

AutomationsServices TestAutomations::services() {
  return {connections, clients, stages, stage_refresh, calls, deliveries, &workflow_services};
}

void DashboardTest::SetUp() {
  database_ = store::open_database({.url = "sqlite:" + dir_.path() + "/t.db"});
  store::migrate(*database_, schema::product_migrations());
  accounts_ =
      std::make_unique<accounts::AccountStore>(*database_, clock_, crypto::PasswordCost::minimal_for_tests);
  sessions_ =
      std::make_unique<accounts::SessionManager>(*database_, *accounts_, clock_, accounts::SessionSettings{});
  platform_ = std::make_unique<pinbridge::testing::TestPlatform>(*database_, clock_);
  automations_ = std::make_unique<TestAutomations>(*database_, *platform_, clock_, pinpoint_url());
  add_dashboard_routes(router_, *accounts_, *sessions_, services(), DashboardSettings{},
                       automations_->services());
  acme_ = accounts_->create_account("acme", "Acme Corp").value();
  globex_ = accounts_->create_account("globex", "Globex").value();
  alice_ = accounts_->create_user(acme_.id, "alice@acme.test", "Alice Adams", Secret(alice_password)).value();
  bob_ = accounts_->create_user(globex_.id, "bob@globex.test", "Bob Brown", Secret(bob_password)).value();
}

PlatformServices DashboardTest::services() {
  return {platform_->assessments, platform_->invitations, platform_->candidates,
          platform_->outbox,      platform_->links,       clock_};
}

http::Request DashboardTest::request(std::string method, const std::string& target) const {
  http::Request request;
  request.method = std::move(method);
  request.target = target;
  const auto question = target.find('?');
  request.path = http::percent_decode(target.substr(0, question), false).value();
  if (question != std::string::npos) request.query = http::parse_urlencoded(target.substr(question + 1));
  request.headers["Host"] = "pinbridge.test";
  request.remote_address = "192.0.2.7";
  request.request_id = "test-request";
  return request;
}

http::Response DashboardTest::dispatch(http::Request request) {
  return router_.dispatch(request);
}

http::Response DashboardTest::get(const std::string& target, const std::string& cookie) {
  auto req = request("GET", target);
  if (!cookie.empty()) req.headers["Cookie"] = cookie;
  return dispatch(std::move(req));
}

http::Response DashboardTest::post(const std::string& target, const std::string& body,
                                   const std::string& cookie) {
  auto req = request("POST", target);
  if (!cookie.empty()) req.headers["Cookie"] = cookie;
  req.headers["Content-Type"] = "application/x-www-form-urlencoded";
  req.body = body;
  return dispatch(std::move(req));
}

http::Response DashboardTest::post_form(const std::string& target,
                                        std::initializer_list<std::pair<std::string, std::string>> fields,
                                        const SignedIn& who) {
  std::string body = form(fields);
  body += (body.empty() ? "" : "&") + std::string("_csrf=") + who.csrf;
  return post(target, body, who.cookie);
}

SignedIn DashboardTest::sign_in(const std::string& email, const std::string& password) {
  auto session = sessions_->sign_in(email, Secret(password), "192.0.2.7");
  EXPECT_TRUE(session.ok());
  const std::string token = session->token.reveal();
  return {"pb_session=" + token, sessions_->authenticate(token)->csrf_token};
}

std::string set_cookie_header(const http::Response& response, const std::string& name) {
  for (const auto& cookie : response.cookies) {
    if (cookie.rfind(name + "=", 0) == 0) return cookie;
  }
  return {};
}

std::string set_cookie_value(const http::Response& response, const std::string& name) {
  const std::string cookie = set_cookie_header(response, name);
  if (cookie.empty()) return {};
  const auto start = name.size() + 1;
  return cookie.substr(start, cookie.find(';') - start);
}

std::optional<std::string> input_value(const std::string& html, const std::string& name) {
  const std::regex pattern("<input [^>]*name=\"" + name + "\" value=\"([^\"]*)\"");
  std::smatch match;
  if (!std::regex_search(html, match, pattern)) return std::nullopt;
  return match[1].str();
}

std::string form(std::initializer_list<std::pair<std::string, std::string>> fields) {
  std::string out;
  for (const auto& [name, value] : fields) out += (out.empty() ? "" : "&") + name + "=" + url_encode(value);
  return out;
}

}  // namespace pinbridge::web::testing
