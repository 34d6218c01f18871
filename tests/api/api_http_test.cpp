// The public API over real HTTP against the pinbridge binary: keys from Settings, every refusal
// (no key, unknown key, revoked key, add-on off, another account's ids, bad input) and the
// Idempotency-Key replay and mismatch.
#include <gtest/gtest.h>

#include "api_client.hpp"
#include "support/pinbridge_server.hpp"

namespace pinbridge {
namespace {

using nlohmann::json;
using testing::call_api;
using testing::HttpClient;

class ApiOverHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new testing::PinbridgeServer();
    ASSERT_EQ(server_->admin({"account", "create", "--slug", "globex", "--name", "Globex"}).status, 0);
    ASSERT_EQ(
        server_->admin({"account", "addon", "--account", "globex", "--addon", "api", "--enable"}).status, 0);
    ASSERT_EQ(server_
                  ->admin({"user", "create", "--account", "globex", "--email", "gina@globex.test", "--name",
                           "Gina", "--password-stdin"},
                          "globex password 1\n")
                  .status,
              0);
    dashboard_ = new HttpClient(server_->url());
    csrf_ = testing::sign_in(*dashboard_, "demo@pinbridge.test", "pinbridge-demo");
    key_ = testing::create_api_key(*dashboard_, csrf_, "integration");
    ASSERT_TRUE(key_.starts_with("pb_live_"));
  }
  static void TearDownTestSuite() {
    delete dashboard_;
    delete server_;
  }

  testing::ApiAnswer call(const std::string& method, const std::string& path, const std::string& body = "",
                          const std::map<std::string, std::string>& headers = {},
                          const std::string& key = key_) {
    return call_api(client_, method, path, key, body, headers);
  }
  std::int64_t first_assessment() {
    return call("GET", "/api/v1/assessments").body["data"].at(0)["id"].get<std::int64_t>();
  }
  std::string invite_body(const std::string& email, const std::string& ref = "") {
    json body = {{"assessment_id", first_assessment()},
                 {"candidate_name", "Ada Lovelace"},
                 {"candidate_email", email}};
    if (!ref.empty()) body["external_ref"] = ref;
    return body.dump();
  }

  static testing::PinbridgeServer* server_;
  static HttpClient* dashboard_;
  static std::string csrf_;
  static std::string key_;
  HttpClient client_{server_->url()};
};
testing::PinbridgeServer* ApiOverHttp::server_ = nullptr;
HttpClient* ApiOverHttp::dashboard_ = nullptr;
std::string ApiOverHttp::csrf_;
std::string ApiOverHttp::key_;

void expect_error(const testing::ApiAnswer& answer, long status, const std::string& code) {
  EXPECT_EQ(answer.status, status) << answer.raw.body;
  EXPECT_EQ(answer.body["error"]["code"], code) << answer.raw.body;
  EXPECT_FALSE(answer.body["error"]["message"].get<std::string>().empty());
}

TEST_F(ApiOverHttp, ListsActiveAssessmentsWithoutAnswers) {
  const auto answer = call("GET", "/api/v1/assessments");
  ASSERT_EQ(answer.status, 200) << answer.raw.body;
  ASSERT_FALSE(answer.body["data"].empty());
  for (const auto& assessment : answer.body["data"]) {
    EXPECT_GT(assessment["question_count"].get<int>(), 0);
    for (const char* field : {"id", "name", "description", "time_limit_minutes", "pass_mark"})
      EXPECT_TRUE(assessment.contains(field)) << field;
  }
  for (const char* secret : {"questions\"", "correct_options", "accepted_answers"})
    EXPECT_EQ(answer.raw.body.find(secret), std::string::npos) << secret;
}

TEST_F(ApiOverHttp, RefusesMissingUnknownAndMalformedKeys) {
  const auto none = call("GET", "/api/v1/assessments", "", {}, "");
  expect_error(none, 401, "unauthorized");
  EXPECT_NE(none.raw.header("www-authenticate").find("Bearer"), std::string::npos);
  expect_error(call("GET", "/api/v1/assessments", "", {}, "pb_live_unknown"), 401, "unauthorized");
  expect_error(call_api(client_, "GET", "/api/v1/assessments", "", "", {{"Authorization", "Basic eDp5"}}),
               401, "unauthorized");
}

