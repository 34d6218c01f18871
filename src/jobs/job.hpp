#pragma once
// The vocabulary of the durable job queue, shaped like River's: a job is a row with a kind, JSON
// arguments and a state machine
//   available | scheduled -> running -> completed
//                              |-> retryable -> running ...   (failed, attempts left)
//                              |-> discarded                   (failed for good, or out of attempts)
//   any waiting state -> cancelled
#include <chrono>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace pinbridge::store {
class Connection;
}

namespace pinbridge::jobs {

enum class JobState { available, scheduled, running, retryable, completed, discarded, cancelled };
std::string_view state_name(JobState state);
std::optional<JobState> parse_state(std::string_view name);
inline constexpr JobState all_states[] = {JobState::available, JobState::scheduled, JobState::running,
                                          JobState::retryable, JobState::completed, JobState::discarded,
                                          JobState::cancelled};

struct NewJob {
  std::string kind;
  nlohmann::json args = nlohmann::json::object();
  std::optional<std::int64_t> account_id;  // the tenant it works for, when it has one
  std::optional<std::string> unique_key;   // a second enqueue with the same key is a no-op
  std::optional<Timestamp> run_at;         // later than now: the job waits in 'scheduled'
  int max_attempts = 0;                    // 0: the queue's default
};

struct EnqueueResult {
  std::int64_t id = 0;
  bool duplicate = false;  // a job with the same unique key already existed; nothing was added
};

// A claimed job, as its handler sees it.
struct Job {
  std::int64_t id = 0;
  std::string kind;
  nlohmann::json args;
  int attempt = 0;  // 1 on the first run
  int max_attempts = 0;
  std::optional<std::int64_t> account_id;
  Timestamp created_at;
  Timestamp scheduled_at;  // when it became due: pickup latency is start time minus this
};

// Database writes that belong to a job's outcome. The queue runs them in the transaction that
// records the outcome, so the effects and the outcome commit together, and the outcomes of many
// jobs share one commit: a handler that writes its own transaction costs the single SQLite writer
// a commit per job. They run only while the attempt still holds the job (a worker whose lease was
// taken over writes nothing), and later, on another thread: capture by value. If they throw, they
// are rolled back alone and the attempt is retried.
using OutcomeWrites = std::function<void(store::Connection&)>;

// What a handler tells the queue. Throwing counts as retry with the exception's message.
struct JobResult {
  enum class Kind { completed, retry, discard, cancel };
  Kind kind = Kind::completed;
  std::string error;
  std::optional<std::chrono::milliseconds> retry_after;  // overrides the backoff (e.g. Retry-After)
  OutcomeWrites writes;                                  // empty: the outcome alone is recorded

  static JobResult done() { return {}; }
  static JobResult retry(std::string error, std::optional<std::chrono::milliseconds> after = std::nullopt) {
    return {Kind::retry, std::move(error), after, {}};
  }
  // A failure that another attempt cannot fix (a 4xx from a partner, a bad argument).
  static JobResult discard(std::string error) { return {Kind::discard, std::move(error), std::nullopt, {}}; }
  static JobResult cancel(std::string reason) { return {Kind::cancel, std::move(reason), std::nullopt, {}}; }

  // This outcome, recorded together with `effects` (see OutcomeWrites).
  JobResult with_writes(OutcomeWrites effects) && {
    writes = std::move(effects);
    return std::move(*this);
  }
};

}  // namespace pinbridge::jobs
