// Webhooks from pinpoint-sim to a real receiver in the test process: envelope, signature checked
// with the openssl CLI (an independent HMAC implementation), retries on 5xx and 3xx with a
// compressed schedule, and a receiver slower than the timeout counted as a failure.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <thread>

#include "http/server.hpp"
#include "sim_process.hpp"

namespace pinbridge {
namespace {

using nlohmann::json;
using testing::SimProcess;

struct Delivery {
  std::string body;
  std::string signature;
  std::string content_type;
};

class Receiver {
 public:
  // Answers statuses[i] to the i-th delivery, then 200.
  explicit Receiver(std::vector<int> statuses = {}, std::chrono::milliseconds delay = {})
      : statuses_(std::move(statuses)), delay_(delay) {
    http::Router router;
    router.post("/hook", [this](http::Request& r) {
      std::this_thread::sleep_for(delay_);
      std::lock_guard lock(mutex_);
      deliveries_.push_back(
          {r.body, r.header("PINPOINT-HMAC-SHA256").value_or(""), r.header("Content-Type").value_or("")});
      const std::size_t n = deliveries_.size();
      const int status = n <= statuses_.size() ? statuses_[n - 1] : 200;
      auto response = http::Response::text(status, "ok");
      if (status == 302) response.header("Location", "http://127.0.0.1:1/elsewhere");
      return response;
    });
    http::ServerSettings settings;
    settings.port = 0;
    server_ = std::make_unique<http::Server>(settings, std::move(router));
    server_->start();
  }
  ~Receiver() { server_->shutdown(); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(server_->port()) + "/hook"; }
  std::vector<Delivery> deliveries() {
    std::lock_guard lock(mutex_);
    return deliveries_;
  }
  bool wait_for(std::size_t count, std::chrono::seconds limit = std::chrono::seconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      if (deliveries().size() >= count) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

 private:
  std::vector<int> statuses_;
  std::chrono::milliseconds delay_;
  std::mutex mutex_;
  std::vector<Delivery> deliveries_;
  std::unique_ptr<http::Server> server_;
};

std::string openssl_signature(const std::string& secret, const std::string& body, const std::string& dir) {
  std::ofstream(dir + "/body.bin", std::ios::binary) << body;
  const auto result = testing::run_command(
      "/bin/sh",
      {"-c", "openssl dgst -sha256 -hmac '" + secret + "' -binary < " + dir + "/body.bin | base64"}, {}, dir);
  std::string out = result.out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

class WebhookTest : public ::testing::Test {
 protected:
  std::string webhook_signature_of(const std::string& body) const {
    return openssl_signature(secret_, body, dir_.path());
  }
  void SetUp() override {
    sim_ = std::make_unique<SimProcess>(
        std::vector<std::string>{"--webhook-backoff-base-ms", "50", "--webhook-backoff-max-ms", "200",
                                 "--webhook-timeout-ms", "500", "--seed", "7"});
    sim_->admin("POST", "/_sim/companies", {{"subdomain", "acme"}});
    job_ = sim_->admin("POST", "/_sim/companies/acme/jobs", {{"title", "Engineer"}})["id"];
  }
  void subscribe(const Receiver& receiver, const json& events = json::array()) {
    sim_->admin("POST", "/_sim/companies/acme/webhooks",
                {{"url", receiver.url()}, {"events", events}, {"secret", secret_}});
  }
  std::int64_t create_application() {
    return sim_->admin("POST", "/_sim/companies/acme/applications",
                       {{"job_id", job_}, {"email", "a@b.c"}})["id"];
  }
  testing::TempDir dir_;
  std::unique_ptr<SimProcess> sim_;
  std::string secret_ = "whsec_test-secret 123";
  std::int64_t job_ = 0;
};

TEST_F(WebhookTest, ApplicationCreatedIsSignedAndShapedAsTheSpecSays) {
  Receiver receiver;
  subscribe(receiver, {"application_created"});
  const auto id = create_application();
  ASSERT_TRUE(receiver.wait_for(1));
  const auto delivery = receiver.deliveries()[0];
  const auto body = json::parse(delivery.body);
  EXPECT_EQ(body["event"], "application_created");
  EXPECT_TRUE(body["triggeredAt"].is_number_integer());
  EXPECT_EQ(body["data"]["application"]["id"], id);
  EXPECT_EQ(body["data"]["job"]["id"], job_);
  EXPECT_EQ(delivery.content_type, "application/json");
  EXPECT_EQ(delivery.signature, openssl_signature(secret_, delivery.body, dir_.path()));
}

TEST_F(WebhookTest, StageChangeAndHireFireWithStages) {
  Receiver receiver;
  subscribe(receiver, {"application_stage_changed", "application_hired"});
  const auto id = create_application();
  sim_->admin("POST", "/_sim/companies/acme/applications/" + std::to_string(id) + "/hire");
  ASSERT_TRUE(receiver.wait_for(2));
  std::set<std::string> events;
  for (const auto& d : receiver.deliveries()) {
    const auto body = json::parse(d.body);
    events.insert(body["event"]);
    if (body["event"] == "application_stage_changed") {
      EXPECT_TRUE(body["data"]["stage"]["id"].is_number_integer());
      EXPECT_TRUE(body["data"]["previous_stage"]["id"].is_number_integer());
    }
  }
  EXPECT_EQ(events, (std::set<std::string>{"application_stage_changed", "application_hired"}));
}

TEST_F(WebhookTest, RetriesOn5xxAnd3xxUntilSuccessAndLogsAttempts) {
  Receiver receiver({500, 302, 503});
  subscribe(receiver);
  create_application();
  ASSERT_TRUE(receiver.wait_for(4));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto attempts = sim_->admin("GET", "/_sim/webhook_attempts");
  ASSERT_EQ(attempts.size(), 4U) << attempts.dump();
  EXPECT_EQ(attempts[0]["status"], 500);
  EXPECT_EQ(attempts[1]["status"], 302);
  EXPECT_EQ(attempts[3]["status"], 200);
  EXPECT_EQ(attempts[3]["attempt"], 4);
  const auto deliveries = sim_->admin("GET", "/_sim/webhook_deliveries");
  EXPECT_EQ(deliveries[0]["state"], "completed");
  const auto all = receiver.deliveries();
  for (const auto& d : all) EXPECT_EQ(d.body, all[0].body) << "every retry sends the same bytes";
}

TEST_F(WebhookTest, SlowReceiverTimesOutAndIsRetried) {
  Receiver receiver({}, std::chrono::milliseconds(800));
  subscribe(receiver);
  sim_->admin("PUT", "/_sim/webhook_settings", {{"timeout_ms", 200}});
  create_application();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  json attempts;
  while (std::chrono::steady_clock::now() < deadline) {
    attempts = sim_->admin("GET", "/_sim/webhook_attempts");
    if (attempts.size() >= 2) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_GE(attempts.size(), 2U);
  EXPECT_TRUE(attempts[0]["status"].is_null());
  EXPECT_NE(attempts[0]["error"].get<std::string>().find("timed out"), std::string::npos);
}

TEST_F(WebhookTest, SendTestWebhook) {
  Receiver receiver;
  subscribe(receiver, {"application_created"});
  const auto company = sim_->admin("GET", "/_sim/companies/acme");
  sim_->admin("POST", "/_sim/webhooks/" + std::to_string(company["webhooks"][0]["id"].get<int>()) + "/test");
  ASSERT_TRUE(receiver.wait_for(1));
  EXPECT_EQ(json::parse(receiver.deliveries()[0].body)["event"], "test");
}

TEST_F(WebhookTest, BurstOfTestWebhooksIsDeliveredAndLogged) {
  Receiver receiver;
  subscribe(receiver);
  const auto company = sim_->admin("GET", "/_sim/companies/acme");
  const auto path = "/_sim/webhooks/" + std::to_string(company["webhooks"][0]["id"].get<int>()) + "/test";
  EXPECT_EQ(sim_->admin("POST", path, {{"count", 200}})["count"], 200);
  ASSERT_TRUE(receiver.wait_for(200));
  const auto attempts = sim_->admin("GET", "/_sim/webhook_attempts");
  EXPECT_EQ(attempts.size(), 200U) << "reading the attempts waits for the pending ones";
  const auto deliveries = receiver.deliveries();
  for (const auto& d : {deliveries.front(), deliveries.back()})
    EXPECT_EQ(d.signature, webhook_signature_of(d.body)) << "signed";
  testing::HttpClient client(sim_->url());
  EXPECT_EQ(client.request("POST", path, R"({"count":0})", {}).status, 400);
  EXPECT_EQ(client.request("POST", path, R"({"count":"many"})", {}).status, 400);
  EXPECT_EQ(client.request("POST", path, R"({"count":100001})", {}).status, 400);
}

TEST_F(WebhookTest, EveryEventOfTheSpecFires) {
  Receiver receiver;
  subscribe(receiver);
  const auto other_job = sim_->admin("POST", "/_sim/companies/acme/jobs", {{"title", "Designer"}})["id"];
  const std::string key =
      sim_->admin("POST", "/_sim/companies/acme/api_keys", {{"permissions", "write"}})["key"];
  const auto id = std::to_string(create_application());
  sim_->admin("POST", "/_sim/companies/acme/applications/" + id + "/move_job", {{"job_id", other_job}});
  sim_->admin("POST", "/_sim/companies/acme/applications/" + id + "/hire");
  testing::HttpClient api(sim_->url());
  const json assessment{
      {"data",
       {{"type", "candidate_assessments"},
        {"attributes", {{"assessment_name", "Coding"}, {"provider_code", "example_assessment"}}},
        {"relationships", {{"application", {{"data", {{"type", "applications"}, {"id", id}}}}}}}}}};
  const auto created =
      api.request("POST", "/api/v1/candidate_assessments", assessment.dump(), {{"X-API-KEY", key}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string assessment_id = json::parse(created.body)["data"]["id"];
  api.request("PUT", "/api/v1/candidate_assessments/" + assessment_id,
              R"({"data":{"attributes":{"status":"completed","result":"90"}}})", {{"X-API-KEY", key}});
  ASSERT_TRUE(receiver.wait_for(5));
  std::map<std::string, json> events;
  for (const auto& d : receiver.deliveries())
    events[json::parse(d.body)["event"]] = json::parse(d.body)["data"];
  EXPECT_EQ(events.size(), 5U);
  EXPECT_EQ(events["application_moved"]["job"]["id"], other_job);
  EXPECT_EQ(events["application_moved"]["previous_job"]["id"], job_);
  EXPECT_TRUE(events.contains("application_created"));
  EXPECT_TRUE(events.contains("application_stage_changed"));
  EXPECT_TRUE(events.contains("application_hired"));
  EXPECT_EQ(events["candidate_assessment_updated"]["candidate_assessment"]["id"], std::stoll(assessment_id));
  EXPECT_EQ(events["candidate_assessment_updated"]["application"]["id"], std::stoll(id));
}

}  // namespace
}  // namespace pinbridge
