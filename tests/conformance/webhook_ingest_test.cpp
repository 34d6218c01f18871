// Pinpoint webhook ingest on every backend: verify -> persist -> acknowledge, deduplication by body
// hash (indexed after the body's triggeredAt, also for keys stored before migration 12), unknown
// events kept but ignored, and connections' secrets sealed and tenant-scoped.
#include "automations/webhook_ingest.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "accounts/account_store.hpp"
#include "schema/product_schema.hpp"
#include "store/migrations.hpp"
#include "support/two_accounts_fixture.hpp"

namespace pinbridge::automations {
namespace {

using namespace std::chrono_literals;

// A stage change whose envelope carries triggered_at as given, or no "triggeredAt" at all.
std::string stage_changed_with(int application_id, const std::optional<nlohmann::json>& triggered_at) {
  nlohmann::json body{{"event", "application_stage_changed"},
                      {"data", {{"application", {{"id", application_id}}}, {"stage", {{"id", 3}}}}}};
  if (triggered_at) body["triggeredAt"] = *triggered_at;
  return body.dump();
}

std::string stage_changed(int application_id) {
  return stage_changed_with(application_id, 1700000000);
}

// The triggered_at stored with a body's deduplication key.
std::int64_t key_triggered_at(store::Database& database, const std::string& body) {
  return database.read([&](store::Connection& c) {
    return c
        .query_one("SELECT triggered_at FROM pinpoint_delivery_keys WHERE dedup_key = $1",
                   {crypto::sha256_hex(body)})
        ->integer(0);
  });
}

class WebhookIngestConformance : public testing::TwoAccountsTest {
 protected:
  void SetUp() override {
    TwoAccountsTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    jobs_ = std::make_unique<jobs::JobStore>(database(), clock_, random_, jobs::QueueSettings{});
    connections_ = std::make_unique<ConnectionStore>(database(), clock_, box_);
    ingest_ = std::make_unique<WebhookIngest>(database(), *jobs_, *connections_, clock_, IngestSettings{});
    token_ = connections_->save(acme_, "acme", Secret("pinpoint-key-1234")).webhook_token;
  }

  std::int64_t count(std::string_view sql) {
    return database().read([&](store::Connection& c) { return c.query_one(sql)->integer(0); });
  }
  std::int64_t count_where(std::string_view sql, const std::string& value) {
    return database().read([&](store::Connection& c) { return c.query_one(sql, {value})->integer(0); });
  }
  std::int64_t deliveries() { return count("SELECT count(*) FROM pinpoint_deliveries"); }

  // A trigger that makes every insert of a delivery fail, as a full disk or a lost database would.
  void refuse_deliveries(bool refuse) {
    const bool sqlite = database().dialect() == store::Dialect::sqlite;
    database().write([&](store::Connection& c) {
      if (!refuse)
        return c.execute_script("DROP TRIGGER refuse_deliveries" +
                                std::string(sqlite ? "" : " ON pinpoint_deliveries"));
      c.execute_script(sqlite ? "CREATE TRIGGER refuse_deliveries BEFORE INSERT ON pinpoint_deliveries "
                                "BEGIN SELECT RAISE(ABORT, 'refused'); END"
                              : "CREATE FUNCTION refuse_deliveries() RETURNS trigger AS $$ BEGIN RAISE "
                                "EXCEPTION 'refused'; END $$ LANGUAGE plpgsql; "
                                "CREATE TRIGGER refuse_deliveries BEFORE INSERT ON pinpoint_deliveries "
                                "FOR EACH ROW EXECUTE FUNCTION refuse_deliveries()");
    });
  }
  std::int64_t process_jobs() {
    return count("SELECT count(*) FROM jobs WHERE kind = 'pinpoint.process_delivery'");
  }

