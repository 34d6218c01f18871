// The worker pool on every backend, with real threads and the real clock: jobs run once, fail and
// retry, wake-ups are prompt, and stop() lets running jobs finish.
#include "jobs/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <set>

#include "support/backend_fixture.hpp"
#include "support/eventually.hpp"

namespace pinbridge::jobs {
namespace {

using namespace std::chrono_literals;
using testing::eventually;

class WorkerPoolConformance : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    QueueSettings settings;
    settings.backoff = {.base = 10ms, .cap = 50ms, .jitter = 0.0};
    store_ = std::make_unique<JobStore>(database(), clock_, random_, settings);
  }

  std::unique_ptr<WorkerPool> pool(int concurrency, std::chrono::milliseconds poll = 5s) {
    return std::make_unique<WorkerPool>(*store_, database(),
                                        WorkerSettings{.concurrency = concurrency, .poll_interval = poll});
  }

  SystemClock clock_;
  SeededRandom random_{1};
  std::unique_ptr<JobStore> store_;
};

TEST_P(WorkerPoolConformance, RunsEveryJobExactlyOnce) {
  std::mutex mutex;
  std::multiset<int> runs;
  auto workers = pool(4);
  workers->register_handler("count", [&](const Job& job) {
    std::lock_guard lock(mutex);
    runs.insert(job.args["n"].get<int>());
    return JobResult::done();
  });
  workers->start();
  for (int n = 0; n < 100; ++n) store_->enqueue(NewJob{.kind = "count", .args = {{"n", n}}});
  ASSERT_TRUE(eventually([&] { return store_->count(JobState::completed) == 100; }));
  workers->stop();
  EXPECT_EQ(runs.size(), 100u);
  EXPECT_EQ(std::set<int>(runs.begin(), runs.end()).size(), 100u);
}

TEST_P(WorkerPoolConformance, EnqueueWakesIdleWorkersWithoutWaitingForThePoll) {
  std::atomic<int> runs{0};
  auto workers = pool(2, 60s);  // polling alone would take a minute
  workers->register_handler("ping", [&](const Job&) {
    ++runs;
    return JobResult::done();
  });
  workers->start();
  std::this_thread::sleep_for(50ms);  // let the producer go idle
  store_->enqueue(NewJob{.kind = "ping"});
  EXPECT_TRUE(eventually([&] { return runs.load() == 1; }, 5s));
  workers->stop();
}

// The completer waits for a batch to grow only while more than half the running jobs are still
// running. An outcome that has no company coming is written at once, and stopping does not wait
// out the window, however long it is.
TEST_P(WorkerPoolConformance, AnOutcomeWithNothingElseRunningIsWrittenWithoutWaitingToBatch) {
  WorkerSettings settings{.concurrency = 4, .poll_interval = 5s};
  settings.gather_window = std::chrono::hours(1);
  WorkerPool workers(*store_, database(), settings);
  std::promise<void> release;
  const auto held = release.get_future().share();
  workers.register_handler("quick", [](const Job&) { return JobResult::done(); });
  workers.register_handler("held", [held](const Job&) {
    held.wait();
    return JobResult::done();
  });
  workers.start();
  const auto alone = store_->enqueue(NewJob{.kind = "quick"}).id;
  ASSERT_TRUE(eventually([&] { return store_->find(alone)->state == JobState::completed; }, 5s));
  // Beside one job still running, one finished is half of them: written at once too.
  store_->enqueue(NewJob{.kind = "held"});
  const auto beside = store_->enqueue(NewJob{.kind = "quick"}).id;
  ASSERT_TRUE(eventually([&] { return store_->find(beside)->state == JobState::completed; }, 5s));
  release.set_value();
  workers.stop();
  EXPECT_EQ(store_->count(JobState::completed), 3);
}

TEST_P(WorkerPoolConformance, FailingJobsRetryThenSucceed) {
  std::atomic<int> calls{0};
  auto workers = pool(1);
  workers->register_handler("flaky", [&](const Job& job) {
    ++calls;
    if (job.attempt < 3) throw std::runtime_error("transient");
    return JobResult::done();
  });
  workers->start();
  const auto id = store_->enqueue(NewJob{.kind = "flaky"}).id;
  ASSERT_TRUE(eventually([&] { return store_->find(id)->state == JobState::completed; }));
  workers->stop();
  EXPECT_EQ(calls.load(), 3);
  EXPECT_EQ(store_->find(id)->errors.size(), 2u);
}

TEST_P(WorkerPoolConformance, UnknownKindsAreRetriedNotLost) {
  auto workers = pool(1);
  workers->start();
  const auto id = store_->enqueue(NewJob{.kind = "from-a-newer-version"}).id;
  ASSERT_TRUE(eventually([&] { return store_->find(id)->state == JobState::retryable; }));
  workers->stop();
  EXPECT_NE(store_->find(id)->errors[0]["error"].get<std::string>().find("no handler"), std::string::npos);
}

TEST_P(WorkerPoolConformance, StopLetsRunningJobsFinishAndRecordsThem) {
  std::atomic<bool> started{false};
  auto workers = pool(1);
  workers->register_handler("slow", [&](const Job&) {
    started = true;
    std::this_thread::sleep_for(300ms);
    return JobResult::done();
  });
  workers->start();
  const auto id = store_->enqueue(NewJob{.kind = "slow"}).id;
  ASSERT_TRUE(eventually([&] { return started.load(); }));
  workers->stop();
  EXPECT_EQ(store_->find(id)->state, JobState::completed);
}

TEST_P(WorkerPoolConformance, ScheduledJobRunsWhenDueWithoutWaitingForThePoll) {
  std::atomic<int> runs{0};
  auto workers = pool(1, 60s);
  workers->register_handler("later", [&](const Job&) {
    ++runs;
    return JobResult::done();
  });
  workers->start();
  NewJob job{.kind = "later"};
  job.run_at = clock_.now() + 300ms;
  store_->enqueue(job);
  EXPECT_TRUE(eventually([&] { return runs.load() == 1; }, 5s));
  workers->stop();
}

// A pool that never runs short of work refills its slots from the completer and never frees
// one, yet the rescuer still runs: a job whose worker died comes back while the pool stays busy.
TEST_P(WorkerPoolConformance, ABusyPoolStillRescuesExpiredLeases) {
  QueueSettings settings;
  settings.lease = 300ms;
  JobStore store(database(), clock_, random_, settings);
  const auto orphan = store.enqueue(NewJob{.kind = "orphan"}).id;
  ASSERT_EQ(store.claim("dead-worker", 1).size(), 1u);
  std::atomic<bool> rescued{false};
  WorkerPool workers(store, database(), {.concurrency = 1, .rescue_interval = 100ms});
  workers.register_handler("orphan", [&](const Job&) {
    rescued = true;
    return JobResult::done();
  });
  workers.register_handler("busy", [&](const Job&) {
    std::this_thread::sleep_for(5ms);
    if (!rescued) store.enqueue(NewJob{.kind = "busy"});  // the next one is due before this ends
    return JobResult::done();
  });
  store.enqueue(NewJob{.kind = "busy"});
  workers.start();
  EXPECT_TRUE(eventually([&] { return rescued.load(); }, 5s));
  workers.stop();
  EXPECT_EQ(store.find(orphan)->state, JobState::completed);
}

PINBRIDGE_ON_EVERY_BACKEND(WorkerPoolConformance);

}  // namespace
}  // namespace pinbridge::jobs
