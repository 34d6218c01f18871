#include "core/crypto.hpp"

#include <gtest/gtest.h>

#include "jobs/backoff.hpp"

namespace pinbridge {
namespace {

class CryptoTest : public ::testing::Test {
 protected:
  void SetUp() override { crypto::initialize(); }
};

TEST_F(CryptoTest, HmacMatchesRfc4231TestCase2) {
  const std::string mac = crypto::hmac_sha256("Jefe", "what do ya want for nothing?");
  EXPECT_EQ(crypto::to_hex(mac), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(crypto::base64_encode(mac), "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
}

TEST_F(CryptoTest, Base64RoundTripsAndRejectsGarbage) {
  const std::string bytes("\x00\x01\xfe\xff binary", 11);
  EXPECT_EQ(*crypto::base64_decode(crypto::base64_encode(bytes)), bytes);
  EXPECT_FALSE(crypto::base64_decode("not base64 at all!").ok());
}

TEST_F(CryptoTest, TokensAreUrlSafeAndDistinct) {
  const std::string a = crypto::random_token(32), b = crypto::random_token(32);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
}

TEST_F(CryptoTest, SecretBoxOpensWhatItSealedAndNothingElse) {
  auto box = crypto::SecretBox::from_key(crypto::SecretBox::generate_key());
  ASSERT_TRUE(box.ok());
  const std::string sealed = box->seal(Secret("pinpoint-api-key-123"));
  EXPECT_EQ(sealed.find("pinpoint-api-key-123"), std::string::npos);
  EXPECT_EQ(box->open(sealed)->reveal(), "pinpoint-api-key-123");
  EXPECT_NE(box->seal(Secret("same")), box->seal(Secret("same"))) << "nonces must differ";

  auto other = crypto::SecretBox::from_key(crypto::SecretBox::generate_key());
  EXPECT_FALSE(other->open(sealed).ok());
  std::string tampered = sealed;
  tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(box->open(tampered).ok());
  EXPECT_FALSE(box->open("v2:whatever").ok());
  EXPECT_FALSE(crypto::SecretBox::from_key("too short").ok());
}

TEST_F(CryptoTest, PasswordsHashWithArgon2idAndVerify) {
  const std::string hash =
      crypto::hash_password(Secret("hunter2hunter2"), crypto::PasswordCost::minimal_for_tests);
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(crypto::verify_password(Secret("hunter2hunter2"), hash));
  EXPECT_FALSE(crypto::verify_password(Secret("hunter3hunter3"), hash));
  EXPECT_FALSE(crypto::verify_password(Secret("x"), "not a hash"));
}

TEST_F(CryptoTest, SecretsFormatRedacted) {
  EXPECT_EQ(fmt::format("key={}", Secret("s3cr3t")), "key=[redacted]");
}

TEST(BackoffTest, DoublesPerAttemptUpToTheCapWithBoundedJitter) {
  SeededRandom random(7);
  jobs::BackoffPolicy exact{
      .base = std::chrono::milliseconds(100), .cap = std::chrono::milliseconds(1000), .jitter = 0};
  EXPECT_EQ(exact.delay(1, random).count(), 100);
  EXPECT_EQ(exact.delay(2, random).count(), 200);
  EXPECT_EQ(exact.delay(4, random).count(), 800);
  EXPECT_EQ(exact.delay(5, random).count(), 1000);
  EXPECT_EQ(exact.delay(500, random).count(), 1000);
  jobs::BackoffPolicy jittered{
      .base = std::chrono::milliseconds(1000), .cap = std::chrono::hours(1), .jitter = 0.2};
  std::set<long long> distinct;
  for (int i = 0; i < 100; ++i) {
    const auto d = jittered.delay(1, random).count();
    EXPECT_GE(d, 800);
    EXPECT_LE(d, 1200);
    distinct.insert(d);
  }
  EXPECT_GT(distinct.size(), 10u) << "jitter should spread retries";
}

}  // namespace
}  // namespace pinbridge
