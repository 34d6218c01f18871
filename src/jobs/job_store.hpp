#pragma once
// The durable queue's storage: every state change of a job is one SQL statement here. Claims take
// a lease; a lease that runs out (the worker died, or stalled) is returned to the queue by
// rescue_expired(). Completion and failure are fenced by the attempt number, so a worker whose
// lease was taken over cannot overwrite the newer attempt's outcome.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/random.hpp"
#include "jobs/backoff.hpp"
#include "jobs/job.hpp"
#include "store/database.hpp"

namespace pinbridge::jobs {

struct QueueSettings {
  int default_max_attempts = 25;
  std::chrono::milliseconds lease{std::chrono::minutes(5)};
  BackoffPolicy backoff;
  std::chrono::hours retention{24 * 7};  // finalized jobs (and their unique keys) kept this long
};

// A job's full row, for assertions, the dashboard and admin tools.
struct JobRecord {
  Job job;
  JobState state = JobState::available;
  std::optional<std::string> unique_key;
  std::optional<std::string> attempted_by;
  std::optional<Timestamp> finalized_at;
  nlohmann::json errors;  // [{"attempt":1,"at":ms,"error":"..."}...]
};

struct Outcome {
  Job job;
  JobResult result;
};

class JobStore {
 public:
  JobStore(store::Database& database, const Clock& clock, Random& random, QueueSettings settings);

  // Enqueues inside the caller's transaction, so the job exists exactly when the change that
  // caused it does. Wakes workers once the transaction commits.
  EnqueueResult enqueue(store::Connection& connection, const NewJob& job);
  EnqueueResult enqueue(const NewJob& job);  // in a transaction of its own

  // Marks up to limit due jobs running for worker_id, oldest first.
  std::vector<Job> claim(const std::string& worker_id, int limit);
  // Records a batch of outcomes, and the writes that come with them, in one transaction (group
  // commit).
  void finish(const std::vector<Outcome>& outcomes);
  // finish, then claim up to limit due jobs in the same transaction: a busy worker pool refills
  // the slots a batch frees with one commit instead of two.
  std::vector<Job> finish_and_claim(const std::vector<Outcome>& outcomes, const std::string& worker_id,
                                    int limit);
  // Returns expired leases to the queue (or discards them when out of attempts); returns how many.
  int rescue_expired();
  // Deletes finalized jobs older than the retention; returns how many.
  int prune_finalized();
  // When the next waiting job falls due, if any.
  std::optional<Timestamp> next_due();
  // How long until then by this store's clock (zero when overdue).
  std::optional<std::chrono::milliseconds> time_until_next_due();

  // Puts a discarded, cancelled or retryable job back to run now (the dashboard's retry button).
  bool retry_now(std::int64_t id);
  // Cancels a job that has not started; false when it is running or finished.
  bool cancel(std::int64_t id);
  std::optional<JobRecord> find(std::int64_t id);
  // How many jobs are in each state but completed: the queue as operators watch it (the metrics'
  // gauge). Completed jobs are history until the pruner deletes them, and not indexed by state.
  std::map<JobState, std::int64_t> queue_depth();
  // How many jobs are in one state (completed included: that reads the whole table).
  std::int64_t count(JobState state);

  // Called after an enqueue commits: the worker pool hooks in here to wake at once.
  void set_enqueue_listener(std::function<void()> listener) { on_enqueue_ = std::move(listener); }
  const QueueSettings& settings() const { return settings_; }

 private:
  std::vector<Job> claim(store::Connection& connection, const std::string& worker_id, int limit,
                         Timestamp now);
  void record_with_writes(store::Connection& connection, const Outcome& outcome, Timestamp now);
  bool record(store::Connection& connection, const Outcome& outcome, Timestamp now);

  store::Database& database_;
  const Clock& clock_;
  Random& random_;
  QueueSettings settings_;
  std::function<void()> on_enqueue_;
};

// The PostgreSQL channel that enqueues notify, so that workers on every node wake.
inline constexpr const char* job_notify_channel = "pinbridge_jobs";

}  // namespace pinbridge::jobs
