#include "jobs/worker_pool.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <iterator>
#include <optional>

#include "core/crypto.hpp"

namespace pinbridge::jobs {
namespace {

using steady = std::chrono::steady_clock;

std::string default_worker_id() {
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return std::string(host) + "-" + std::to_string(getpid()) + "-" + crypto::random_token(4);
}

}  // namespace

WorkerPool::WorkerPool(JobStore& store, store::Database& database, WorkerSettings settings,
                       OutcomeObserver observer)
    : store_(store), database_(database), settings_(std::move(settings)), observer_(std::move(observer)) {
  if (settings_.worker_id.empty()) settings_.worker_id = default_worker_id();
  if (settings_.concurrency < 1) settings_.concurrency = 1;
}

WorkerPool::~WorkerPool() {
  stop();
}

void WorkerPool::register_handler(const std::string& kind, JobHandler handler) {
  handlers_[kind] = std::move(handler);
}

void WorkerPool::start() {
  store_.set_enqueue_listener([this] { notify(); });
  completer_ = std::thread([this] { complete(); });
  for (int i = 0; i < settings_.concurrency; ++i) executors_.emplace_back([this] { execute(); });
  producer_ = std::thread([this] { produce(); });
  if (database_.can_listen()) listener_ = std::thread([this] { listen(); });
}

void WorkerPool::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !producer_.joinable()) return;
    stopping_ = true;
  }
  listener_stop_ = true;
  producer_wake_.notify_all();
  executor_wake_.notify_all();
  if (producer_.joinable()) producer_.join();
  for (auto& executor : executors_) executor.join();
  executors_.clear();
  {
    std::lock_guard lock(mutex_);
    completer_done_ = true;
  }
  completer_wake_.notify_all();
  if (completer_.joinable()) completer_.join();
  if (listener_.joinable()) listener_.join();
  store_.set_enqueue_listener({});
}

void WorkerPool::notify() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  producer_wake_.notify_one();
}

void WorkerPool::produce() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    maintain(steady::now());
    lock.lock();
    const int free_slots = settings_.concurrency - busy_slots_;
    if (free_slots <= 0) {
      // Every slot is busy, and the completer refills the slots it frees (see complete). Wake
      // when it comes up short, and in time for the rescuer even if it never does.
      producer_wake_.wait_for(lock, settings_.rescue_interval,
                              [&] { return stopping_ || busy_slots_ < settings_.concurrency; });
      continue;
    }
    woken_ = false;
    lock.unlock();
    std::vector<Job> jobs;
    try {
      jobs = store_.claim(settings_.worker_id, free_slots);
    } catch (const std::exception& e) {
      spdlog::error("job queue: claiming failed, will retry: {}", e.what());
    }
    lock.lock();
    const auto claimed = static_cast<int>(jobs.size());
    hand_out(std::move(jobs));
    // A full batch means more may be due: claim again without waiting.
    if (claimed < free_slots && !stopping_) wait_for_work(lock);
  }
}

// Queues claimed jobs for the executors; the caller holds mutex_.
void WorkerPool::hand_out(std::vector<Job> jobs) {
  busy_slots_ += static_cast<int>(jobs.size());
  for (auto& job : jobs) {
    ready_.push_back(std::move(job));
    // One executor per job: waking them all for one job costs every idle one a futile switch.
    executor_wake_.notify_one();
  }
}

// Sleeps until notified, until the next scheduled job is due, or for the poll interval.
void WorkerPool::wait_for_work(std::unique_lock<std::mutex>& lock) {
  auto timeout = settings_.poll_interval;
  lock.unlock();
  try {
    if (auto until_due = store_.time_until_next_due()) timeout = std::min(*until_due, timeout);
  } catch (const std::exception& e) {
    spdlog::warn("job queue: could not read the next due time: {}", e.what());
  }
  lock.lock();
  producer_wake_.wait_for(lock, timeout, [&] { return stopping_ || woken_; });
}

void WorkerPool::maintain(steady::time_point now) {
  try {
    if (now - last_rescue_ >= settings_.rescue_interval) {
      last_rescue_ = now;
      if (int rescued = store_.rescue_expired(); rescued > 0) {
        spdlog::warn("job queue: returned {} job(s) with expired leases to the queue", rescued);
      }
    }
    if (now - last_prune_ >= settings_.prune_interval) {
      last_prune_ = now;
      store_.prune_finalized();
    }
  } catch (const std::exception& e) {
    spdlog::error("job queue: maintenance failed, will retry: {}", e.what());
  }
}

