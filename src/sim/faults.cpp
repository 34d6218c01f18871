#include "sim/faults.hpp"

#include <algorithm>
#include <cmath>

#include "sim/jsonapi.hpp"

namespace pinbridge::sim {

std::optional<Millis> TokenBucket::take(Timestamp now) {
  const double elapsed = std::chrono::duration<double>(now - last_).count();
  if (elapsed > 0) {
    tokens_ = std::min(burst_, tokens_ + elapsed * rate_);
    last_ = now;
  }
  if (tokens_ >= 1.0) {
    tokens_ -= 1.0;
    return std::nullopt;
  }
  return Millis(static_cast<std::int64_t>(std::ceil((1.0 - tokens_) / rate_ * 1000.0)));
}

bool route_matches(const std::string& pattern, const std::string& path) {
  if (pattern.empty() || pattern == "*") return true;
  const auto want = split(pattern, '/');
  const auto have = split(path, '/');
  if (want.size() != have.size()) return false;
  for (std::size_t i = 0; i < want.size(); ++i) {
    const bool wildcard = want[i] == "*" || (want[i].starts_with('{') && want[i].ends_with('}'));
    if (!wildcard && want[i] != have[i]) return false;
  }
  return true;
}

namespace {

nlohmann::json rate_json(double rate, double burst) {
  return {{"rate", rate}, {"burst", burst}};
}

// {"rate": R, "burst": B} into rate and burst (burst defaults to the rate, at least 1).
Result<void> read_rate(const nlohmann::json& json, double& rate, double& burst) {
  if (!json.contains("rate_limit") || json["rate_limit"].is_null()) return {};
  const auto& limit = json["rate_limit"];
  if (!limit.is_object()) return Error::invalid("rate_limit must be an object {\"rate\", \"burst\"}");
  rate = limit.value("rate", 0.0);
  burst = limit.value("burst", rate);
  if (rate < 0 || burst < 0) return Error::invalid("rate limit must be non-negative");
  if (rate > 0 && burst < 1) burst = 1;
  return {};
}

}  // namespace

nlohmann::json FaultSettings::to_json() const {
  nlohmann::json rules_json = nlohmann::json::array();
  for (const auto& r : rules)
    rules_json.push_back({{"method", r.method},
                          {"route", r.pattern},
                          {"latency_ms", r.latency_ms},
                          {"error_rate", r.error_rate},
                          {"drop_rate", r.drop_rate},
                          {"rate_limit", rate_json(r.rate_limit, r.burst)}});
  return {{"rate_limit", rate_json(rate_limit, burst)}, {"rules", rules_json}};
}

Result<FaultRule> fault_rule_from_json(const nlohmann::json& r) {
  if (!r.is_object()) return Error::invalid("a fault rule must be an object");
  try {
    FaultRule rule{r.value("method", ""), r.value("route", ""), r.value("latency_ms", std::int64_t{0}),
                   r.value("error_rate", 0.0), r.value("drop_rate", 0.0)};
    if (rule.error_rate < 0 || rule.error_rate > 1 || rule.drop_rate < 0 || rule.drop_rate > 1 ||
        rule.latency_ms < 0)
      return Error::invalid("rates must be within [0, 1] and latency non-negative");
    if (auto ok = read_rate(r, rule.rate_limit, rule.burst); !ok) return ok.error();
    return rule;
  } catch (const nlohmann::json::exception& e) {
    return Error::invalid(std::string("bad fault rule: ") + e.what());
  }
}

Result<FaultSettings> FaultSettings::from_json(const nlohmann::json& json) {
  if (!json.is_object()) return Error::invalid("fault settings must be a JSON object");
  FaultSettings out;
  try {
    if (auto ok = read_rate(json, out.rate_limit, out.burst); !ok) return ok.error();
    const auto rules = json.value("rules", nlohmann::json::array());
    if (!rules.is_array()) return Error::invalid("rules must be an array");
    for (const auto& r : rules) {
      auto rule = fault_rule_from_json(r);
      if (!rule) return rule.error();
      out.rules.push_back(std::move(*rule));
    }
  } catch (const nlohmann::json::exception& e) {
    return Error::invalid(std::string("bad fault settings: ") + e.what());
  }
  return out;
}

Result<std::pair<double, double>> FaultSettings::parse_rate(const std::string& text) {
  const auto slash = text.find('/');
  try {
    const double rate = std::stod(text.substr(0, slash));
    const double burst = slash == std::string::npos ? rate : std::stod(text.substr(slash + 1));
    if (rate <= 0 || burst < 1) return Error::invalid("--rate-limit needs RATE > 0 and BURST >= 1");
    return std::pair{rate, burst};
  } catch (const std::exception&) {
    return Error::invalid("--rate-limit must look like RATE/BURST, e.g. 10/20");
  }
}

FaultInjector::FaultInjector(const Clock& clock, Random& random, FaultSettings settings)
    : clock_(clock), random_(random), settings_(std::move(settings)) {}

void FaultInjector::set(FaultSettings settings) {
  std::lock_guard lock(mutex_);
  settings_ = std::move(settings);
  buckets_.clear();
}

FaultSettings FaultInjector::settings() const {
  std::lock_guard lock(mutex_);
  return settings_;
}

void FaultInjector::add_rule(FaultRule rule) {
  std::lock_guard lock(mutex_);
  settings_.rules.push_back(std::move(rule));
}

std::optional<Millis> FaultInjector::take_token(std::size_t bucket_set, double rate, double burst,
                                                const std::string& key) {
  auto it = buckets_.try_emplace({bucket_set, key}, rate, burst, clock_.now()).first;
  return it->second.take(clock_.now());
}

FaultDecision FaultInjector::decide(const std::string& method, const std::string& path,
                                    const std::string& key) {
  std::lock_guard lock(mutex_);
  FaultDecision decision;
  // Always three draws per request, so the sequence depends only on the seed and request order.
  const double drop_draw = random_.uniform();
  const double error_draw = random_.uniform();
  const double status_draw = random_.uniform();
  if (settings_.rate_limit > 0) {
    decision.retry_after = take_token(0, settings_.rate_limit, settings_.burst, key);
    if (decision.retry_after) return decision;
  }
  double drop_rate = 0;
  double error_rate = 0;
  for (std::size_t i = 0; i < settings_.rules.size(); ++i) {
    const auto& rule = settings_.rules[i];
    if (!rule.method.empty() && rule.method != method) continue;
    if (!route_matches(rule.pattern, path)) continue;
    if (rule.rate_limit > 0) {
      decision.retry_after = take_token(i + 1, rule.rate_limit, rule.burst, key);
      if (decision.retry_after) return decision;
    }
    decision.latency += Millis(rule.latency_ms);
    drop_rate = std::max(drop_rate, rule.drop_rate);
    error_rate = std::max(error_rate, rule.error_rate);
  }
  decision.drop = drop_draw < drop_rate;
  if (!decision.drop && error_draw < error_rate) {
    constexpr int statuses[] = {500, 502, 503};
    decision.error_status = statuses[std::min(2, static_cast<int>(status_draw * 3))];
  }
  return decision;
}

}  // namespace pinbridge::sim
