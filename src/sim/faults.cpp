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

nlohmann::json FaultSettings::to_json() const {
  nlohmann::json rules_json = nlohmann::json::array();
  for (const auto& r : rules)
    rules_json.push_back({{"method", r.method},
                          {"route", r.pattern},
                          {"latency_ms", r.latency_ms},
                          {"error_rate", r.error_rate},
                          {"drop_rate", r.drop_rate}});
  return {{"rate_limit", {{"rate", rate_limit}, {"burst", burst}}}, {"rules", rules_json}};
}

Result<FaultSettings> FaultSettings::from_json(const nlohmann::json& json) {
  FaultSettings out;
  try {
    if (json.contains("rate_limit") && json["rate_limit"].is_object()) {
      out.rate_limit = json["rate_limit"].value("rate", 0.0);
      out.burst = json["rate_limit"].value("burst", out.rate_limit);
    }
    for (const auto& r : json.value("rules", nlohmann::json::array())) {
      FaultRule rule{r.value("method", ""), r.value("route", ""), r.value("latency_ms", std::int64_t{0}),
                     r.value("error_rate", 0.0), r.value("drop_rate", 0.0)};
      if (rule.error_rate < 0 || rule.error_rate > 1 || rule.drop_rate < 0 || rule.drop_rate > 1 ||
          rule.latency_ms < 0)
        return Error::invalid("rates must be within [0, 1] and latency non-negative");
      out.rules.push_back(std::move(rule));
    }
  } catch (const nlohmann::json::exception& e) {
    return Error::invalid(std::string("bad fault settings: ") + e.what());
  }
  if (out.rate_limit < 0 || out.burst < 0) return Error::invalid("rate limit must be non-negative");
  if (out.rate_limit > 0 && out.burst < 1) out.burst = 1;
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

FaultDecision FaultInjector::decide(const std::string& method, const std::string& path,
                                    const std::string& key) {
  std::lock_guard lock(mutex_);
  FaultDecision decision;
  // Always three draws per request, so the sequence depends only on the seed and request order.
  const double drop_draw = random_.uniform();
  const double error_draw = random_.uniform();
  const double status_draw = random_.uniform();
  if (settings_.rate_limit > 0) {
    auto it = buckets_.try_emplace(key, settings_.rate_limit, settings_.burst, clock_.now()).first;
    decision.retry_after = it->second.take(clock_.now());
    if (decision.retry_after) return decision;
  }
  double drop_rate = 0;
  double error_rate = 0;
  for (const auto& rule : settings_.rules) {
    if (!rule.method.empty() && rule.method != method) continue;
    if (!route_matches(rule.pattern, path)) continue;
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