void WorkerPool::execute() {
  std::unique_lock lock(mutex_);
  while (true) {
    // When stopping, a refill the completer is still claiming must run before the executors go.
    executor_wake_.wait(lock, [&] { return (stopping_ && !refilling_) || !ready_.empty(); });
    if (ready_.empty()) return;  // stopping with nothing left to run
    Job job = std::move(ready_.front());
    ready_.pop_front();
    lock.unlock();
    const auto started = steady::now();
    JobResult result = run_handler(job);
    const auto took = std::chrono::duration_cast<std::chrono::microseconds>(steady::now() - started);
    if (observer_) observer_(job, result, took);
    lock.lock();
    finished_.push_back({std::move(job), std::move(result)});
    completer_wake_.notify_one();
  }
}

JobResult WorkerPool::run_handler(const Job& job) {
  const auto handler = handlers_.find(job.kind);
  // Retry rather than discard: a newer node that knows this kind may pick it up.
  if (handler == handlers_.end()) return JobResult::retry("no handler for job kind '" + job.kind + "'");
  try {
    return handler->second(job);
  } catch (const std::exception& e) {
    return JobResult::retry(e.what());
  } catch (...) {
    return JobResult::retry("handler threw a non-standard exception");
  }
}

// Writes outcomes in batches; keeps a batch that failed to commit and tries it again, because an
// outcome dropped here would run the job a second time after its lease expires. Under load the
// same transaction claims jobs for the slots the batch frees, so the producer claims only when
// the queue runs short.
void WorkerPool::complete() {
  std::unique_lock lock(mutex_);
  std::vector<Outcome> batch;
  while (true) {
    completer_wake_.wait(lock, [&] { return completer_done_ || !finished_.empty() || !batch.empty(); });
    gather(lock, batch.size());
    std::move(finished_.begin(), finished_.end(), std::back_inserter(batch));
    finished_.clear();
    if (batch.empty() && completer_done_) return;
    const int refill = stopping_ ? 0 : static_cast<int>(batch.size());
    refilling_ = refill > 0;
    lock.unlock();
    std::optional<std::vector<Job>> claimed;  // set once the batch is written
    try {
      claimed = store_.finish_and_claim(batch, settings_.worker_id, refill);
    } catch (const std::exception& e) {
      spdlog::error("job queue: recording {} outcome(s) failed: {}", batch.size(), e.what());
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    lock.lock();
    refilling_ = false;
    // When stopping with the database gone, give up: the leases expire and the rescuer re-runs
    // the jobs (at least once, never lost).
    if (claimed || completer_done_) {
      busy_slots_ -= static_cast<int>(batch.size());
      batch.clear();
      const bool short_of_work = !claimed || static_cast<int>(claimed->size()) < refill;
      if (claimed) hand_out(std::move(*claimed));
      if (short_of_work) producer_wake_.notify_one();
    }
    if (stopping_) executor_wake_.notify_all();
  }
}

// A commit writes each page it touches once, however many outcomes share it: the tails of the
// jobs table and its indexes, the run history's, the events'. Under load, outcomes arrive a few at
// a time, so waiting a moment for half the running jobs to finish makes fewer, larger commits and
// writes fewer pages per job. With few jobs running (1 of 1, 1 of 2) there is nothing to wait for.
// The caller holds mutex_; `batched` outcomes are already waiting in the completer's hands.
void WorkerPool::gather(std::unique_lock<std::mutex>& lock, std::size_t batched) {
  completer_wake_.wait_for(lock, settings_.gather_window, [&] {
    return completer_done_ || stopping_ || 2 * static_cast<int>(finished_.size() + batched) >= busy_slots_;
  });
}

void WorkerPool::listen() {
  while (!listener_stop_) {
    try {
      database_.listen(
          job_notify_channel, [this] { notify(); }, [this] { return listener_stop_.load(); });
    } catch (const std::exception& e) {
      spdlog::warn("job queue: LISTEN connection lost, reconnecting: {}", e.what());
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  }
}

}  // namespace pinbridge::jobs
