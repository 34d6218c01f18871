// Fast unit tests of the simulator's pure logic: query parsing, the token bucket, signatures.
#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "sim/faults.hpp"
#include "sim/jsonapi.hpp"
#include "sim/webhooks.hpp"

namespace pinbridge::sim {
namespace {

TEST(ListQuery, ParsesEverything) {
  const auto q = parse_list_query({{"page[number]", "2"},
                                   {"page[size]", "50"},
                                   {"stats[total]", "count"},
                                   {"filter[updated_at][gt]", "2024-01-01"},
                                   {"include", "stages,job"},
                                   {"fields[applications]", "email"},
                                   {"extra_fields[applications]", "tags,attachments"},
                                   {"sort", "-updated_at"}});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->page_number, 2);
  EXPECT_EQ(q->page_size, 50);
  EXPECT_TRUE(q->stats_total);
  ASSERT_EQ(q->filters.size(), 1U);
  EXPECT_EQ(q->filters[0].op, "gt");
  EXPECT_EQ(q->include.size(), 2U);
  EXPECT_TRUE(q->extra_fields.at("applications").contains("tags"));
  EXPECT_TRUE(q->descending);
}

TEST(ListQuery, DefaultsAndBadInput) {
  EXPECT_EQ(parse_list_query({})->page_size, 100);
  EXPECT_FALSE(parse_list_query({{"page[size]", "1001"}}).ok());
  EXPECT_FALSE(parse_list_query({{"page[size]", "0"}}).ok());
  EXPECT_FALSE(parse_list_query({{"page[number]", "x"}}).ok());
  EXPECT_FALSE(parse_list_query({{"stats[total]", "sum"}}).ok());
  EXPECT_FALSE(parse_list_query({{"filter[a][between]", "1"}}).ok());
  EXPECT_FALSE(parse_list_query({{"sort", "email"}}).ok());
  EXPECT_FALSE(parse_list_query({{"bogus", "1"}}).ok());
}

TEST(Ids, NumbersAndNumericStrings) {
  EXPECT_EQ(id_from_json(5), 5);
  EXPECT_EQ(id_from_json("5"), 5);
  EXPECT_FALSE(id_from_json("5a"));
  EXPECT_FALSE(id_from_json(-1));
  EXPECT_FALSE(id_from_json(nullptr));
}

TEST(Times, IsoRoundTrip) {
  EXPECT_EQ(iso_time(1'700'000'000'123), "2023-11-14T22:13:20.123+00:00");
  EXPECT_EQ(parse_time("2023-11-14T22:13:20.123+00:00"), 1'700'000'000'123);
  EXPECT_EQ(parse_time("2023-11-14T23:13:20+01:00"), 1'700'000'000'000);
  EXPECT_EQ(parse_time("1700000000"), 1'700'000'000'000);
  EXPECT_FALSE(parse_time("yesterday"));
}

TEST(TokenBucket, RefillsWithFakeClock) {
  FakeClock clock;
  TokenBucket bucket(2.0, 2.0, clock.now());
  EXPECT_FALSE(bucket.take(clock.now()));
  EXPECT_FALSE(bucket.take(clock.now()));
  const auto wait = bucket.take(clock.now());
  ASSERT_TRUE(wait);
  EXPECT_EQ(wait->count(), 500);
  clock.advance(Millis(500));
  EXPECT_FALSE(bucket.take(clock.now()));
}

TEST(Faults, SameSeedSameDecisions) {
  FakeClock clock;
  FaultSettings settings;
  settings.rules.push_back({"", "/api/v1/{type}", 0, 0.5, 0.1});
  auto run = [&] {
    SeededRandom random(99);
    FaultInjector faults(clock, random, settings);
    std::vector<int> out;
    for (int i = 0; i < 50; ++i) {
      const auto d = faults.decide("GET", "/api/v1/jobs", "k");
      out.push_back(d.drop ? -1 : d.error_status);
    }
    return out;
  };
  EXPECT_EQ(run(), run());
  EXPECT_TRUE(route_matches("/api/v1/{type}/*", "/api/v1/jobs/1"));
  EXPECT_FALSE(route_matches("/api/v1/jobs", "/api/v1/users"));
}

TEST(Signature, KnownVector) {
  crypto::initialize();
  // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
  EXPECT_EQ(webhook_signature("Jefe", "what do ya want for nothing?"),
            "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
}

}  // namespace
}  // namespace pinbridge::sim
