// Fast unit tests of the simulator's pure logic: query parsing, the token bucket, signatures.
#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "sim/api_auth.hpp"
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

TEST(Faults, RuleRateLimitHasItsOwnBucketsPerKey) {
  FakeClock clock;
  SeededRandom random(1);
  FaultSettings settings;
  FaultRule rule;
  rule.pattern = "/api/v1/jobs";
  rule.rate_limit = 1;
  rule.burst = 1;
  settings.rules.push_back(rule);
  FaultInjector faults(clock, random, settings);
  EXPECT_FALSE(faults.decide("GET", "/api/v1/jobs", "a").retry_after);
  const auto limited = faults.decide("GET", "/api/v1/jobs", "a").retry_after;
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->count(), 1000);
  EXPECT_FALSE(faults.decide("GET", "/api/v1/jobs", "b").retry_after) << "another key";
  EXPECT_FALSE(faults.decide("GET", "/api/v1/users", "a").retry_after) << "another route";
  clock.advance(Millis(1000));
  EXPECT_FALSE(faults.decide("GET", "/api/v1/jobs", "a").retry_after);
}

TEST(Faults, RulesFromJson) {
  const auto rule = fault_rule_from_json(
      {{"method", "PUT"}, {"route", "/api/v1/applications/*"}, {"rate_limit", {{"rate", 5}}}});
  ASSERT_TRUE(rule.ok());
  EXPECT_EQ(rule->rate_limit, 5);
  EXPECT_EQ(rule->burst, 5) << "burst defaults to the rate";
  EXPECT_FALSE(fault_rule_from_json({{"drop_rate", 1.5}}).ok());
  EXPECT_FALSE(fault_rule_from_json({{"latency_ms", "slow"}}).ok());
  EXPECT_FALSE(fault_rule_from_json(nlohmann::json::array()).ok());
  const auto round_trip = FaultSettings::from_json(FaultSettings{1, 2, {*rule}}.to_json());
  ASSERT_TRUE(round_trip.ok());
  EXPECT_EQ(round_trip->rules.at(0).pattern, "/api/v1/applications/*");
  EXPECT_EQ(round_trip->rules.at(0).rate_limit, 5);
}

TEST(HostSubdomain, FirstLabelOfANameOnly) {
  EXPECT_EQ(host_subdomain("acme.pinpointhq.com"), "acme");
  EXPECT_EQ(host_subdomain("Acme.localhost:8081"), "acme");
  EXPECT_FALSE(host_subdomain("localhost:8081"));
  EXPECT_FALSE(host_subdomain("127.0.0.1:8081"));
  EXPECT_FALSE(host_subdomain("[::1]:8081"));
  EXPECT_FALSE(host_subdomain(""));
  EXPECT_FALSE(host_subdomain(".localhost"));
}

TEST(Signature, KnownVector) {
  crypto::initialize();
  // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
  EXPECT_EQ(webhook_signature("Jefe", "what do ya want for nothing?"),
            "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
}

}  // namespace
}  // namespace pinbridge::sim
