// The Pinpoint plugin's storage on every backend: one Plugin API Key per account (made once even
// when first asked for at the same moment, sealed, found by the key itself, replaced by a
// rotation so the old key is refused at once) and the log of result callback attempts.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "accounts/account_store.hpp"
#include "plugin/callback_log.hpp"
#include "plugin/plugin_keys.hpp"
#include "support/backend_fixture.hpp"

namespace pinbridge::plugin {
namespace {

class PluginStoreConformance : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    crypto::initialize();
    accounts::AccountStore accounts(database(), clock_, crypto::PasswordCost::minimal_for_tests);
    acme_ = accounts.create_account("acme", "Acme")->id;
    globex_ = accounts.create_account("globex", "Globex")->id;
    keys_ = std::make_unique<PluginKeyStore>(database(), clock_, box_);
  }

  FakeClock clock_;
  crypto::SecretBox box_ = *crypto::SecretBox::from_key(std::string(32, 'p'));
  std::unique_ptr<PluginKeyStore> keys_;
  std::int64_t acme_ = 0, globex_ = 0;
};

TEST_P(PluginStoreConformance, AKeyIsMadeOnceAndFoundByItself) {
  EXPECT_FALSE(keys_->find(acme_)->has_value());
  const auto key = keys_->ensure(acme_);
  ASSERT_TRUE(key);
  EXPECT_TRUE(key->key.reveal().starts_with("pb_plugin_"));
  EXPECT_GE(key->key.reveal().size(), std::string("pb_plugin_").size() + 43);
  EXPECT_EQ(key->created_at, clock_.now());
  EXPECT_FALSE(key->rotated_at);
  EXPECT_EQ(keys_->ensure(acme_)->key.reveal(), key->key.reveal()) << "ensure keeps the key it has";
  EXPECT_EQ((*keys_->find(acme_))->key.reveal(), key->key.reveal());
  EXPECT_EQ(keys_->account_for(key->key), acme_);
  const auto other = keys_->ensure(globex_);
  EXPECT_NE(other->key.reveal(), key->key.reveal());
  EXPECT_EQ(keys_->account_for(other->key), globex_);
  EXPECT_FALSE(keys_->account_for(Secret("pb_plugin_guess")));
  EXPECT_FALSE(keys_->account_for(Secret("")));
  EXPECT_FALSE(keys_->account_for(Secret(key->key.reveal() + "x")));
}

TEST_P(PluginStoreConformance, TheKeyIsStoredSealedAndHashedNeverInTheClear) {
  const auto key = keys_->ensure(acme_)->key.reveal();
  const auto row = database().read(
      [](store::Connection& c) { return c.query_one("SELECT key_sealed, key_hash FROM plugin_keys"); });
  ASSERT_TRUE(row);
  EXPECT_EQ(row->text(0).find(key), std::string::npos);
  EXPECT_EQ(box_.open(row->text(0))->reveal(), key);
  EXPECT_EQ(row->text(1), crypto::sha256_hex(key));
}

TEST_P(PluginStoreConformance, RotatingReplacesTheKeyAtOnce) {
  const auto old_key = keys_->ensure(acme_)->key;
  clock_.advance(std::chrono::minutes(5));
  const auto rotated = keys_->rotate(acme_);
  ASSERT_TRUE(rotated);
  EXPECT_NE(rotated->key.reveal(), old_key.reveal());
  EXPECT_EQ(rotated->rotated_at, clock_.now());
  EXPECT_EQ(rotated->created_at, clock_.now() - std::chrono::minutes(5));
  EXPECT_FALSE(keys_->account_for(old_key));
  EXPECT_EQ(keys_->account_for(rotated->key), acme_);
  EXPECT_EQ((*keys_->find(acme_))->key.reveal(), rotated->key.reveal());
  EXPECT_TRUE(keys_->rotate(globex_)) << "rotating before any key was made makes one";
}

TEST_P(PluginStoreConformance, ConcurrentFirstUsesAgreeOnOneKey) {
  constexpr int callers = 6;
  std::vector<std::string> seen(callers);
  std::vector<std::thread> threads;
  for (int i = 0; i < callers; ++i)
    threads.emplace_back([&, i] { seen[static_cast<std::size_t>(i)] = keys_->ensure(acme_)->key.reveal(); });
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 1U);
}

TEST_P(PluginStoreConformance, CallbackAttemptsAreListedNewestFirstPerAccount) {
  CallbackLog log(database(), clock_);
  for (int n = 1; n <= 3; ++n) {
    CallbackAttempt attempt;
    attempt.account_id = acme_;
    attempt.invitation_id = 7;
    attempt.event_id = 70;
    attempt.event = "assessment_completed";
    attempt.url = "https://pinpoint.test/cb/1";
    attempt.attempt = n;
    if (n < 3) attempt.error = n == 1 ? "connection refused" : "HTTP 503";
    if (n > 1) attempt.status_code = n == 2 ? 503 : 200;
    attempt.succeeded = n == 3;
    attempt.duration_ms = 10 * n;
    log.record(attempt);
    clock_.advance(std::chrono::seconds(1));
  }
  EXPECT_EQ(log.count(acme_), 3);
  EXPECT_EQ(log.count(globex_), 0);
  EXPECT_TRUE(log.recent(globex_, 10, 0).empty());
  const auto listed = log.recent(acme_, 2, 0);
  ASSERT_EQ(listed.size(), 2U);
  EXPECT_EQ(listed[0].attempt, 3);
  EXPECT_TRUE(listed[0].succeeded);
  EXPECT_EQ(listed[0].status_code, 200);
  EXPECT_FALSE(listed[0].error);
  EXPECT_EQ(listed[1].error, "HTTP 503");
  const auto last = log.recent(acme_, 2, 2);
  ASSERT_EQ(last.size(), 1U);
  EXPECT_FALSE(last[0].status_code);
  EXPECT_EQ(last[0].error, "connection refused");
  EXPECT_EQ(last[0].url, "https://pinpoint.test/cb/1");
  EXPECT_EQ(last[0].duration_ms, 10);
  EXPECT_EQ(last[0].created_at, clock_.now() - std::chrono::seconds(3));
}

PINBRIDGE_ON_EVERY_BACKEND(PluginStoreConformance);

}  // namespace
}  // namespace pinbridge::plugin