  SeededRandom random_{3};
  crypto::SecretBox box_ = *crypto::SecretBox::from_key(std::string(32, 's'));
  std::unique_ptr<jobs::JobStore> jobs_;
  std::unique_ptr<ConnectionStore> connections_;
  std::unique_ptr<WebhookIngest> ingest_;
  std::string token_;
};

TEST_P(WebhookIngestConformance, SignedDeliveryIsStoredOnceAndStartsOneJob) {
  const Secret secret("whsec-from-pinpoint");
  ASSERT_TRUE(connections_->set_signing_secret(acme_, secret).ok());
  const auto body = stage_changed(7);
  EXPECT_EQ(*ingest_->receive(token_, pinpoint_signature(secret, body), body), IngestOutcome::stored);
  EXPECT_EQ(*ingest_->receive(token_, pinpoint_signature(secret, body), body), IngestOutcome::duplicate);
  EXPECT_EQ(deliveries(), 2);
  EXPECT_EQ(process_jobs(), 1);
  const auto connection = connections_->find(acme_);
  EXPECT_EQ(connection->last_delivery_at, clock_.now());
  EXPECT_EQ(connection->last_delivery_verified, true);
}

TEST_P(WebhookIngestConformance, AResentBodyIsADuplicateOfTheSameTriggeredAt) {
  const auto body = stage_changed(7);
  EXPECT_EQ(*ingest_->receive(token_, std::nullopt, body), IngestOutcome::stored);
  EXPECT_EQ(*ingest_->receive(token_, std::nullopt, body), IngestOutcome::duplicate);
  EXPECT_EQ(key_triggered_at(database(), body), 1700000000);
  EXPECT_EQ(count("SELECT count(*) FROM pinpoint_delivery_keys"), 1);
  EXPECT_EQ(process_jobs(), 1);
}

TEST_P(WebhookIngestConformance, BodiesDifferingOnlyInTriggeredAtAreBothStored) {
  const auto first = stage_changed_with(7, 1700000000);
  const auto second = stage_changed_with(7, 1700000001);
  EXPECT_EQ(*ingest_->receive(token_, std::nullopt, first), IngestOutcome::stored);
  EXPECT_EQ(*ingest_->receive(token_, std::nullopt, second), IngestOutcome::stored);
  EXPECT_EQ(*ingest_->receive(token_, std::nullopt, second), IngestOutcome::duplicate);
  EXPECT_EQ(*ingest_->receive(token_, std::nullopt, first), IngestOutcome::duplicate);
  EXPECT_EQ(process_jobs(), 2);
}

// triggered_at is the top-level integer, else 0 (the rule migration 12 back-filled by); any body
// is still deduplicated by its hash.
TEST_P(WebhookIngestConformance, BodiesWithoutAnIntegerTriggeredAtAreDeduplicatedToo) {
  const std::vector<std::pair<std::optional<nlohmann::json>, std::int64_t>> cases{
      {std::nullopt, 0},
      {"1700000000", 0},
      {1700000000.5, 0},
      {nlohmann::json::object({{"at", 1700000000}}), 0},
      {-12, -12},
      {std::uint64_t{999'999'999'999'999'999}, 999'999'999'999'999'999},
      {std::uint64_t{1'000'000'000'000'000'000}, 0},
      {std::uint64_t{18'446'744'073'709'551'615U}, 0},
  };
  int application = 0;
  for (const auto& [triggered_at, stored_as] : cases) {
    const auto body = stage_changed_with(++application, triggered_at);
    EXPECT_EQ(*ingest_->receive(token_, std::nullopt, body), IngestOutcome::stored) << body;
    EXPECT_EQ(*ingest_->receive(token_, std::nullopt, body), IngestOutcome::duplicate) << body;
    EXPECT_EQ(key_triggered_at(database(), body), stored_as) << body;
  }
  const auto nested = nlohmann::json{{"event", "application_hired"}, {"data", {{"triggeredAt", 5}}}}.dump();
  EXPECT_EQ(*ingest_->receive(token_, std::nullopt, nested), IngestOutcome::stored);
  EXPECT_EQ(key_triggered_at(database(), nested), 0) << "only the envelope's own triggeredAt counts";
  EXPECT_EQ(process_jobs(), static_cast<std::int64_t>(cases.size()) + 1);
}

TEST_P(WebhookIngestConformance, BadSignaturesAndBadBodiesStoreNothing) {
  const Secret secret("whsec-from-pinpoint");
  ASSERT_TRUE(connections_->set_signing_secret(acme_, secret).ok());
  const auto body = stage_changed(7);
  EXPECT_EQ(ingest_->receive(token_, std::nullopt, body).error().code, ErrorCode::unauthorized);
  EXPECT_EQ(ingest_->receive(token_, pinpoint_signature(Secret("other"), body), body).error().code,
            ErrorCode::unauthorized);
  EXPECT_EQ(ingest_->receive(token_, pinpoint_signature(secret, body), body + " ").error().code,
            ErrorCode::unauthorized);
  const std::string not_json = "{\"event\":";
  EXPECT_EQ(ingest_->receive(token_, pinpoint_signature(secret, not_json), not_json).error().code,
            ErrorCode::invalid_input);
  const std::string huge = std::string(70'000, ' ') + body;
  EXPECT_EQ(ingest_->receive(token_, pinpoint_signature(secret, huge), huge).error().code,
            ErrorCode::payload_too_large);
  EXPECT_EQ(ingest_->receive("unknown-token", std::nullopt, body).error().code, ErrorCode::not_found);
  EXPECT_EQ(deliveries(), 0);
  EXPECT_EQ(process_jobs(), 0);
}

TEST_P(WebhookIngestConformance, WithoutASecretDeliveriesAreKeptUnverified) {
  EXPECT_EQ(*ingest_->receive(token_, std::nullopt, stage_changed(1)), IngestOutcome::stored);
  EXPECT_EQ(connections_->find(acme_)->last_delivery_verified, false);
  EXPECT_EQ(count("SELECT verified FROM pinpoint_deliveries"), 0);
}

TEST_P(WebhookIngestConformance, UnknownEventsAreKeptAndIgnored) {
  const auto body = nlohmann::json{{"event", "job_created"}, {"data", nlohmann::json::object()}}.dump();
  EXPECT_EQ(*ingest_->receive(token_, std::nullopt, body), IngestOutcome::ignored);
  EXPECT_EQ(deliveries(), 1);
  EXPECT_EQ(process_jobs(), 0);
}

TEST_P(WebhookIngestConformance, ConcurrentDeliveriesAreAllCommitted) {
  std::vector<std::thread> senders;
  for (int t = 0; t < 8; ++t) {
    senders.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i)
        EXPECT_TRUE(ingest_->receive(token_, std::nullopt, stage_changed(t * 100 + i)).ok());
    });
  }
  for (auto& sender : senders) sender.join();
  EXPECT_EQ(deliveries(), 200);
  EXPECT_EQ(process_jobs(), 200);
}

// What a submitter of asynchronous deliveries heard, for the test to wait on.
class Outcomes {
 public:
  WebhookIngest::Done record() {
    return [this](const Result<IngestOutcome>& outcome) {
      std::lock_guard lock(mutex_);
      outcome ? ++stored_ : ++refused_;
      if (!outcome) codes_.push_back(outcome.error().code);
      heard_.notify_all();
    };
  }
  // The limit only keeps a broken test from hanging.
  bool wait_for(int total) {
    std::unique_lock lock(mutex_);
    return heard_.wait_for(lock, 60s, [&] { return stored_ + refused_ >= total; });
  }
  int stored() {
    std::lock_guard lock(mutex_);
    return stored_;
  }
  std::vector<ErrorCode> refusals() {
    std::lock_guard lock(mutex_);
    return codes_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable heard_;
  int stored_ = 0, refused_ = 0;
  std::vector<ErrorCode> codes_;
};

TEST_P(WebhookIngestConformance, AsynchronousDeliveriesAreAcknowledgedOnlyOnceCommitted) {
  constexpr int total = 300;
  std::mutex mutex;
  int seen_committed = 0;
  Outcomes outcomes;
  for (int i = 0; i < total; ++i) {
    auto body = stage_changed(i);
    auto record = outcomes.record();
    ingest_->receive_async(
        token_, std::nullopt, body, [&, body, record](const Result<IngestOutcome>& outcome) {
          const bool committed =
              count_where("SELECT count(*) FROM pinpoint_deliveries WHERE body = $1", body) == 1;
          {
            std::lock_guard lock(mutex);
            if (committed) ++seen_committed;
          }
          record(outcome);
        });
  }
  ASSERT_TRUE(outcomes.wait_for(total));
  EXPECT_EQ(outcomes.stored(), total);
  EXPECT_EQ(seen_committed, total) << "each delivery was committed before it was acknowledged";
  EXPECT_EQ(deliveries(), total);
  EXPECT_EQ(process_jobs(), total);
}

TEST_P(WebhookIngestConformance, AsynchronousRefusalsAnswerAtOnceAndStoreNothing) {
  Outcomes outcomes;
  ingest_->receive_async("unknown-token", std::nullopt, stage_changed(1), outcomes.record());
  ingest_->receive_async(token_, std::nullopt, "not json", outcomes.record());
  ASSERT_TRUE(outcomes.wait_for(2));
  EXPECT_EQ(outcomes.refusals(), (std::vector{ErrorCode::not_found, ErrorCode::invalid_input}));
  EXPECT_EQ(deliveries(), 0);
}

// A transaction that fails answers 503 to every delivery in it and keeps none of them, not even
// their deduplication keys: Pinpoint's retry is then stored as new.
TEST_P(WebhookIngestConformance, AFailedBatchRefusesEveryDeliveryAndTheRetryIsStored) {
  refuse_deliveries(true);
  constexpr int total = 20;
  Outcomes refused;
  for (int i = 0; i < total; ++i)
    ingest_->receive_async(token_, std::nullopt, stage_changed(i), refused.record());
  ASSERT_TRUE(refused.wait_for(total));
  EXPECT_EQ(refused.refusals(), std::vector<ErrorCode>(total, ErrorCode::unavailable));
  EXPECT_EQ(count("SELECT count(*) FROM pinpoint_delivery_keys"), 0);
  EXPECT_EQ(process_jobs(), 0);

  refuse_deliveries(false);
  Outcomes retried;
  for (int i = 0; i < total; ++i)
    ingest_->receive_async(token_, std::nullopt, stage_changed(i), retried.record());
  ASSERT_TRUE(retried.wait_for(total));
  EXPECT_EQ(retried.stored(), total);
  EXPECT_EQ(deliveries(), total);
  EXPECT_EQ(process_jobs(), total);
}

TEST_P(WebhookIngestConformance, KeysAreKeptForTheRetentionThenPruned) {
  const auto body = stage_changed(9);
  ASSERT_TRUE(ingest_->receive(token_, std::nullopt, body).ok());
  clock_.advance(71h);
  EXPECT_EQ(ingest_->prune_keys(), 0);
  EXPECT_EQ(*ingest_->receive(token_, std::nullopt, body), IngestOutcome::duplicate);
  clock_.advance(2h);
  EXPECT_EQ(ingest_->prune_keys(), 1);
}

TEST_P(WebhookIngestConformance, RotatingTheUrlRetiresTheOldOneAtOnce) {
  const auto fresh = connections_->rotate_webhook_token(acme_);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(ingest_->receive(token_, std::nullopt, stage_changed(1)).error().code, ErrorCode::not_found);
  EXPECT_TRUE(ingest_->receive(*fresh, std::nullopt, stage_changed(1)).ok());
  EXPECT_EQ(connections_->find(acme_)->webhook_token, *fresh);
}

TEST_P(WebhookIngestConformance, ConnectionsKeepKeysSealedAndPerAccount) {
  const auto connection = connections_->find(acme_);
  EXPECT_EQ(connection->api_key_hint, "…1234");
  EXPECT_EQ(connections_->api_key(acme_)->reveal(), "pinpoint-key-1234");
  EXPECT_EQ(count("SELECT count(*) FROM pinpoint_connections WHERE api_key_sealed LIKE '%pinpoint-key%'"), 0);
  EXPECT_FALSE(connections_->find(globex_));
  EXPECT_FALSE(connections_->api_key(globex_));
  EXPECT_EQ(connections_->confirm_webhook(globex_).error().code, ErrorCode::not_found);
  const auto saved_again = connections_->save(acme_, "acme2", Secret("second-key-9999"));
  EXPECT_EQ(saved_again.webhook_token, token_) << "changing the key keeps the webhook URL";
  EXPECT_EQ(saved_again.subdomain, "acme2");
  connections_->disconnect(acme_);
  EXPECT_FALSE(connections_->find(acme_));
  EXPECT_EQ(ingest_->receive(token_, std::nullopt, stage_changed(1)).error().code, ErrorCode::not_found);
}

PINBRIDGE_ON_EVERY_BACKEND(WebhookIngestConformance);

// A database at migration 11 holding keys as the ingest wrote them then (no triggered_at), taken
// to the latest version.
class DeliveryKeysMigration : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    test_database_ = std::make_unique<testing::TestDatabase>(GetParam(), /*migrate=*/false);
    if (!database_or_null()) {
      if (testing::postgres_required()) FAIL() << "PINBRIDGE_TEST_POSTGRES_URL is required but not set";
      GTEST_SKIP() << "PINBRIDGE_TEST_POSTGRES_URL not set";
    }
    store::migrate(database(), migrations_before(12));
    accounts::AccountStore accounts(database(), clock_, crypto::PasswordCost::minimal_for_tests);
    acme_ = accounts.create_account("acme", "Acme")->id;
    connections_ = std::make_unique<ConnectionStore>(database(), clock_, box_);
    token_ = connections_->save(acme_, "acme", Secret("pinpoint-key-1234")).webhook_token;
  }

