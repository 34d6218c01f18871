// Customer webhooks end to end against the pinbridge binary: an endpoint added in Settings › API,
// a candidate who joins and submits, and a real receiver on loopback (python's http.server) that
// answers 500 to each message's first delivery and checks every signature with Python's own HMAC.
#include <gtest/gtest.h>

#include "api_client.hpp"
#include "support/pinbridge_server.hpp"
#include "support/request_receiver.hpp"

namespace pinbridge {
namespace {

using nlohmann::json;

// Standard Webhooks: v1,base64(HMAC-SHA256(key, "id.timestamp.body")), the key being the
// base64 after "whsec_".
constexpr const char* signature_check = R"py(
def signature_valid(headers, body, secret):
    key = base64.b64decode(secret[len('whsec_'):])
    signed = b'%s.%s.%s' % (headers['webhook-id'].encode(), headers['webhook-timestamp'].encode(), body)
    expected = 'v1,' + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return hmac.compare_digest(expected, headers['webhook-signature'])
)py";

// Each message's first delivery is answered 500, its retry 204.
testing::ReceiverSettings receiver_settings() {
  return {.signature_check = signature_check,
          .ok_status = 204,
          .failing_status = 500,
          .fail_first_per_header = "webhook-id"};
}

class WebhooksOverHttp : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(receiver_.listening()); }

  testing::RequestReceiver receiver_{receiver_settings()};
  testing::PinbridgeServer server_{testing::local_delivery_settings()};
};

TEST_F(WebhooksOverHttp, SignedDeliveriesAreRetriedAfterA500AndLogged) {
  testing::HttpClient dashboard(server_.url());
  const auto csrf = testing::sign_in(dashboard, "demo@pinbridge.test", "pinbridge-demo");
  EXPECT_EQ(
      dashboard
          .post_form("/settings/api/webhooks",
                     {{"_csrf", csrf}, {"url", "ftp://127.0.0.1/x"}, {"event:assessment.completed", "on"}})
          .status,
      400);
  const auto added = dashboard.post_form("/settings/api/webhooks", {{"_csrf", csrf},
                                                                    {"url", receiver_.url("/hook")},
                                                                    {"event:invitation.started", "on"},
                                                                    {"event:assessment.completed", "on"}});
  ASSERT_EQ(added.status, 303) << added.body;
  const auto secret =
      testing::capture(dashboard.get("/settings/api").body, "value=\"(whsec_[A-Za-z0-9+/=]+)\"");
  ASSERT_FALSE(secret.empty());
  receiver_.set_secret(secret);

  testing::HttpClient api(server_.url());
  const auto key = testing::create_api_key(dashboard, csrf, "webhooks");
  const auto assessment = testing::call_api(api, "GET", "/api/v1/assessments", key).body["data"].at(0)["id"];
  const auto invited = testing::call_api(
      api, "POST", "/api/v1/invitations", key,
      json{{"assessment_id", assessment}, {"candidate_name", "Ada"}, {"candidate_email", "hook@example.com"}}
          .dump());
  ASSERT_EQ(invited.status, 201) << invited.raw.body;
  const auto url = invited.body["candidate_url"].get<std::string>();
  const auto path = url.substr(url.find("/t/"));
  testing::HttpClient candidate(server_.url());
  ASSERT_LT(candidate.post_form(path + "/start", {}).status, 400);

  const auto first = receiver_.wait_for(0), retried = receiver_.wait_for(1);
  ASSERT_FALSE(retried.is_null()) << "no retry arrived";
  EXPECT_EQ(first["body"]["type"], "invitation.started");
  EXPECT_EQ(first["answered"], 500);
  EXPECT_EQ(retried["answered"], 204);
  EXPECT_EQ(retried["headers"]["webhook-id"], first["headers"]["webhook-id"]) << "stable across retries";
  EXPECT_TRUE(first["valid"].get<bool>() && retried["valid"].get<bool>()) << first.dump();
  EXPECT_EQ(first["body"]["data"]["invitation_id"], invited.body["id"]);
  EXPECT_EQ(first["body"]["data"]["candidate"]["email"], "hook@example.com");

  ASSERT_LT(candidate.post_form(path + "/submit", {}).status, 400);
  const auto completed = receiver_.wait_for(2), completed_retry = receiver_.wait_for(3);
  ASSERT_FALSE(completed_retry.is_null());
  EXPECT_EQ(completed["body"]["type"], "assessment.completed");
  EXPECT_TRUE(completed_retry["valid"].get<bool>());
  EXPECT_TRUE(completed_retry["body"]["data"].contains("score"));
  EXPECT_TRUE(completed_retry["body"]["data"].contains("report_url"));

  const auto log = dashboard.get("/settings/api").body;
  EXPECT_NE(log.find(first["headers"]["webhook-id"].get<std::string>()), std::string::npos);
  EXPECT_NE(log.find("HTTP 500"), std::string::npos);
  EXPECT_NE(log.find("HTTP 204"), std::string::npos);
}

}  // namespace
}  // namespace pinbridge
