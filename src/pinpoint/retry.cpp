#include "pinpoint/retry.hpp"

#include <charconv>

namespace pinbridge::pinpoint {

bool is_idempotent_method(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" || method == "OPTIONS";
}

std::optional<Millis> parse_retry_after(const std::optional<std::string>& header) {
  if (!header) return std::nullopt;
  std::string_view text = *header;
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  long long seconds = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, seconds);
  if (text.empty() || ec != std::errc() || ptr != end || seconds < 0) return std::nullopt;
  constexpr long long one_day = 86'400;  // clamp absurd values; max_total_wait decides anyway
  return Millis{std::min(seconds, one_day) * 1000};
}

bool is_retryable(const AttemptOutcome& outcome, const RetryPolicy& policy) {
  if (outcome.status == 429) return true;
  const bool ambiguous = outcome.status == 0 || outcome.status == 408 || outcome.status >= 500;
  return ambiguous && (outcome.idempotent || policy.retry_unsafe_methods);
}

std::optional<Millis> retry_delay(const RetryPolicy& policy, const AttemptOutcome& outcome, int attempt,
                                  Millis waited, Random& random) {
  if (attempt >= policy.max_attempts || !is_retryable(outcome, policy)) return std::nullopt;
  Millis delay = policy.backoff.delay(attempt, random);
  if (outcome.retry_after) {
    // Spread callers that were told the same moment, but never come back earlier than asked.
    const double spread = 1.0 + policy.backoff.jitter * random.uniform();
    delay = Millis{static_cast<long long>(static_cast<double>(outcome.retry_after->count()) * spread)};
    if (delay < *outcome.retry_after) delay = *outcome.retry_after;
  }
  if (waited + delay > policy.max_total_wait) return std::nullopt;
  return delay;
}

}  // namespace pinbridge::pinpoint
