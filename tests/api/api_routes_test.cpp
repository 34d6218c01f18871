// The /api/v1 routes in process: the OpenAPI document is held to the registered routes, and a
// result is served with its breakdown but never the answer key.
#include "api/api_routes.hpp"

#include <gtest/gtest.h>

#include <set>

#include "accounts/account_store.hpp"
#include "support/test_database.hpp"
#include "support/test_platform.hpp"

namespace pinbridge::api {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class ApiRoutes : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { crypto::initialize(); }
  void SetUp() override {
    database_ = std::make_unique<testing::TestDatabase>("sqlite");
    auto& db = *database_->database();
    accounts_ = std::make_unique<accounts::AccountStore>(db, clock_, crypto::PasswordCost::minimal_for_tests);
    account_ = accounts_->create_account("acme", "Acme")->id;
    accounts_->set_addon(account_, accounts::Addon::api, true);
    platform_ = std::make_unique<testing::TestPlatform>(db, clock_);
    keys_ = std::make_unique<ApiKeyStore>(db, clock_);
    idempotency_ = std::make_unique<IdempotencyStore>(db, clock_);
    add_api_routes(router_, {*accounts_, *keys_, *idempotency_, platform_->assessments,
                             platform_->invitations, platform_->links});
    key_ = keys_->create(account_, "test")->plaintext.reveal();
  }

  http::Response call(const std::string& method, const std::string& path, const std::string& body = "") {
    http::Request request;
    request.method = method;
    request.target = request.path = path;
    request.body = body;
    request.headers["Authorization"] = "Bearer " + key_;
    request.headers["Content-Type"] = "application/json";
    request.request_id = "req-1";
    return router_.dispatch(request);
  }

  FakeClock clock_;
  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<accounts::AccountStore> accounts_;
  std::unique_ptr<testing::TestPlatform> platform_;
  std::unique_ptr<ApiKeyStore> keys_;
  std::unique_ptr<IdempotencyStore> idempotency_;
  http::Router router_;
  std::int64_t account_ = 0;
  std::string key_;
};

std::string concrete(std::string pattern) {
  const auto open = pattern.find('{');
  if (open != std::string::npos) pattern.replace(open, pattern.find('}') - open + 1, "999");
  return pattern;
}

TEST_F(ApiRoutes, TheOpenApiDocumentDescribesExactlyTheRegisteredRoutes) {
  std::set<std::pair<std::string, std::string>> registered, documented;
  for (const auto& route : api_route_specs()) registered.insert({route.method, route.pattern});
  const auto& document = openapi_document();
  EXPECT_TRUE(document["openapi"].get<std::string>().starts_with("3."));
  for (const auto& [path, operations] : document["paths"].items())
    for (const auto& [method, operation] : operations.items()) {
      std::string upper = method;
      for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.insert({upper, path});
    }
  EXPECT_EQ(registered, documented);
  // And the table is what the router serves: each documented operation reaches a handler (no 404
  // "no route" and no 405), and the document itself is served.
  for (const auto& [method, path] : documented) {
    const auto response = call(method, concrete(path), method == "POST" ? "{}" : "");
    EXPECT_NE(response.status, 405) << method << " " << path;
    if (response.status == 404)
      EXPECT_NE(json::parse(response.body)["error"]["message"], "no such resource") << response.body;
  }
  const auto served = call("GET", "/api/v1/openapi.json");
  EXPECT_EQ(served.status, 200);
  EXPECT_EQ(json::parse(served.body), document);
}

TEST_F(ApiRoutes, AResultHasItsBreakdownButNeverTheAnswerKey) {
  const auto assessment = *platform_->assessments.create(account_, testing::sample_assessment());
  const auto created = call(
      "POST", "/api/v1/invitations",
      json{
          {"assessment_id", assessment.id}, {"candidate_name", "Ada"}, {"candidate_email", "ada@example.com"}}
          .dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const auto invitation_id = json::parse(created.body)["id"].get<std::int64_t>();
  const auto token = platform_->token_of(account_, invitation_id);
  ASSERT_TRUE(platform_->candidates.start(token).ok());
  ASSERT_TRUE(platform_->candidates.save_answer(token, "q1", 1).ok());
  ASSERT_TRUE(platform_->candidates.save_answer(token, "q2", "Lyon").ok());
  clock_.advance(90s);
  ASSERT_TRUE(platform_->candidates.submit(token).ok());
  platform_->run_due_jobs();

  const auto invitation =
      json::parse(call("GET", "/api/v1/invitations/" + std::to_string(invitation_id)).body);
  EXPECT_EQ(invitation["status"], "completed");
  EXPECT_TRUE(invitation["candidate_url"].is_null()) << "a used link is not handed out";
  EXPECT_FALSE(invitation["started_at"].is_null());
  const auto result_id = invitation["latest_result"]["id"].get<std::int64_t>();
  const auto response = call("GET", "/api/v1/results/" + std::to_string(result_id));
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.headers.at("Cache-Control"), "no-store");
  const auto result = json::parse(response.body);
  EXPECT_EQ(result["score"], 50);
  EXPECT_EQ(result["passed"], true);
  EXPECT_EQ(result["time_taken_seconds"], 90.0);
  EXPECT_EQ(result["integrity"]["left_page"], 0);
  ASSERT_EQ(result["questions"].size(), 2u);
  EXPECT_EQ(result["questions"][1]["answer"], "Lyon");
  EXPECT_EQ(result["questions"][1]["correct"], false);
  EXPECT_TRUE(result["report_url"].get<std::string>().starts_with("http://pb.test/"));
  for (const char* secret : {"Paris", "accepted_answers", "correct_options", "options"})
    EXPECT_EQ(response.body.find(secret), std::string::npos) << secret;
}

}  // namespace
}  // namespace pinbridge::api
