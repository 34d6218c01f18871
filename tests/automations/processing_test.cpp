// Stored Pinpoint deliveries become domain events with details fetched from a real pinpoint-sim:
// the application with its candidate, job and stage; the stage cache fills itself when an event
// names a stage not known yet; failures are shown in a recruiter's words and retried only when
// trying again can help; every call is logged without the key.
#include <gtest/gtest.h>

#include "accounts/account_store.hpp"
#include "automations/delivery_processor.hpp"
#include "automations/webhook_ingest.hpp"
#include "sim/sim_process.hpp"
#include "support/test_database.hpp"

namespace pinbridge::automations {
namespace {

std::string delivery_body(const std::string& event, const nlohmann::json& application_id) {
  return nlohmann::json{
      {"event", event},
      {"triggeredAt", 1700000000},
      {"data", {{"application", {{"id", application_id}}}, {"previous_stage", {{"id", "1"}}}}}}
      .dump();
}

class ProcessingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sim_.admin("POST", "/_sim/companies", {{"subdomain", "acme"}, {"name", "Acme"}});
    job_ = sim_.admin("POST", "/_sim/companies/acme/jobs", {{"title", "Backend Engineer"}})["id"];
    application_ = sim_.admin(
        "POST", "/_sim/companies/acme/applications",
        {{"job_id", job_}, {"first_name", "Ada"}, {"last_name", "L"}, {"email", "ada@x.test"}})["id"];
    accounts::AccountStore accounts(database_, clock_, crypto::PasswordCost::minimal_for_tests);
    account_ = accounts.create_account("acme", "Acme")->id;
    key_ = sim_.admin("POST", "/_sim/companies/acme/api_keys", {{"permissions", "write"}})["key"];
    token_ = connections_.save(account_, "acme", Secret(key_)).webhook_token;
  }

  static pinpoint::ClientOptions options(const std::string& url) {
    pinpoint::ClientOptions o;
    o.base_url_override = url;
    o.retry.max_attempts = 2;
    o.retry.backoff = {pinpoint::Millis{10}, pinpoint::Millis{20}, 0.0};
    o.requests_per_second = 0;
    return o;
  }

  // Stores the delivery and runs its processing job once; the job's result.
  jobs::JobResult deliver_and_process(const std::string& body) {
    EXPECT_EQ(*ingest_.receive(token_, std::nullopt, body), IngestOutcome::stored);
    return run_processing_job();
  }

  // Claims the due processing job and runs it as the worker pool does: the outcome is recorded
  // with the writes it carries.
  jobs::JobResult run_processing_job() {
    std::optional<jobs::JobResult> result;
    for (const auto& job : jobs_.claim("test", 10)) {
      if (job.kind != process_job_kind) continue;
      result = processor_.process(job);
      jobs_.finish({{job, *result}});
      last_job_ = job;
    }
    return result.value_or(jobs::JobResult::discard("no processing job was due"));
  }

  std::pair<std::string, std::string> delivery_outcome() {
    return database_.read([](store::Connection& c) {
      auto row =
          c.query_one("SELECT outcome, outcome_detail FROM pinpoint_deliveries ORDER BY id DESC LIMIT 1");
      return std::pair(row->text(0), row->text(1));
    });
  }

  std::vector<events::DomainEvent> events() { return events_.recent(account_, 10); }

  pinbridge::testing::SimProcess sim_;
  pinbridge::testing::TestDatabase test_database_{"sqlite"};
  store::Database& database_ = *test_database_.database();
  SystemClock clock_;
  SeededRandom random_{5};
  crypto::SecretBox box_ = *crypto::SecretBox::from_key(std::string(32, 'p'));
  net::HttpClient http_;
  jobs::JobStore jobs_{database_, clock_, random_, jobs::QueueSettings{}};
  events::EventLog events_{database_, jobs_, clock_};
  ConnectionStore connections_{database_, clock_, box_};
  CallLog calls_{database_};
  PinpointClients clients_{connections_, calls_, http_, clock_, random_, options(sim_.url())};
  StageCache stages_{database_, clock_};
  WebhookIngest ingest_{database_, jobs_, connections_, clock_, IngestSettings{}};
  DeliveryProcessor processor_{database_, events_, clients_, stages_, clock_};
  std::int64_t job_ = 0, application_ = 0, account_ = 0;
  std::string key_, token_;
  std::optional<jobs::Job> last_job_;
};

