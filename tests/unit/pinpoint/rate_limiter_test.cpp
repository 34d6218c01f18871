#include "pinpoint/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace pinbridge::pinpoint {
namespace {

TEST(RateLimiterTest, BurstThenSteadyRate) {
  FakeClock clock;
  RateLimiter limiter(clock, 10, 3);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.reserve(), Millis{0}) << i;
  EXPECT_EQ(limiter.reserve(), Millis{100});
  EXPECT_EQ(limiter.reserve(), Millis{200}) << "callers queue behind each other";
  clock.advance(Millis{200});
  EXPECT_EQ(limiter.reserve(), Millis{100});
}

TEST(RateLimiterTest, RefillsUpToBurstOnly) {
  FakeClock clock;
  RateLimiter limiter(clock, 2, 2);
  (void)limiter.reserve();
  (void)limiter.reserve();
  clock.advance(Millis{60'000});
  EXPECT_EQ(limiter.reserve(), Millis{0});
  EXPECT_EQ(limiter.reserve(), Millis{0});
  EXPECT_EQ(limiter.reserve(), Millis{500});
}

TEST(RateLimiterTest, ZeroRateIsUnlimited) {
  FakeClock clock;
  RateLimiter limiter(clock, 0, 0);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(limiter.reserve(), Millis{0});
}

TEST(RateLimiterTest, PauseHoldsEveryCallerThenReleasesThemAtTheRate) {
  FakeClock clock;
  RateLimiter limiter(clock, 10, 5);
  limiter.pause_until(clock.now() + Millis{1000});
  EXPECT_EQ(limiter.reserve(), Millis{1000});
  EXPECT_EQ(limiter.reserve(), Millis{1100}) << "not all at once after the pause";
  EXPECT_EQ(limiter.reserve(), Millis{1200});
  clock.advance(Millis{5000});
  EXPECT_EQ(limiter.reserve(), Millis{0});
  limiter.pause_until(clock.now() - Millis{10});  // a pause in the past changes nothing
  EXPECT_EQ(limiter.reserve(), Millis{0});
}

TEST(RateLimiterTest, PauseWorksWithoutARate) {
  FakeClock clock;
  RateLimiter limiter(clock, 0, 0);
  limiter.pause_until(clock.now() + Millis{1500});
  EXPECT_EQ(limiter.reserve(), Millis{1500});
  clock.advance(Millis{1500});
  EXPECT_EQ(limiter.reserve(), Millis{0});
}

TEST(RateLimiterTest, ThreadsShareOneBucket) {
  FakeClock clock;
  RateLimiter limiter(clock, 100, 10);
  std::vector<std::thread> threads;
  std::vector<Millis> waits(8 * 50);
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) waits[t * 50 + i] = limiter.reserve();
    });
  for (auto& thread : threads) thread.join();
  std::sort(waits.begin(), waits.end());
  // 400 reservations at 100/s with 10 free: the last waits (400 - 10) / 100 s.
  EXPECT_EQ(waits.back(), Millis{3900});
  EXPECT_EQ(std::count(waits.begin(), waits.end(), Millis{0}), 10);
}

}  // namespace
}  // namespace pinbridge::pinpoint
