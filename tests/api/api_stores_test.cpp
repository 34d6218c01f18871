// The public API's stores on every backend: API keys (hashed, shown once, revoked), idempotency
// records (replay window, first writer wins) and webhook endpoints with their delivery log.
#include <gtest/gtest.h>

#include "accounts/account_store.hpp"
#include "api/api_keys.hpp"
#include "api/idempotency.hpp"
#include "api/webhook_store.hpp"
#include "core/crypto.hpp"
#include "support/backend_fixture.hpp"

namespace pinbridge::api {
namespace {

using namespace std::chrono_literals;

class ApiStores : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    crypto::initialize();
    accounts_ =
        std::make_unique<accounts::AccountStore>(database(), clock_, crypto::PasswordCost::minimal_for_tests);
    acme_ = accounts_->create_account("acme", "Acme")->id;
    globex_ = accounts_->create_account("globex", "Globex")->id;
  }
  FakeClock clock_;
  std::unique_ptr<accounts::AccountStore> accounts_;
  std::int64_t acme_ = 0, globex_ = 0;
};

TEST_P(ApiStores, AKeyIsShownOnceStoredHashedAndRevocable) {
  ApiKeyStore keys(database(), clock_);
  const auto created = keys.create(acme_, "  HR system ");
  ASSERT_TRUE(created.ok());
  const std::string plaintext = created->plaintext.reveal();
  EXPECT_TRUE(plaintext.starts_with("pb_live_"));
  EXPECT_EQ(created->key.name, "HR system");
  EXPECT_TRUE(plaintext.starts_with(created->key.prefix));
  EXPECT_EQ(created->key.prefix.size(), 14u);
  const auto stored = database().read(
      [](store::Connection& c) { return c.query_one("SELECT key_hash FROM api_keys")->text(0); });
  EXPECT_EQ(stored, crypto::sha256_hex(plaintext));

  clock_.advance(5min);
  const auto used = keys.authenticate(Secret(plaintext));
  ASSERT_TRUE(used.has_value());
  EXPECT_EQ(used->account_id, acme_);
  EXPECT_EQ(keys.list(acme_).at(0).last_used_at, clock_.now());
  EXPECT_FALSE(keys.authenticate(Secret(plaintext + "x")).has_value());
  EXPECT_FALSE(keys.authenticate(Secret("not-a-key")).has_value());

  EXPECT_EQ(keys.revoke(globex_, created->key.id).error().code, ErrorCode::not_found);
  ASSERT_TRUE(keys.revoke(acme_, created->key.id).ok());
  EXPECT_TRUE(keys.authenticate(Secret(plaintext))->revoked_at.has_value());
  EXPECT_TRUE(keys.list(globex_).empty());
  EXPECT_EQ(keys.create(acme_, " ").error().code, ErrorCode::invalid_input);
  EXPECT_EQ(keys.create(acme_, std::string(101, 'k')).error().code, ErrorCode::invalid_input);
}

TEST_P(ApiStores, IdempotencyRecordsReplayForADayAndTheFirstWriterWins) {
  IdempotencyStore store(database(), clock_);
  EXPECT_FALSE(store.find(acme_, "k1").has_value());
  const auto first = store.remember(acme_, "k1", {"hash-a", 201, "{\"id\":1}"});
  EXPECT_EQ(first.body, "{\"id\":1}");
  const auto second = store.remember(acme_, "k1", {"hash-b", 201, "{\"id\":2}"});
  EXPECT_EQ(second.request_hash, "hash-a") << "a concurrent second request gets the stored answer";
  EXPECT_FALSE(store.find(globex_, "k1").has_value()) << "keys are per account";
  clock_.advance(23h);
  EXPECT_TRUE(store.find(acme_, "k1").has_value());
  clock_.advance(2h);
  EXPECT_FALSE(store.find(acme_, "k1").has_value());
  EXPECT_EQ(store.remember(acme_, "k1", {"hash-c", 200, "{}"}).request_hash, "hash-c");
}

TEST_P(ApiStores, WebhookEndpointsKeepASealedSecretAndLogAttempts) {
  const auto box = *crypto::SecretBox::from_key(std::string(crypto::SecretBox::key_size, 'k'));
  WebhookStore store(database(), clock_, box, UrlPolicy{true});
  EXPECT_EQ(store.create(acme_, "ftp://example.com/x", {"assessment.completed"}).error().code,
            ErrorCode::invalid_input);
  EXPECT_EQ(store.create(acme_, "http://127.0.0.1:9/x", {}).error().code, ErrorCode::invalid_input);
  EXPECT_EQ(store.create(acme_, "http://127.0.0.1:9/x", {"nope"}).error().code, ErrorCode::invalid_input);
  const auto created =
      store.create(acme_, "http://127.0.0.1:9/x", {"assessment.completed", "invitation.started"});
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_TRUE(created->secret.reveal().starts_with("whsec_"));
  EXPECT_EQ(crypto::base64_decode(created->secret.reveal().substr(6))->size(), 32u);
  EXPECT_EQ(store.secret(created->endpoint)->reveal(), created->secret.reveal());
  EXPECT_EQ(created->endpoint.secret_sealed.find(created->secret.reveal()), std::string::npos);
  EXPECT_TRUE(store.find(acme_, created->endpoint.id)->wants("invitation.started"));
  EXPECT_FALSE(store.find(globex_, created->endpoint.id).has_value());

  WebhookAttempt attempt;
  attempt.endpoint_id = created->endpoint.id;
  attempt.event_id = 7;
  attempt.message_id = "msg_7_1";
  attempt.event_type = "assessment.completed";
  attempt.attempt = 1;
  attempt.status_code = 500;
  attempt.duration_ms = 12;
  attempt.error = "HTTP 500";
  store.record_attempt(acme_, attempt);
  const auto log = store.attempts(acme_, 10);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].status_code, 500);
  EXPECT_FALSE(log[0].succeeded);
  EXPECT_TRUE(store.attempts(globex_, 10).empty());
  EXPECT_EQ(store.remove(globex_, created->endpoint.id).error().code, ErrorCode::not_found);
  EXPECT_TRUE(store.remove(acme_, created->endpoint.id).ok());
  EXPECT_TRUE(store.list(acme_).empty());
}

TEST_P(ApiStores, PrivateTargetsAreRefusedUnlessAllowed) {
  const auto box = *crypto::SecretBox::from_key(std::string(crypto::SecretBox::key_size, 'k'));
  WebhookStore store(database(), clock_, box, UrlPolicy{false});
  const auto refused = store.create(acme_, "http://127.0.0.1:8080/hook", {"assessment.completed"});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("private"), std::string::npos) << refused.error().message;
  EXPECT_FALSE(store.create(acme_, "http://localhost/hook", {"assessment.completed"}).ok());
  EXPECT_FALSE(store.create(acme_, "http://[::1]/hook", {"assessment.completed"}).ok());
}

PINBRIDGE_ON_EVERY_BACKEND(ApiStores);

}  // namespace
}  // namespace pinbridge::api