TEST_F(ApiOverHttp, CreatesAnInvitationOnceAndReadsItBack) {
  const auto created = call("POST", "/api/v1/invitations", invite_body("once@example.com", "ats:1"));
  ASSERT_EQ(created.status, 201) << created.raw.body;
  const auto id = created.body["id"].get<std::int64_t>();
  EXPECT_EQ(created.raw.header("location"), "/api/v1/invitations/" + std::to_string(id));
  EXPECT_EQ(created.body["status"], "invited");
  EXPECT_EQ(created.body["source"], "api");
  EXPECT_EQ(created.body["external_ref"], "ats:1");
  EXPECT_EQ(created.body["candidate"]["email"], "once@example.com");
  EXPECT_TRUE(created.body["candidate_url"].get<std::string>().find("/t/") != std::string::npos);
  const auto again = call("POST", "/api/v1/invitations", invite_body("once@example.com", "ats:1"));
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.body["id"], id);
  const auto read = call("GET", "/api/v1/invitations/" + std::to_string(id));
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.body["id"], id);
  EXPECT_TRUE(read.body["latest_result"].is_null());
  EXPECT_FALSE(read.body["expires_at"].is_null());
  expect_error(call("GET", "/api/v1/invitations/999999"), 404, "not_found");
  expect_error(call("GET", "/api/v1/invitations/abc"), 404, "not_found");
  expect_error(call("GET", "/api/v1/results/999999"), 404, "not_found");
}

TEST_F(ApiOverHttp, IdempotencyKeyReplaysTheSameRequestAndRefusesAnother) {
  const std::map<std::string, std::string> key = {{"Idempotency-Key", "order-42"}};
  const auto first = call("POST", "/api/v1/invitations", invite_body("idem@example.com"), key);
  ASSERT_EQ(first.status, 201) << first.raw.body;
  // The same JSON formatted differently is the same request.
  const auto reformatted = json::parse(invite_body("idem@example.com")).dump(2);
  const auto replay = call("POST", "/api/v1/invitations", reformatted, key);
  EXPECT_EQ(replay.status, 201);
  EXPECT_EQ(replay.raw.header("idempotent-replayed"), "true");
  EXPECT_EQ(replay.body, first.body);
  const auto other = call("POST", "/api/v1/invitations", invite_body("someone-else@example.com"), key);
  expect_error(other, 422, "idempotency_key_reused");
  expect_error(call("POST", "/api/v1/invitations", invite_body("x@example.com"),
                    {{"Idempotency-Key", std::string(300, 'k')}}),
               400, "invalid_input");
}

TEST_F(ApiOverHttp, BadInputGetsAClearErrorAndChangesNothing) {
  expect_error(call("POST", "/api/v1/invitations", "{not json"), 400, "invalid_input");
  expect_error(call("POST", "/api/v1/invitations", "[1,2]"), 400, "invalid_input");
  const auto missing =
      call("POST", "/api/v1/invitations", json{{"assessment_id", first_assessment()}}.dump());
  expect_error(missing, 400, "invalid_input");
  EXPECT_NE(missing.body["error"]["message"].get<std::string>().find("candidate_name"), std::string::npos);
  auto body = json::parse(invite_body("bad@example.com"));
  body["candidat_email"] = "typo";
  expect_error(call("POST", "/api/v1/invitations", body.dump()), 400, "invalid_input");
  expect_error(call("POST", "/api/v1/invitations", invite_body("not-an-email")), 400, "invalid_input");
  body = json::parse(invite_body("bad@example.com"));
  body["assessment_id"] = "1";
  expect_error(call("POST", "/api/v1/invitations", body.dump()), 400, "invalid_input");
  body["assessment_id"] = 987654;
  expect_error(call("POST", "/api/v1/invitations", body.dump()), 404, "not_found");
  expect_error(call_api(client_, "POST", "/api/v1/invitations", key_, invite_body("bad@example.com"),
                        {{"Content-Type", "text/plain"}}),
               415, "unsupported_media_type");
}