  static std::span<const store::Migration> migrations_before(int version) {
    const auto all = schema::product_migrations();
    const auto end =
        std::find_if(all.begin(), all.end(), [&](const auto& m) { return m.version >= version; });
    return all.first(static_cast<std::size_t>(end - all.begin()));
  }

  store::Database* database_or_null() { return test_database_->database(); }
  store::Database& database() { return *test_database_->database(); }

  // What the ingest wrote for a new delivery before migration 12: its key and its row.
  void store_as_before(const std::string& body) {
    const auto key = crypto::sha256_hex(body);
    const auto at = to_unix_ms(clock_.now());
    database().write([&](store::Connection& c) {
      c.execute("INSERT INTO pinpoint_delivery_keys (account_id, dedup_key, received_at) VALUES ($1, $2, $3)",
                {acme_, key, at});
      c.execute(
          "INSERT INTO pinpoint_deliveries (account_id, received_at, event, verified, duplicate, dedup_key, "
          "body, outcome) VALUES ($1, $2, 'application_stage_changed', 0, 0, $3, $4, 'pending')",
          {acme_, at, key, body});
    });
  }

  std::int64_t keys() {
    return database().read([](store::Connection& c) {
      return c.query_one("SELECT count(*) FROM pinpoint_delivery_keys")->integer(0);
    });
  }