TEST_F(ProcessingTest, AStageChangeBecomesAnEventWithTheApplicationJobAndStage) {
  EXPECT_EQ(
      deliver_and_process(delivery_body("application_stage_changed", std::to_string(application_))).kind,
      jobs::JobResult::Kind::completed);
  const auto recorded = events();
  ASSERT_EQ(recorded.size(), 1u);
  const auto& data = recorded[0].data;
  EXPECT_EQ(recorded[0].kind, "pinpoint.application_stage_changed");
  EXPECT_EQ(data["application_id"], application_);
  EXPECT_EQ(data["email"], "ada@x.test");
  EXPECT_EQ(data["job_id"], job_);
  EXPECT_EQ(data["job_title"], "Backend Engineer");
  EXPECT_EQ(data["stage_name"], "Applied");
  EXPECT_EQ(data["stage_basic_type"], "applied");
  EXPECT_EQ(data["previous_stage_id"], 1);
  EXPECT_EQ(delivery_outcome().first, "processed");
  EXPECT_FALSE(stages_.list(account_).empty()) << "an unknown stage refreshes the cache";

  const auto again = processor_.process(*last_job_);
  EXPECT_EQ(again.kind, jobs::JobResult::Kind::completed);
  EXPECT_FALSE(again.writes) << "running the job again records nothing more";
  EXPECT_EQ(events().size(), 1u);

  calls_.flush();
  const auto calls = calls_.recent(account_, 10, 0);
  ASSERT_GE(calls.size(), 2u);
  for (const auto& call : calls) EXPECT_EQ(call.call.path.find(key_), std::string::npos);
}

TEST_F(ProcessingTest, AnApplicationPinpointDoesNotKnowFailsForGood) {
  EXPECT_EQ(deliver_and_process(delivery_body("application_created", 999999)).kind,
            jobs::JobResult::Kind::discard);
  EXPECT_EQ(delivery_outcome().first, "failed");
  EXPECT_TRUE(events().empty());
}

TEST_F(ProcessingTest, ARevokedKeyIsReportedClearly) {
  connections_.save(account_, "acme", Secret("not-a-key-of-acme"));
  clients_.forget(account_);
  EXPECT_EQ(deliver_and_process(delivery_body("application_hired", application_)).kind,
            jobs::JobResult::Kind::discard);
  const auto [outcome, detail] = delivery_outcome();
  EXPECT_EQ(outcome, "failed");
  EXPECT_NE(detail.find("API key"), std::string::npos) << detail;
}

TEST_F(ProcessingTest, PinpointErrorsAreRetriedFromTheQueue) {
  sim_.admin("PUT", "/_sim/faults", {{"rules", {{{"error_rate", 1.0}}}}});
  EXPECT_EQ(deliver_and_process(delivery_body("application_stage_changed", application_)).kind,
            jobs::JobResult::Kind::retry);
  EXPECT_EQ(delivery_outcome().first, "retrying");
  sim_.admin("PUT", "/_sim/faults", {{"rules", nlohmann::json::array()}});
  ASSERT_TRUE(jobs_.retry_now(last_job_->id));
  EXPECT_EQ(run_processing_job().kind, jobs::JobResult::Kind::completed);
  EXPECT_EQ(delivery_outcome().first, "processed");
  EXPECT_EQ(events().size(), 1u);
}

TEST_F(ProcessingTest, ADeliveryWithoutAnApplicationIsRefused) {
  EXPECT_EQ(deliver_and_process(R"({"event":"application_created","data":{}})").kind,
            jobs::JobResult::Kind::discard);
  EXPECT_EQ(delivery_outcome().second, "The delivery names no application");
}

}  // namespace
}  // namespace pinbridge::automations
