// Faults of pinpoint-sim the client must ride out: 429 storms with Retry-After, injected 5xx,
// dropped connections and slow answers; and what must not be retried.
#include <set>
#include <thread>

#include "sim_fixture.hpp"

namespace pinbridge::pinpoint {
namespace {

using nlohmann::json;

class FaultsTest : public SimFixture {
 protected:
  void SetUp() override {
    start({"--seed", "7"});  // the same injected faults on every run
    seed_applications(25);
    api_key_ = key("write");
  }
  void faults(const json& settings) { sim().admin("PUT", "/_sim/faults", settings); }
  static ClientOptions patient_options() {
    auto options = fast_options();
    options.retry.max_attempts = 40;
    options.retry.max_total_wait = Millis{60'000};
    return options;
  }
  std::size_t count_status(int status) {
    const auto calls = records();
    return static_cast<std::size_t>(
        std::count_if(calls.begin(), calls.end(), [&](const CallRecord& r) { return r.status == status; }));
  }
  std::string api_key_;
};

// Several threads share one account's client while Pinpoint allows 10 requests/s (burst 3) and
// our own limit is off: many 429s, and still every comment is written exactly once.
TEST_F(FaultsTest, RateLimitStormLosesNoWork) {
  faults({{"rate_limit", {{"rate", 10}, {"burst", 3}}}});
  auto c = client(api_key_, patient_options());
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i)
        if (!c->create_comment(1 + t, "comment " + std::to_string(t) + "-" + std::to_string(i))) ++failures;
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(count_status(429), 0U) << "the storm happened";
  const auto stored = admin_resources("comments")["data"];
  std::set<std::string> bodies;
  for (const auto& comment : stored) bodies.insert(comment["attributes"]["body_text"].get<std::string>());
  EXPECT_EQ(stored.size(), 20U);
  EXPECT_EQ(bodies.size(), 20U);
}

// With our own limit well under Pinpoint's (margin for scheduling and network jitter), the same
// kind of work never meets a 429.
TEST_F(FaultsTest, OwnRateLimitKeepsUnderPinpointsLimit) {
  faults({{"rate_limit", {{"rate", 10}, {"burst", 3}}}});
  auto options = patient_options();
  options.requests_per_second = 5;
  options.burst = 2;
  auto c = client(api_key_, options);
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 4; ++i) EXPECT_TRUE(c->get_application(1 + i));
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(count_status(429), 0U);
  EXPECT_EQ(count_status(200), 12U);
}

TEST_F(FaultsTest, RetryAfterIsHonoured) {
  faults({{"rate_limit", {{"rate", 1}, {"burst", 1}}}});
  auto c = client(api_key_, patient_options());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(c->get_application(1));
  const auto calls = records();
  ASSERT_GE(count_status(429), 1U);
  for (std::size_t i = 0; i + 1 < calls.size(); ++i) {
    if (calls[i].status != 429) continue;
    const auto resumed = calls[i + 1].started_at - (calls[i].started_at + calls[i].duration);
    EXPECT_GE(resumed, Millis{1000}) << "Retry-After: 1 means wait a second";
  }
  const auto log = sim().admin("GET", "/_sim/requests");
  EXPECT_EQ(std::count_if(log.begin(), log.end(), [](const json& e) { return e["status"] == 200; }), 3);
}

TEST_F(FaultsTest, InjectedServerErrorsAreRetried) {
  faults({{"rules",
           {{{"route", "/api/v1/applications"}, {"error_rate", 0.5}},
            {{"route", "/api/v1/applications/{id}"}, {"error_rate", 0.5}}}}});
  auto options = patient_options();
  options.page_size = 10;
  auto c = client(api_key_, options);
  auto apps = c->list_applications();
  ASSERT_TRUE(apps) << apps.error().message();
  EXPECT_EQ(apps->size(), 25U);
  for (Id id = 1; id <= 8; ++id) ASSERT_TRUE(c->get_application(id)) << id;
  EXPECT_GT(count_status(500) + count_status(502) + count_status(503), 0U);
}

TEST_F(FaultsTest, DroppedConnectionsAreRetried) {
  faults({{"rules", {{{"route", "/api/v1/jobs"}, {"drop_rate", 0.5}}}}});
  auto c = client(api_key_, patient_options());
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(c->list_jobs()) << i;
  EXPECT_GT(count_status(0), 0U) << "some connections were dropped";
}

TEST_F(FaultsTest, AlwaysDroppedEndsInATypedNetworkError) {
  faults({{"rules", {{{"route", "/api/v1/jobs"}, {"drop_rate", 1.0}}}}});
  auto options = fast_options();
  options.retry.max_attempts = 3;
  auto jobs = client(api_key_, options)->list_jobs();
  ASSERT_FALSE(jobs);
  EXPECT_EQ(jobs.error().kind, ErrorKind::network);
  EXPECT_EQ(jobs.error().attempts, 3);
  EXPECT_TRUE(jobs.error().transient());
}

TEST_F(FaultsTest, SlowAnswersTimeOut) {
  faults({{"rules", {{{"route", "/api/v1/users"}, {"latency_ms", 1500}}}}});
  auto options = fast_options();
  options.request_timeout = Millis{300};
  options.retry.max_attempts = 2;
  auto users = client(api_key_, options)->list_users();
  ASSERT_FALSE(users);
  EXPECT_EQ(users.error().kind, ErrorKind::timeout);
  EXPECT_EQ(records().size(), 2U);
}

TEST_F(FaultsTest, NotFoundIsNotRetried) {
  auto app = client(api_key_, patient_options())->get_application(999);
  ASSERT_FALSE(app);
  EXPECT_EQ(app.error().kind, ErrorKind::not_found);
  EXPECT_EQ(app.error().attempts, 1);
  EXPECT_EQ(sim().admin("GET", "/_sim/requests").size(), 1U);
}

// POSTs are not blindly repeated after a 5xx; the upsert looks up again instead, and ends with
// exactly one assessment.
TEST_F(FaultsTest, UpsertSurvivesFailingCreates) {
  faults(
      {{"rules", {{{"method", "POST"}, {"route", "/api/v1/candidate_assessments"}, {"error_rate", 0.6}}}}});
  auto c = client(api_key_, patient_options());
  for (int i = 0; i < 4; ++i) {
    CandidateAssessmentInput input;
    input.application_id = 2 + i;
    input.assessment_name = "Coding";
    input.external_uid = "inv-" + std::to_string(i);
    input.status = "pending";
    auto upserted = c->upsert_candidate_assessment(input);
    ASSERT_TRUE(upserted) << upserted.error().message();
  }
  EXPECT_EQ(admin_resources("candidate_assessments")["data"].size(), 4U);
  const auto calls = records();
  EXPECT_GT(std::count_if(calls.begin(), calls.end(),
                          [](const CallRecord& r) { return r.method == "POST" && r.status >= 500; }),
            0)
      << "some creates failed and were followed by a fresh lookup";
}

}  // namespace
}  // namespace pinbridge::pinpoint
