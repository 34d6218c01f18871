// The plugin against the real pinbridge binary: the key and registration URL as the dashboard
// shows them, the meta and action form at that URL, rotation from the dashboard, and the result
// callbacks of a candidate who starts and completes, to a receiver on loopback (python's
// http.server) that is down (503) for its first requests and checks every signature with Python's
// own HMAC. Each state change must arrive, once.
#include <gtest/gtest.h>

#include "../api/api_client.hpp"
#include "support/eventually.hpp"
#include "support/pinbridge_server.hpp"
#include "support/request_receiver.hpp"

namespace pinbridge {
namespace {

using nlohmann::json;

// The callback's X-Pinbridge-Signature: hex HMAC-SHA256 of the body with the account's plugin key.
constexpr const char* signature_check = R"py(
def signature_valid(headers, body, secret):
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers.get('x-pinbridge-signature', ''))
)py";

constexpr int receiver_down_for = 3;

// Pinpoint's callback URL, down (503) for its first requests.
testing::ReceiverSettings receiver_settings() {
  return {.signature_check = signature_check, .fail_first_requests = receiver_down_for};
}

// How many requests about `event` the receiver answered with 200.
int answered_ok(const testing::RequestReceiver& receiver, const std::string& event) {
  int count = 0;
  for (const auto& r : receiver.received())
    count += r["body"]["event"] == event && r["answered"] == 200 ? 1 : 0;
  return count;
}

class PluginOverHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    csrf_ = testing::sign_in(dashboard_, "demo@pinbridge.test", "pinbridge-demo");
    const auto tab = dashboard_.get("/integrations?tab=plugin").body;
    key_ = testing::capture(tab, "id=\"plugin-api-key\" value=\"(pb_plugin_[A-Za-z0-9_-]+)\"");
    plugin_url_ = testing::capture(tab, "id=\"plugin-url\" value=\"([^\"]+)\"");
    ASSERT_FALSE(key_.empty()) << tab;
  }
  json post(const std::string& url, const json& body,
            const std::map<std::string, std::string>& headers = {}) {
    testing::HttpClient client(url);
    const auto result = client.post("", body.dump(), "application/json", headers);
    EXPECT_EQ(result.status, 200) << url << ": " << result.body;
    return json::parse(result.body, nullptr, false);
  }

  testing::PinbridgeServer server_{testing::local_delivery_settings()};
  testing::HttpClient dashboard_{server_.url()};
  std::string csrf_, key_, plugin_url_;
};

TEST_F(PluginOverHttp, TheDashboardsKeyAndUrlWorkAndRotationStopsTheOldKey) {
  EXPECT_EQ(plugin_url_, server_.url() + "/plugin/pinpoint");
  EXPECT_EQ(post(plugin_url_, json::object())["version"], "1.0.0");
  const json request = {{"formFields", {{{"key", "email"}, {"value", "ada@example.com"}}}}};
  const auto form = post(plugin_url_ + "/create-assessment/meta", request, {{"x_pinbridge_api_key", key_}});
  ASSERT_EQ(form["formFields"][0]["key"], "assessmentId") << form.dump();
  EXPECT_EQ(form["formFields"][0]["singleSelectOptions"].size(), 2U) << "the demo's two assessments";

  const auto unconfirmed =
      dashboard_.post_form("/integrations/pinpoint/plugin-key/rotate", {{"_csrf", csrf_}});
  EXPECT_EQ(unconfirmed.status, 400);
  const auto rotated = dashboard_.post_form("/integrations/pinpoint/plugin-key/rotate",
                                            {{"_csrf", csrf_}, {"confirm", "yes"}});
  EXPECT_EQ(rotated.status, 303);
  const auto refused =
      post(plugin_url_ + "/create-assessment/meta", request, {{"x_pinbridge_api_key", key_}});
  EXPECT_EQ(refused["formFields"][0]["type"], "callout");
  const auto new_key = testing::capture(dashboard_.get("/integrations?tab=plugin").body,
                                        "id=\"plugin-api-key\" value=\"(pb_plugin_[A-Za-z0-9_-]+)\"");
  EXPECT_NE(new_key, key_);
  EXPECT_EQ(post(plugin_url_ + "/create-assessment/meta", request,
                 {{"X-Pinbridge-Api-Key", new_key}})["formFields"][0]["key"],
            "assessmentId");
}

TEST_F(PluginOverHttp, EachStateChangeReachesPinpointOnceSignedAfterTheUrlWasDown) {
  testing::RequestReceiver receiver(receiver_settings());
  ASSERT_TRUE(receiver.listening());
  receiver.set_secret(key_);
  const auto form =
      post(plugin_url_ + "/create-assessment/meta", json::object(), {{"x_pinbridge_api_key", key_}});
  const std::string assessment = form["formFields"][0]["singleSelectOptions"][0]["value"];
  const json submit = {{"formFields",
                        {{{"key", "assessmentId"}, {"value", assessment}},
                         {{"key", "firstName"}, {"value", "Ada"}},
                         {{"key", "lastName"}, {"value", "Lovelace"}},
                         {{"key", "email"}, {"value", "ada@example.com"}}}},
                       {"configurationValues", {{{"key", "apiKey"}, {"value", key_}}}},
                       {"webhookUrl", receiver.url("/cb/1")}};
  const auto submitted = post(plugin_url_ + "/create-assessment/submit", submit);
  ASSERT_EQ(submitted["success"], true) << submitted.dump();
  const std::string reference = submitted["externalIdentifier"];
  const auto detail = dashboard_.get("/invitations/" + reference.substr(4)).body;
  const auto candidate_path = testing::capture(detail, "https?://[^\"/]+(/t/[A-Za-z0-9_-]+)");
  ASSERT_FALSE(candidate_path.empty()) << detail;

  testing::HttpClient candidate(server_.url());
  ASSERT_LT(candidate.post_form(candidate_path + "/start", {}).status, 400);
  ASSERT_TRUE(testing::eventually([&] { return answered_ok(receiver, "assessment_started") > 0; }));
  ASSERT_LT(candidate.post_form(candidate_path + "/submit", {}).status, 400);
  ASSERT_TRUE(testing::eventually([&] { return answered_ok(receiver, "assessment_completed") > 0; }));

  const auto all = receiver.received();
  ASSERT_GT(all.size(), static_cast<std::size_t>(receiver_down_for));
  for (int i = 0; i < receiver_down_for; ++i) EXPECT_EQ(all[static_cast<std::size_t>(i)]["answered"], 503);
  for (const auto& r : all) {
    EXPECT_TRUE(r["valid"].get<bool>()) << r.dump();
    EXPECT_EQ(r["body"]["externalIdentifier"], reference);
    EXPECT_EQ(r["path"], "/cb/1");
  }
  EXPECT_EQ(answered_ok(receiver, "assessment_started"), 1);
  EXPECT_EQ(answered_ok(receiver, "assessment_completed"), 1);

  const auto activity = dashboard_.get("/activity?tab=plugin").body;
  EXPECT_NE(activity.find("assessment_completed"), std::string::npos);
  EXPECT_NE(activity.find("HTTP 503"), std::string::npos);
}

}  // namespace
}  // namespace pinbridge
