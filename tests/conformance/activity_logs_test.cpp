// The Activity page's reads on every backend: webhook deliveries and calls to Pinpoint, filtered,
// counted and paged newest first, and never another account's.
#include <gtest/gtest.h>

#include "accounts/account_store.hpp"
#include "automations/call_log.hpp"
#include "automations/delivery_log.hpp"
#include "automations/webhook_ingest.hpp"
#include "store/nullable.hpp"
#include "support/eventually.hpp"
#include "support/two_accounts_fixture.hpp"

namespace pinbridge::automations {
namespace {

class ActivityLogsConformance : public testing::TwoAccountsTest {
 protected:
  void SetUp() override {
    TwoAccountsTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    deliveries_ = std::make_unique<DeliveryLog>(database());
  }

  // A delivery as WebhookIngest stores it and DeliveryProcessor leaves it; returns its id.
  std::int64_t add_delivery(std::int64_t account_id, const std::string& event, bool verified,
                            const std::string& outcome) {
    const auto n = ++added_;
    std::optional<std::string> detail;
    if (outcome == "failed") detail = "Pinpoint refused the API key";
    return database().write([&](store::Connection& c) {
      return c
          .query_one(
              "INSERT INTO pinpoint_deliveries (account_id, received_at, event, verified, duplicate, "
              "dedup_key, body, outcome, outcome_detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
              "RETURNING id",
              {account_id, std::int64_t{1'700'000'000'000} + n * 1000, event, std::int64_t{verified ? 1 : 0},
               std::int64_t{outcome == "duplicate" ? 1 : 0}, "key-" + std::to_string(n),
               R"({"event":")" + event + R"(","data":{"application":{"id":)" + std::to_string(n) + "}}}",
               outcome, store::nullable(detail)})
          ->integer(0);
    });
  }

  static std::vector<std::int64_t> ids(const std::vector<DeliveryRecord>& records) {
    std::vector<std::int64_t> out;
    for (const auto& record : records) out.push_back(record.id);
    return out;
  }

