// The client's request pipeline over a scripted transport: headers, retries, Retry-After, the rate
// limit, paging, and the call records. A FakeClock moves only when the injected sleeper "sleeps".
#include <gtest/gtest.h>

#include <deque>

#include "fixed_random.hpp"
#include "pinpoint/client.hpp"

namespace pinbridge::pinpoint {
namespace {

using nlohmann::json;
using testing::FixedRandom;

const std::string key = "pp_test_secret_key_123";

net::HttpResponse answer(int status, const json& body = json::object(), std::string retry_after = "") {
  net::HttpResponse response;
  response.status = status;
  response.body = body.dump();
  if (!retry_after.empty()) response.headers.emplace_back("retry-after", retry_after);
  return response;
}

json application(int id) {
  return {{"id", std::to_string(id)}, {"type", "applications"}, {"attributes", {{"email", "a@b.c"}}}};
}

json page_of(int first, int count) {
  json data = json::array();
  for (int i = 0; i < count; ++i) data.push_back(application(first + i));
  return {{"data", data}, {"included", json::array()}, {"meta", json::object()}};
}

class TransportTest : public ::testing::Test {
 protected:
  // Our own rate limit off unless a test turns it on, so sleeps_ holds only retry pauses.
  static ClientOptions unlimited() {
    ClientOptions options;
    options.requests_per_second = 0;
    return options;
  }
  PinpointClient& client(ClientOptions options = unlimited(), std::string subdomain = "acme") {
    options.base_url_override = "http://sim.test:1";
    ClientSettings settings{std::move(subdomain), Secret(key), options};
    client_ = std::make_unique<PinpointClient>(
        std::move(settings),
        [this](const net::HttpRequest& request) -> Result<net::HttpResponse> {
          sent_.push_back(request);
          if (script_.empty()) return Error{ErrorCode::upstream, "nothing scripted"};
          auto next = std::move(script_.front());
          script_.pop_front();
          clock_.advance(send_time_);
          return next;
        },
        clock_, random_, [this](const CallRecord& record) { records_.push_back(record); },
        [this](Millis pause) {
          sleeps_.push_back(pause);
          clock_.advance(pause);
        });
    return *client_;
  }
  void then(net::HttpResponse response) { script_.emplace_back(std::move(response)); }
  void then_fail(std::string message) {
    script_.emplace_back(Error{ErrorCode::upstream, std::move(message)});
  }

