#include "pinpoint/retry.hpp"

#include <gtest/gtest.h>

#include "fixed_random.hpp"

namespace pinbridge::pinpoint {
namespace {

using testing::FixedRandom;

AttemptOutcome answer(int status, std::optional<Millis> retry_after = {}, bool idempotent = true) {
  AttemptOutcome outcome;
  outcome.status = status;
  outcome.retry_after = retry_after;
  outcome.idempotent = idempotent;
  return outcome;
}

TEST(RetryTest, ParsesRetryAfterSeconds) {
  EXPECT_EQ(parse_retry_after(std::string("3")), Millis{3000});
  EXPECT_EQ(parse_retry_after(std::string(" 0 ")), Millis{0});
  EXPECT_EQ(parse_retry_after(std::string("999999999")), Millis{86'400'000}) << "clamped to a day";
  for (const char* bad : {"", "-1", "1.5", "soon", "Wed, 21 Oct 2015 07:28:00 GMT", "3s"})
    EXPECT_FALSE(parse_retry_after(std::string(bad))) << bad;
  EXPECT_FALSE(parse_retry_after(std::nullopt));
}

TEST(RetryTest, WhatIsRetryable) {
  const RetryPolicy policy;
  for (int status : {429, 500, 502, 503, 504, 408, 0})
    EXPECT_TRUE(is_retryable(answer(status), policy)) << status;
  for (int status : {200, 201, 400, 401, 403, 404, 409, 422})
    EXPECT_FALSE(is_retryable(answer(status), policy)) << status;
}

TEST(RetryTest, PostIsRetriedOnlyOn429UnlessAllowed) {
  RetryPolicy policy;
  EXPECT_TRUE(is_retryable(answer(429, {}, false), policy)) << "a 429 was refused before any work";
  EXPECT_FALSE(is_retryable(answer(500, {}, false), policy));
  EXPECT_FALSE(is_retryable(answer(0, {}, false), policy));
  policy.retry_unsafe_methods = true;
  EXPECT_TRUE(is_retryable(answer(500, {}, false), policy));
  EXPECT_TRUE(is_idempotent_method("GET"));
  EXPECT_TRUE(is_idempotent_method("PUT"));
  EXPECT_FALSE(is_idempotent_method("POST"));
}

TEST(RetryTest, ExponentialBackoffUntilMaxAttempts) {
  RetryPolicy policy;
  policy.max_attempts = 4;
  policy.backoff = {Millis{100}, Millis{250}, 0.2};
  FixedRandom middle(0.5);
  EXPECT_EQ(retry_delay(policy, answer(503), 1, Millis{0}, middle), Millis{100});
  EXPECT_EQ(retry_delay(policy, answer(503), 2, Millis{100}, middle), Millis{200});
  EXPECT_EQ(retry_delay(policy, answer(503), 3, Millis{300}, middle), Millis{250}) << "capped";
  EXPECT_FALSE(retry_delay(policy, answer(503), 4, Millis{550}, middle)) << "four attempts in all";
  EXPECT_FALSE(retry_delay(policy, answer(404), 1, Millis{0}, middle));
}

TEST(RetryTest, JitterSpreadsTheDelay) {
  RetryPolicy policy;
  policy.backoff = {Millis{1000}, Millis{60'000}, 0.2};
  FixedRandom low(0.0);
  FixedRandom high(0.999);
  EXPECT_EQ(retry_delay(policy, answer(500), 1, Millis{0}, low), Millis{800});
  EXPECT_GE(*retry_delay(policy, answer(500), 1, Millis{0}, high), Millis{1199});
}

TEST(RetryTest, RetryAfterIsAFloorAndOverridesBackoff) {
  RetryPolicy policy;
  policy.backoff = {Millis{100}, Millis{1000}, 0.2};
  FixedRandom none(0.0);
  FixedRandom high(0.999);
  EXPECT_EQ(retry_delay(policy, answer(429, Millis{2000}), 1, Millis{0}, none), Millis{2000});
  const auto spread = *retry_delay(policy, answer(429, Millis{2000}), 1, Millis{0}, high);
  EXPECT_GE(spread, Millis{2000});
  EXPECT_LE(spread, Millis{2400});
  EXPECT_EQ(retry_delay(policy, answer(503, Millis{3000}), 1, Millis{0}, none), Millis{3000});
}

TEST(RetryTest, TotalWaitIsCapped) {
  RetryPolicy policy;
  policy.max_attempts = 100;
  policy.max_total_wait = Millis{5000};
  FixedRandom none(0.0);
  EXPECT_TRUE(retry_delay(policy, answer(429, Millis{2000}), 1, Millis{3000}, none));
  EXPECT_FALSE(retry_delay(policy, answer(429, Millis{2000}), 2, Millis{3001}, none))
      << "waiting less than Retry-After is pointless, so stop";
  EXPECT_FALSE(retry_delay(policy, answer(429, Millis{60'000}), 1, Millis{0}, none));
}

}  // namespace
}  // namespace pinbridge::pinpoint