  SeededRandom random_{5};
  crypto::SecretBox box_ = *crypto::SecretBox::from_key(std::string(32, 's'));
  std::unique_ptr<DeliveryLog> deliveries_;
  int added_ = 0;
};

TEST_P(ActivityLogsConformance, DeliveriesAreListedNewestFirstAndPaged) {
  std::vector<std::int64_t> added;
  for (int i = 0; i < 5; ++i) added.push_back(add_delivery(acme_, "application_created", true, "processed"));
  add_delivery(globex_, "application_created", true, "processed");

  const DeliveryFilter all;
  EXPECT_EQ(deliveries_->count(acme_, all), 5);
  EXPECT_EQ(ids(deliveries_->list(acme_, all, 2, 0)), (std::vector{added[4], added[3]}));
  EXPECT_EQ(ids(deliveries_->list(acme_, all, 2, 2)), (std::vector{added[2], added[1]}));
  EXPECT_EQ(ids(deliveries_->list(acme_, all, 2, 4)), (std::vector{added[0]}));
  const auto first = deliveries_->list(acme_, all, 1, 0).front();
  EXPECT_EQ(first.account_id, acme_);
  EXPECT_EQ(first.event, "application_created");
  EXPECT_EQ(first.outcome, "processed");
  EXPECT_TRUE(first.body.empty()) << "lists leave the bodies out";
}

TEST_P(ActivityLogsConformance, DeliveryFiltersCombine) {
  const auto created = add_delivery(acme_, "application_created", true, "processed");
  const auto unverified = add_delivery(acme_, "application_stage_changed", false, "pending");
  const auto failed = add_delivery(acme_, "application_stage_changed", true, "failed");
  const auto duplicate = add_delivery(acme_, "application_stage_changed", true, "duplicate");
  add_delivery(globex_, "application_stage_changed", false, "failed");

  DeliveryFilter by_event;
  by_event.event = "application_stage_changed";
  EXPECT_EQ(ids(deliveries_->list(acme_, by_event, 10, 0)), (std::vector{duplicate, failed, unverified}));
  EXPECT_EQ(deliveries_->count(acme_, by_event), 3);

  DeliveryFilter by_outcome;
  by_outcome.outcome = "failed";
  const auto failures = deliveries_->list(acme_, by_outcome, 10, 0);
  EXPECT_EQ(ids(failures), std::vector{failed});
  EXPECT_EQ(failures.front().outcome_detail, "Pinpoint refused the API key");

  DeliveryFilter not_verified;
  not_verified.verified = false;
  EXPECT_EQ(ids(deliveries_->list(acme_, not_verified, 10, 0)), std::vector{unverified});
  DeliveryFilter verified;
  verified.verified = true;
  EXPECT_EQ(deliveries_->count(acme_, verified), 3);

  DeliveryFilter combined = by_event;
  combined.verified = true;
  combined.outcome = "duplicate";
  const auto duplicates = deliveries_->list(acme_, combined, 10, 0);
  EXPECT_EQ(ids(duplicates), std::vector{duplicate});
  EXPECT_TRUE(duplicates.front().duplicate);
  combined.event = "application_hired";
  EXPECT_EQ(deliveries_->count(acme_, combined), 0);
  EXPECT_EQ(ids(deliveries_->list(acme_, DeliveryFilter{}, 10, 0)),
            (std::vector{duplicate, failed, unverified, created}));
}

TEST_P(ActivityLogsConformance, FindShowsTheBodyOnlyToItsAccount) {
  const auto id = add_delivery(acme_, "application_hired", true, "processed");
  const auto found = deliveries_->find(acme_, id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->event, "application_hired");
  EXPECT_NE(found->body.find("\"application\""), std::string::npos);
  EXPECT_FALSE(deliveries_->find(globex_, id));
  EXPECT_FALSE(deliveries_->find(acme_, id + 1000));
}

TEST_P(ActivityLogsConformance, RecentEventsAreTheAccountsOwnSorted) {
  add_delivery(acme_, "application_stage_changed", true, "processed");
  add_delivery(acme_, "application_created", true, "processed");
  add_delivery(acme_, "application_stage_changed", true, "processed");
  add_delivery(globex_, "job_created", true, "ignored");
  EXPECT_EQ(deliveries_->recent_events(acme_),
            (std::vector<std::string>{"application_created", "application_stage_changed"}));
}

TEST_P(ActivityLogsConformance, WhatIngestStoresReadsBack) {
  jobs::JobStore jobs(database(), clock_, random_, jobs::QueueSettings{});
  ConnectionStore connections(database(), clock_, box_);
  WebhookIngest ingest(database(), jobs, connections, clock_, IngestSettings{});
  const auto token = connections.save(acme_, "acme", Secret("pinpoint-key-1234")).webhook_token;
  const std::string body = R"({"event":"application_created","data":{"application":{"id":7}}})";
  ASSERT_TRUE(ingest.receive(token, std::nullopt, body).ok());
  ASSERT_TRUE(ingest.receive(token, std::nullopt, body).ok());

  const auto listed = deliveries_->list(acme_, DeliveryFilter{}, 10, 0);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_TRUE(listed[0].duplicate);
  EXPECT_EQ(listed[0].outcome, "duplicate");
  EXPECT_FALSE(listed[1].duplicate);
  EXPECT_EQ(listed[1].outcome, "pending");
  EXPECT_FALSE(listed[1].verified);
  EXPECT_EQ(listed[1].received_at, clock_.now());
  EXPECT_EQ(deliveries_->find(acme_, listed[1].id)->body, body);
}

TEST_P(ActivityLogsConformance, CallsAreFilteredByResultAndCounted) {
  CallLog calls(database());
  const auto call = [&](int status, int attempt) {
    pinpoint::CallRecord record;
    record.method = "GET";
    record.path = "/api/v1/applications/" + std::to_string(attempt);
    record.status = status;
    if (status == 0) record.error = "connection refused";
    record.started_at = clock_.now();
    record.duration = Millis(12);
    record.attempt = attempt;
    return record;
  };
  calls.record(acme_, call(200, 1));
  calls.record(acme_, call(0, 2));
  calls.record(acme_, call(429, 3));
  calls.record(acme_, call(201, 4));
  calls.record(globex_, call(500, 5));
  calls.flush();

  EXPECT_EQ(calls.count(acme_), 4);
  EXPECT_EQ(calls.count(acme_, CallFilter::failed), 2);
  EXPECT_EQ(calls.count(acme_, CallFilter::succeeded), 2);
  const auto failed = calls.recent(acme_, 10, 0, CallFilter::failed);
  ASSERT_EQ(failed.size(), 2u);
  EXPECT_EQ(failed[0].call.status, 429);
  EXPECT_EQ(failed[1].call.error, "connection refused");
  const auto page = calls.recent(acme_, 1, 1, CallFilter::succeeded);
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].call.attempt, 1);
  EXPECT_EQ(calls.recent(acme_, 10, 0).front().call.attempt, 4) << "newest first";
}

// Nobody flushes in production: a batch that gathers for company is still written on its own.
TEST_P(ActivityLogsConformance, ACallIsWrittenSoonWithoutAFlush) {
  CallLog calls(database());
  pinpoint::CallRecord record;
  record.method = "GET";
  record.path = "/api/v1/jobs";
  record.status = 200;
  record.started_at = clock_.now();
  calls.record(acme_, record);
  EXPECT_TRUE(testing::eventually([&] { return calls.count(acme_) == 1; }));
}

PINBRIDGE_ON_EVERY_BACKEND(ActivityLogsConformance);

}  // namespace
}  // namespace pinbridge::automations