TEST_F(ApiOverHttp, AnotherAccountsIdsAreNotFound) {
  HttpClient gina(server_->url());
  const auto gina_key =
      testing::create_api_key(gina, testing::sign_in(gina, "gina@globex.test", "globex password 1"), "g");
  const auto created = call("POST", "/api/v1/invitations", invite_body("tenant@example.com"));
  ASSERT_EQ(created.status, 201);
  const auto id = std::to_string(created.body["id"].get<std::int64_t>());
  expect_error(call("GET", "/api/v1/invitations/" + id, "", {}, gina_key), 404, "not_found");
  expect_error(call("POST", "/api/v1/invitations", invite_body("tenant@example.com"), {}, gina_key), 404,
               "not_found");
  EXPECT_TRUE(call("GET", "/api/v1/assessments", "", {}, gina_key).body["data"].empty());
}

TEST_F(ApiOverHttp, ARevokedKeyIsRefusedAtOnce) {
  const auto key = testing::create_api_key(*dashboard_, csrf_, "short-lived");
  ASSERT_EQ(call("GET", "/api/v1/assessments", "", {}, key).status, 200);
  const auto page = dashboard_->get("/settings/api").body;
  EXPECT_EQ(page.find(key), std::string::npos) << "a key is shown only once";
  EXPECT_NE(page.find(key.substr(0, 14)), std::string::npos) << "its prefix identifies it";
  const auto revoke = testing::capture(page, "action=\"(/settings/api/keys/[0-9]+/revoke)\"");
  ASSERT_FALSE(revoke.empty());
  EXPECT_EQ(dashboard_->post_form(revoke, {{"_csrf", "forged"}}).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/assessments", "", {}, key).status, 200) << "a forged revoke changes nothing";
  EXPECT_EQ(dashboard_->post_form(revoke, {{"_csrf", csrf_}}).status, 303);
  const auto refused = call("GET", "/api/v1/assessments", "", {}, key);
  expect_error(refused, 401, "unauthorized");
  EXPECT_NE(refused.body["error"]["message"].get<std::string>().find("revoked"), std::string::npos);
}

TEST_F(ApiOverHttp, TheAddOnOffRefusesEveryCall) {
  ASSERT_EQ(server_->admin({"account", "create", "--slug", "initech", "--name", "Initech"}).status, 0);
  ASSERT_EQ(server_
                ->admin({"user", "create", "--account", "initech", "--email", "ivy@initech.test", "--name",
                         "Ivy", "--password-stdin"},
                        "initech password 1\n")
                .status,
            0);
  HttpClient ivy(server_->url());
  const auto key =
      testing::create_api_key(ivy, testing::sign_in(ivy, "ivy@initech.test", "initech password 1"), "k");
  const auto refused = call("GET", "/api/v1/assessments", "", {}, key);
  expect_error(refused, 403, "forbidden");
  EXPECT_NE(refused.body["error"]["message"].get<std::string>().find("add-on"), std::string::npos);
  expect_error(call("POST", "/api/v1/invitations", "{}", {}, key), 403, "forbidden");
  ASSERT_EQ(server_->admin({"account", "addon", "--account", "initech", "--addon", "api", "--enable"}).status,
            0);
  EXPECT_EQ(call("GET", "/api/v1/assessments", "", {}, key).status, 200);
}

TEST_F(ApiOverHttp, ServesTheOpenApiDocumentWithoutAKey) {
  const auto answer = call("GET", "/api/v1/openapi.json", "", {}, "");
  ASSERT_EQ(answer.status, 200);
  EXPECT_TRUE(answer.body["paths"].contains("/api/v1/invitations/{id}"));
}

}  // namespace
}  // namespace pinbridge