  FakeClock clock_;
  SeededRandom random_{3};
  crypto::SecretBox box_ = *crypto::SecretBox::from_key(std::string(32, 's'));
  std::unique_ptr<testing::TestDatabase> test_database_;
  std::unique_ptr<ConnectionStore> connections_;
  std::int64_t acme_ = 0;
  std::string token_;
};

TEST_P(DeliveryKeysMigration, KeysStoredBeforeTheMigrationAreStillDuplicatesAfterIt) {
  const std::vector<std::string> bodies{stage_changed(1), stage_changed_with(2, std::nullopt),
                                        stage_changed_with(3, "1700000000")};
  for (const auto& body : bodies) store_as_before(body);
  clock_.advance(std::chrono::hours(1));
  ASSERT_GE(store::migrate(database(), schema::product_migrations()), 1);  // 12, and any after it
  EXPECT_EQ(key_triggered_at(database(), bodies[0]), 1700000000);
  EXPECT_EQ(key_triggered_at(database(), bodies[1]), 0);
  EXPECT_EQ(key_triggered_at(database(), bodies[2]), 0);

  jobs::JobStore jobs(database(), clock_, random_, jobs::QueueSettings{});
  WebhookIngest ingest(database(), jobs, *connections_, clock_, IngestSettings{});
  for (const auto& body : bodies)
    EXPECT_EQ(*ingest.receive(token_, std::nullopt, body), IngestOutcome::duplicate) << body;
  EXPECT_EQ(*ingest.receive(token_, std::nullopt, stage_changed(4)), IngestOutcome::stored);
  clock_.advance(std::chrono::hours(71) + std::chrono::minutes(30));
  EXPECT_EQ(ingest.prune_keys(), 3) << "the keys kept their received_at, so they age out on time";
  EXPECT_EQ(keys(), 1);
}

