#pragma once
// Runs jobs from the durable queue, the way River does: one producer thread claims batches of due
// jobs for the free executor slots, executor threads run the handlers, and one completer thread
// writes the outcomes back in batches (group commit; under load it waits up to a millisecond for
// the batch to grow) and, in the same transaction, claims jobs for the slots those outcomes free.
// The producer wakes at once when this process enqueues (after commit), on PostgreSQL when any
// node enqueues (LISTEN/NOTIFY), when a scheduled job falls due, and otherwise every poll interval.
// It also runs the rescuer and the pruner.
//
// Handlers cannot be interrupted: they must bound their own I/O with timeouts shorter than the
// lease, or the rescuer will hand the job to another worker while it still runs.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "jobs/job_store.hpp"

namespace pinbridge::jobs {

using JobHandler = std::function<JobResult(const Job&)>;

struct WorkerSettings {
  int concurrency = 8;
  std::chrono::milliseconds poll_interval{1000};
  std::chrono::milliseconds rescue_interval{std::chrono::seconds(30)};
  std::chrono::milliseconds prune_interval{std::chrono::minutes(10)};
  std::string worker_id;  // empty: host name, pid and a random suffix
  // How long the completer may wait for more outcomes while fewer than half the running jobs have
  // finished (see WorkerPool::gather). Under light load it never waits.
  std::chrono::microseconds gather_window{1000};
};

// Told about every job that finished an attempt (metrics, logs).
using OutcomeObserver = std::function<void(const Job&, const JobResult&, std::chrono::microseconds)>;

class WorkerPool {
 public:
  WorkerPool(JobStore& store, store::Database& database, WorkerSettings settings,
             OutcomeObserver observer = {});
  ~WorkerPool();

  // Register every handler before start().
  void register_handler(const std::string& kind, JobHandler handler);
  void start();
  // Stops claiming, lets running jobs finish and records their outcomes, then joins the threads.
  void stop();
  // Wakes the producer: there may be new work.
  void notify();
  const std::string& worker_id() const { return settings_.worker_id; }

 private:
  void produce();
  void execute();
  void complete();
  void gather(std::unique_lock<std::mutex>& lock, std::size_t batched);
  void listen();
  void maintain(std::chrono::steady_clock::time_point now);
  void wait_for_work(std::unique_lock<std::mutex>& lock);
  void hand_out(std::vector<Job> jobs);
  JobResult run_handler(const Job& job);

  JobStore& store_;
  store::Database& database_;
  WorkerSettings settings_;
  OutcomeObserver observer_;
  std::map<std::string, JobHandler> handlers_;

  std::mutex mutex_;
  std::condition_variable producer_wake_;
  std::condition_variable executor_wake_;
  std::condition_variable completer_wake_;
  std::deque<Job> ready_;          // claimed, waiting for an executor
  std::vector<Outcome> finished_;  // run, waiting for the completer
  int busy_slots_ = 0;             // claimed and not yet finished
  bool refilling_ = false;         // the completer is claiming jobs that will join ready_
  bool woken_ = false;
  bool stopping_ = false;
  bool completer_done_ = false;
  std::atomic<bool> listener_stop_{false};

  std::chrono::steady_clock::time_point last_rescue_{};
  std::chrono::steady_clock::time_point last_prune_{};
  std::thread producer_;
  std::thread completer_;
  std::thread listener_;
  std::vector<std::thread> executors_;
};

}  // namespace pinbridge::jobs