  FakeClock clock_;
  Millis send_time_{7};  // how long each scripted exchange takes
  FixedRandom random_{0.5};
  std::deque<Result<net::HttpResponse>> script_;
  std::vector<net::HttpRequest> sent_;
  std::vector<CallRecord> records_;
  std::vector<Millis> sleeps_;
  std::unique_ptr<PinpointClient> client_;
};

TEST_F(TransportTest, RequestsAreJsonApiWithTheKeyAndATimeout) {
  ClientOptions options = unlimited();
  options.request_timeout = Millis{1234};
  auto& c = client(options);
  then(answer(200, {{"data", application(5)}}));
  ASSERT_TRUE(c.get_application(5));
  ASSERT_EQ(sent_.size(), 1U);
  EXPECT_EQ(sent_[0].method, "GET");
  EXPECT_EQ(sent_[0].url, "http://sim.test:1/api/v1/applications/5?include=job,stage");
  EXPECT_EQ(sent_[0].timeout, Millis{1234});
  const auto has = [&](const std::string& name, const std::string& value) {
    return std::find(sent_.back().headers.begin(), sent_.back().headers.end(), std::pair{name, value}) !=
           sent_.back().headers.end();
  };
  EXPECT_TRUE(has("Accept", "application/vnd.api+json"));
  EXPECT_TRUE(has("X-API-KEY", key));
  then(answer(201, {{"data", {{"id", "1"}, {"type", "comments"}, {"attributes", {{"body_text", "hi"}}}}}}));
  ASSERT_TRUE(c.create_comment(5, "hi"));
  EXPECT_TRUE(has("Content-Type", "application/vnd.api+json"));
  EXPECT_EQ(json::parse(sent_.back().body)["data"]["relationships"]["commentable"]["data"]["id"], "5");
}

TEST_F(TransportTest, RetriesServerErrorsWithBackoffAndRecordsEachAttempt) {
  auto& c = client();
  then(answer(503));
  then(answer(502));
  then(answer(200, {{"data", application(5)}}));
  auto app = c.get_application(5);
  ASSERT_TRUE(app) << app.error().message();
  EXPECT_EQ(sent_.size(), 3U);
  EXPECT_EQ(sleeps_, (std::vector<Millis>{Millis{250}, Millis{500}}));
  ASSERT_EQ(records_.size(), 3U);
  EXPECT_EQ(records_[0].status, 503);
  EXPECT_EQ(records_[1].attempt, 2);
  EXPECT_EQ(records_[2].status, 200);
  EXPECT_EQ(records_[2].path, "/api/v1/applications/5?include=job,stage");
  EXPECT_EQ(records_[2].duration, Millis{7});
}

TEST_F(TransportTest, HonoursRetryAfter) {
  auto& c = client();
  then(answer(429, json::parse(R"({"errors":[{"detail":"Rate limit exceeded"}]})"), "2"));
  then(answer(200, {{"data", application(5)}}));
  ASSERT_TRUE(c.get_application(5));
  ASSERT_EQ(sleeps_.size(), 1U);
  EXPECT_GE(sleeps_[0], Millis{2000});
  EXPECT_LE(sleeps_[0], Millis{2400});
  EXPECT_GE(records_[1].started_at - records_[0].started_at, Millis{2000});
}

TEST_F(TransportTest, NoRetryOnOther4xx) {
  auto& c = client();
  then(answer(404, json::parse(R"({"errors":[{"detail":"Record not found"}]})")));
  auto app = c.get_application(99);
  ASSERT_FALSE(app);
  EXPECT_EQ(app.error().kind, ErrorKind::not_found);
  EXPECT_EQ(app.error().attempts, 1);
  EXPECT_EQ(sent_.size(), 1U);
  EXPECT_TRUE(sleeps_.empty());
}

TEST_F(TransportTest, PostIsNotRepeatedAfterAnAmbiguousFailureButIsAfter429) {
  auto& c = client();
  then(answer(500));
  auto comment = c.create_comment(5, "hi");
  ASSERT_FALSE(comment);
  EXPECT_EQ(comment.error().kind, ErrorKind::upstream);
  EXPECT_EQ(sent_.size(), 1U);
  then(answer(429, json::object(), "1"));
  then(answer(201, {{"data", {{"id", "1"}, {"type", "comments"}}}}));
  EXPECT_TRUE(c.create_comment(5, "hi"));
  EXPECT_EQ(sent_.size(), 3U);
}

TEST_F(TransportTest, GivesUpAfterMaxAttemptsWithATypedError) {
  ClientOptions options = unlimited();
  options.retry.max_attempts = 3;
  auto& c = client(options);
  for (int i = 0; i < 3; ++i) then_fail("GET http://sim.test:1/x failed: Server returned nothing");
  auto jobs = c.list_jobs();
  ASSERT_FALSE(jobs);
  EXPECT_EQ(jobs.error().kind, ErrorKind::network);
  EXPECT_EQ(jobs.error().attempts, 3);
  EXPECT_EQ(sent_.size(), 3U);
  EXPECT_EQ(records_[2].status, 0);
  EXPECT_NE(records_[2].error.find("Server returned nothing"), std::string::npos);
}

TEST_F(TransportTest, TimeoutsAreTyped) {
  ClientOptions options = unlimited();
  options.retry.max_attempts = 1;
  auto& c = client(options);
  then_fail("GET http://sim.test:1/x timed out after 10 ms");
  auto jobs = c.list_jobs();
  ASSERT_FALSE(jobs);
  EXPECT_EQ(jobs.error().kind, ErrorKind::timeout);
}

TEST_F(TransportTest, TotalWaitIsCapped) {
  ClientOptions options = unlimited();
  options.retry.max_attempts = 50;
  options.retry.max_total_wait = Millis{3000};
  auto& c = client(options);
  for (int i = 0; i < 50; ++i) then(answer(429, json::object(), "1"));
  auto jobs = c.list_jobs();
  ASSERT_FALSE(jobs);
  EXPECT_EQ(jobs.error().kind, ErrorKind::rate_limited);
  Millis total{0};
  for (auto pause : sleeps_) total += pause;
  EXPECT_LE(total, Millis{3000});
  EXPECT_LT(sent_.size(), 5U);
}

TEST_F(TransportTest, InvalidSubdomainIsRefusedBeforeAnyRequest) {
  for (const char* bad : {"evil.com/x", "127.0.0.1", "acme:8080"}) {
    auto& c = client(unlimited(), bad);
    auto app = c.get_application(1);
    ASSERT_FALSE(app);
    EXPECT_EQ(app.error().kind, ErrorKind::invalid_config);
    auto report = c.check_permissions();
    ASSERT_FALSE(report);
    EXPECT_EQ(report.error().kind, ErrorKind::invalid_config);
  }
  EXPECT_TRUE(sent_.empty());
  EXPECT_TRUE(records_.empty());
}

TEST_F(TransportTest, PagesUntilAShortPage) {
  ClientOptions options = unlimited();
  options.page_size = 2;
  auto& c = client(options);
  then(answer(200, page_of(1, 2)));
  then(answer(200, page_of(3, 2)));
  then(answer(200, page_of(5, 1)));
  ApplicationFilter filter;
  filter.candidate_email = "a+b@example.com";
  auto apps = c.list_applications(filter);
  ASSERT_TRUE(apps) << apps.error().message();
  ASSERT_EQ(apps->size(), 5U);
  EXPECT_EQ(apps->back().id, 5);
  ASSERT_EQ(sent_.size(), 3U);
  EXPECT_EQ(sent_[2].url,
            "http://sim.test:1/api/v1/"
            "applications?filter[candidate_email]=a%2Bb%40example.com&page[size]=2&page[number]=3");
  then(answer(200, page_of(1, 2)));
  then(answer(200, page_of(3, 0)));
  EXPECT_EQ(c.list_applications()->size(), 2U) << "an exact multiple ends with an empty page";
}

TEST_F(TransportTest, PagingStopsAtMaxPages) {
  ClientOptions options = unlimited();
  options.page_size = 1;
  options.max_pages = 3;
  auto& c = client(options);
  for (int i = 0; i < 3; ++i) then(answer(200, page_of(1, 1)));
  auto apps = c.list_applications();
  ASSERT_FALSE(apps);
  EXPECT_EQ(apps.error().kind, ErrorKind::bad_response);
}

TEST_F(TransportTest, OwnRateLimitPacesCalls) {
  ClientOptions options = unlimited();
  options.requests_per_second = 2;
  options.burst = 1;
  send_time_ = Millis{0};
  auto& c = client(options);
  for (int i = 0; i < 3; ++i) then(answer(200, {{"data", application(1)}}));
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(c.get_application(1));
  EXPECT_EQ(sleeps_, (std::vector<Millis>{Millis{500}, Millis{500}}));
}

TEST_F(TransportTest, UpsertLooksAgainAfterAnAmbiguousCreate) {
  auto& c = client();
  const json none = {{"data", json::array()}};
  const json one = {
      {"data", {{{"id", "8"}, {"type", "candidate_assessments"}, {"attributes", {{"external_uid", "u1"}}}}}}};
  then(answer(200, none));                        // lookup: not there
  then(answer(500));                              // create: did it happen?
  then(answer(200, one));                         // lookup again: it did
  then(answer(200, {{"data", one["data"][0]}}));  // so update it
  CandidateAssessmentInput input;
  input.application_id = 3;
  input.assessment_name = "Coding";
  input.external_uid = "u1";
  input.status = "completed";
  auto upserted = c.upsert_candidate_assessment(input);
  ASSERT_TRUE(upserted) << upserted.error().message();
  EXPECT_EQ(upserted->id, 8);
  ASSERT_EQ(sent_.size(), 4U);
  EXPECT_EQ(std::count_if(sent_.begin(), sent_.end(), [](const auto& r) { return r.method == "POST"; }), 1);
  EXPECT_EQ(sent_[3].method, "PUT");
  EXPECT_EQ(sent_[3].url, "http://sim.test:1/api/v1/candidate_assessments/8");
}

TEST_F(TransportTest, UnreadableSuccessIsABadResponse) {
  auto& c = client();
  net::HttpResponse html;
  html.status = 200;
  html.body = "<html>";
  then(html);
  auto app = c.get_application(1);
  ASSERT_FALSE(app);
  EXPECT_EQ(app.error().kind, ErrorKind::bad_response);
  then(answer(200, {{"data", {{"id", "1"}, {"type", "jobs"}}}}));
  EXPECT_EQ(c.get_application(1).error().kind, ErrorKind::bad_response);
}

TEST_F(TransportTest, TheKeyNeverReachesRecordsOrMessages) {
  auto& c = client();
  then(answer(401, json::parse(R"({"errors":[{"detail":"Invalid API key"}]})")));
  auto app = c.get_application(1);
  ASSERT_FALSE(app);
  EXPECT_EQ(app.error().message().find(key), std::string::npos);
  for (const auto& record : records_) {
    EXPECT_EQ(record.path.find(key), std::string::npos);
    EXPECT_EQ(record.error.find(key), std::string::npos);
  }
  EXPECT_EQ(fmt::format("{}", Secret(key)), "[redacted]");
}

}  // namespace
}  // namespace pinbridge::pinpoint