// Bodies the ingest accepted but a database's JSON parser may refuse are left at triggered_at 0
// rather than failing the migration, which would keep the service from starting.
TEST_P(DeliveryKeysMigration, BodiesTheDatabaseCannotParseDoNotStopIt) {
  const std::string deep = R"({"event":"application_hired","triggeredAt":1700000000,"data":)" +
                           std::string(2500, '[') + std::string(2500, ']') + "}";
  const auto with_nul = nlohmann::json{{"event", "application_hired"},
                                       {"triggeredAt", 1700000000},
                                       {"data", {{"note", std::string("a\0b", 3)}}}}
                            .dump();
  const auto with_bom = "\xEF\xBB\xBF" + stage_changed(5);
  for (const auto& body : {deep, with_nul, with_bom}) {
    ASSERT_TRUE(nlohmann::json::accept(body)) << "the ingest would have stored it";
    store_as_before(body);
  }
  ASSERT_GE(store::migrate(database(), schema::product_migrations()), 1);  // 12, and any after it
  EXPECT_EQ(keys(), 3);
  for (const auto& body : {deep, with_nul, with_bom}) EXPECT_EQ(key_triggered_at(database(), body), 0);
}

PINBRIDGE_ON_EVERY_BACKEND(DeliveryKeysMigration);

}  // namespace
}  // namespace pinbridge::automations
