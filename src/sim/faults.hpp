#pragma once
// Limits and faults of the simulated API, applied around every REST handler (never /_sim/):
// a token-bucket rate limit per API key (429 + Retry-After), added latency, a share of
// 500/502/503 answers and dropped connections, globally or for routes matching a pattern. A rule's
// rate limit has its own buckets (per API key), taken only by requests the rule matches, on top of
// the global limit.
// Decisions come from an injected Random, so a run under --seed N repeats exactly: each request
// draws the same number of values whatever the settings are.
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/random.hpp"
#include "core/result.hpp"

namespace pinbridge::sim {

// Classic token bucket: `rate` tokens per second, at most `burst` stored.
class TokenBucket {
 public:
  TokenBucket(double rate, double burst, Timestamp now)
      : rate_(rate), burst_(burst), tokens_(burst), last_(now) {}
  // Takes a token if there is one; otherwise returns how long until there will be.
  std::optional<Millis> take(Timestamp now);

 private:
  double rate_;
  double burst_;
  double tokens_;
  Timestamp last_;
};

struct FaultRule {
  std::string method;   // "" = any
  std::string pattern;  // "" = every route; else a path where "*" or "{name}" matches one segment
  std::int64_t latency_ms = 0;
  double error_rate = 0;  // share answered 500/502/503
  double drop_rate = 0;   // share of connections closed with no answer
  double rate_limit = 0;  // requests per second per API key on the matching routes; 0 = none
  double burst = 0;
};

struct FaultSettings {
  double rate_limit = 0;  // requests per second per API key; 0 = no limit
  double burst = 0;
  std::vector<FaultRule> rules;  // every matching rule applies; latencies add up

  nlohmann::json to_json() const;
  static Result<FaultSettings> from_json(const nlohmann::json& json);
  // "RATE/BURST", e.g. "10/20"
  static Result<std::pair<double, double>> parse_rate(const std::string& text);
};

// A rule from its JSON form {"method","route","latency_ms","error_rate","drop_rate","rate_limit":
// {"rate","burst"}}; invalid_input for out-of-range values.
Result<FaultRule> fault_rule_from_json(const nlohmann::json& json);

struct FaultDecision {
  std::optional<Millis> retry_after;  // rate limited
  bool drop = false;
  int error_status = 0;  // 0 = none
  Millis latency{0};
};

class FaultInjector {
 public:
  FaultInjector(const Clock& clock, Random& random, FaultSettings settings);
  FaultDecision decide(const std::string& method, const std::string& path, const std::string& key);
  void set(FaultSettings settings);
  FaultSettings settings() const;
  // Appends one rule, keeping the other rules and every bucket.
  void add_rule(FaultRule rule);

 private:
  std::optional<Millis> take_token(std::size_t bucket_set, double rate, double burst, const std::string& key);

  const Clock& clock_;
  Random& random_;
  mutable std::mutex mutex_;
  FaultSettings settings_;
  // (0 = the global limit, i + 1 = rule i, API key) -> bucket
  std::map<std::pair<std::size_t, std::string>, TokenBucket> buckets_;
};

bool route_matches(const std::string& pattern, const std::string& path);

}  // namespace pinbridge::sim
