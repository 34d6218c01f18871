#pragma once
// When to send a request to Pinpoint again, and after how long. Pure functions of what happened,
// so they are tested without a network or a clock.
//
// Retried: 429 (always: Pinpoint refused it before doing anything), and 408, 5xx, timeouts and
// dropped connections for requests that are safe to repeat (GET, PUT). A POST that failed that way
// may already have been carried out, so by default it is not sent again blindly: callers make
// such writes idempotent by looking up before creating (see upsert_candidate_assessment).
// Every other 4xx is final.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/random.hpp"
#include "jobs/backoff.hpp"

namespace pinbridge::pinpoint {

using Millis = std::chrono::milliseconds;

struct RetryPolicy {
  int max_attempts = 5;  // sends in all, the first included
  jobs::BackoffPolicy backoff{Millis{250}, Millis{8000}, 0.2};
  Millis max_total_wait{30'000};      // sum of the pauses between attempts of one call
  bool retry_unsafe_methods = false;  // also retry POST after 5xx, timeouts and dropped connections
};

// What one attempt produced, as far as the retry decision cares.
struct AttemptOutcome {
  int status = 0;  // 0: no answer (transport failure)
  std::optional<Millis> retry_after;
  bool idempotent = true;  // the method may be repeated without doing the work twice
};

bool is_idempotent_method(std::string_view method);

// Retry-After as delta seconds ("3"); nullopt for anything else (HTTP dates are not used by
// Pinpoint's documented behaviour, and guessing a clock skew is worse than our own backoff).
std::optional<Millis> parse_retry_after(const std::optional<std::string>& header);

// True when the answer (or its absence) is worth another attempt, before counting attempts.
bool is_retryable(const AttemptOutcome& outcome, const RetryPolicy& policy);

// The pause before attempt `attempt + 1`, or nullopt to stop. `waited` is the sum of the pauses
// so far. A Retry-After is a floor (only widened by jitter, never shortened); a pause that would
// exceed max_total_wait stops instead, since waiting less than the server asked is pointless.
std::optional<Millis> retry_delay(const RetryPolicy& policy, const AttemptOutcome& outcome, int attempt,
                                  Millis waited, Random& random);

}  // namespace pinbridge::pinpoint
