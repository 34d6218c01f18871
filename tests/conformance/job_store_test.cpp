// The queue's state machine, on every backend, with a fake clock instead of sleeps.
#include "jobs/job_store.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <thread>

#include "support/backend_fixture.hpp"

namespace pinbridge::jobs {
namespace {

using namespace std::chrono_literals;

// Jitter 0 makes backoff exact: base * 2^(attempt-1).
QueueSettings test_settings() {
  QueueSettings settings;
  settings.default_max_attempts = 3;
  settings.lease = 30s;
  settings.backoff = {.base = 1000ms, .cap = 60'000ms, .jitter = 0.0};
  settings.retention = 24h;
  return settings;
}

class JobStoreConformance : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store_ = std::make_unique<JobStore>(database(), clock_, random_, test_settings());
  }

  std::int64_t add(const std::string& kind, std::optional<std::string> key = std::nullopt) {
    NewJob job;
    job.kind = kind;
    job.args = {{"n", 1}};
    job.unique_key = std::move(key);
    return store_->enqueue(job).id;
  }
  JobState state_of(std::int64_t id) { return store_->find(id)->state; }

  FakeClock clock_;
  SeededRandom random_{42};
  std::unique_ptr<JobStore> store_;
};

TEST_P(JobStoreConformance, EnqueuedJobIsClaimedOnceAndCompleted) {
  const auto id = add("email.send");
  EXPECT_EQ(state_of(id), JobState::available);
  auto claimed = store_->claim("w1", 10);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].id, id);
  EXPECT_EQ(claimed[0].attempt, 1);
  EXPECT_EQ(claimed[0].args["n"], 1);
  EXPECT_EQ(state_of(id), JobState::running);
  EXPECT_TRUE(store_->claim("w2", 10).empty());
  store_->finish({{claimed[0], JobResult::done()}});
  const auto record = store_->find(id);
  EXPECT_EQ(record->state, JobState::completed);
  EXPECT_TRUE(record->finalized_at.has_value());
}

TEST_P(JobStoreConformance, UniqueKeyMakesASecondEnqueueANoOp) {
  NewJob job{.kind = "k", .unique_key = "once"};
  const auto first = store_->enqueue(job);
  const auto second = store_->enqueue(job);
  EXPECT_FALSE(first.duplicate);
  EXPECT_TRUE(second.duplicate);
  EXPECT_EQ(first.id, second.id);
  EXPECT_EQ(store_->queue_depth()[JobState::available], 1);
}

// The metrics' gauge: waiting, running and failed jobs by state, each state present even at zero;
// completed jobs are history, counted only when asked for by name.
TEST_P(JobStoreConformance, QueueDepthCountsEveryStateButCompleted) {
  add("first");
  add("second");
  NewJob later{.kind = "later"};
  later.run_at = clock_.now() + 10s;
  store_->enqueue(later);
  auto claimed = store_->claim("w", 2);
  ASSERT_EQ(claimed.size(), 2u);
  store_->finish({{claimed[0], JobResult::done()}, {claimed[1], JobResult::discard("no")}});
  add("third");
  store_->claim("w", 1);

  const std::map<JobState, std::int64_t> expected = {{JobState::available, 0}, {JobState::scheduled, 1},
                                                     {JobState::running, 1},   {JobState::retryable, 0},
                                                     {JobState::discarded, 1}, {JobState::cancelled, 0}};
  EXPECT_EQ(store_->queue_depth(), expected);
  EXPECT_EQ(store_->count(JobState::completed), 1);
  EXPECT_EQ(store_->count(JobState::discarded), 1);
}

TEST_P(JobStoreConformance, ScheduledJobWaitsUntilDue) {
  NewJob job{.kind = "later"};
  job.run_at = clock_.now() + 10s;
  const auto id = store_->enqueue(job).id;
  EXPECT_EQ(state_of(id), JobState::scheduled);
  EXPECT_TRUE(store_->claim("w", 10).empty());
  EXPECT_EQ(store_->next_due(), clock_.now() + 10s);
  clock_.advance(4s);
  EXPECT_EQ(store_->time_until_next_due(), std::chrono::milliseconds(6s));
  clock_.advance(6s);
  EXPECT_EQ(store_->claim("w", 10).size(), 1u);
}

TEST_P(JobStoreConformance, FailuresBackOffExponentiallyThenDiscard) {
  const auto id = add("flaky");
  for (int attempt = 1; attempt <= 2; ++attempt) {
    auto claimed = store_->claim("w", 1);
    ASSERT_EQ(claimed.size(), 1u) << "attempt " << attempt;
    store_->finish({{claimed[0], JobResult::retry("partner said 503")}});
    EXPECT_EQ(state_of(id), JobState::retryable);
    const auto wait = std::chrono::milliseconds(1000 << (attempt - 1));
    clock_.advance(wait - 1ms);
    EXPECT_TRUE(store_->claim("w", 1).empty()) << "claimed before the backoff of " << wait.count() << " ms";
    clock_.advance(1ms);
  }
  auto last = store_->claim("w", 1);
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].attempt, 3);
  store_->finish({{last[0], JobResult::retry("still 503")}});
  const auto record = store_->find(id);
  EXPECT_EQ(record->state, JobState::discarded);
  ASSERT_EQ(record->errors.size(), 3u);
  EXPECT_EQ(record->errors[2]["error"], "still 503");
  EXPECT_EQ(record->errors[2]["attempt"], 3);
}

TEST_P(JobStoreConformance, RetryAfterOverridesBackoff) {
  const auto id = add("rate-limited");
  auto claimed = store_->claim("w", 1);
  store_->finish({{claimed[0], JobResult::retry("429", 7s)}});
  clock_.advance(6s);
  EXPECT_TRUE(store_->claim("w", 1).empty());
  clock_.advance(1s);
  EXPECT_EQ(store_->claim("w", 1).size(), 1u);
  EXPECT_EQ(state_of(id), JobState::running);
}

TEST_P(JobStoreConformance, PermanentFailureIsDiscardedAtOnceAndCanBeRetriedByHand) {
  const auto id = add("bad-request");
  store_->finish({{store_->claim("w", 1)[0], JobResult::discard("422 from partner")}});
  EXPECT_EQ(state_of(id), JobState::discarded);
  EXPECT_TRUE(store_->retry_now(id));
  auto again = store_->claim("w", 1);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempt, 2);
  EXPECT_FALSE(store_->retry_now(id)) << "a running job cannot be retried by hand";
}

TEST_P(JobStoreConformance, ExpiredLeaseIsRescuedAndTheStaleWorkerCannotFinishIt) {
  const auto id = add("slow");
  auto stale = store_->claim("dead-worker", 1);
  clock_.advance(29s);
  EXPECT_EQ(store_->rescue_expired(), 0);
  clock_.advance(2s);
  EXPECT_EQ(store_->rescue_expired(), 1);
  EXPECT_EQ(state_of(id), JobState::retryable);
  auto fresh = store_->claim("live-worker", 1);
  ASSERT_EQ(fresh.size(), 1u);
  EXPECT_EQ(fresh[0].attempt, 2);
  store_->finish({{stale[0], JobResult::done()}});  // the old attempt reports late: ignored
  EXPECT_EQ(state_of(id), JobState::running);
  store_->finish({{fresh[0], JobResult::done()}});
  EXPECT_EQ(state_of(id), JobState::completed);
}

// An outcome's writes that enqueue a follow-up job under `key`: whether they ran shows in whether
// a second enqueue under the key is a duplicate.
NewJob follow_up(const std::string& key) {
  NewJob job;
  job.kind = "follow-up";
  job.unique_key = key;
  return job;
}

TEST_P(JobStoreConformance, AnOutcomesWritesCommitWithIt) {
  const auto id = add("first");
  auto claimed = store_->claim("w1", 1);
  store_->finish({{claimed[0], JobResult::done().with_writes([this](store::Connection& c) {
                     store_->enqueue(c, follow_up("after-first"));
                   })}});
  EXPECT_EQ(state_of(id), JobState::completed);
  EXPECT_TRUE(store_->enqueue(follow_up("after-first")).duplicate);
}

TEST_P(JobStoreConformance, AStaleAttemptsWritesDoNotRun) {
  add("slow");
  auto stale = store_->claim("dead-worker", 1);
  clock_.advance(31s);
  EXPECT_EQ(store_->rescue_expired(), 1);
  auto fresh = store_->claim("live-worker", 1);
  store_->finish({{stale[0], JobResult::done().with_writes([this](store::Connection& c) {
                     store_->enqueue(c, follow_up("from-stale"));
                   })}});
  EXPECT_FALSE(store_->enqueue(follow_up("from-stale")).duplicate) << "the stale attempt wrote nothing";
}

TEST_P(JobStoreConformance, FailingWritesAreRolledBackAloneAndTheirAttemptRetried) {
  const auto failing = add("failing");
  const auto fine = add("fine");
  auto claimed = store_->claim("w1", 2);
  ASSERT_EQ(claimed.size(), 2u);
  const auto writes_for = [this](const Job& job) -> OutcomeWrites {
    if (job.kind == "fine")
      return [this](store::Connection& c) { store_->enqueue(c, follow_up("after-fine")); };
    return [this](store::Connection& c) {
      store_->enqueue(c, follow_up("half-done"));
      c.execute("INSERT INTO no_such_table VALUES (1)");
    };
  };
  store_->finish({{claimed[0], JobResult::done().with_writes(writes_for(claimed[0]))},
                  {claimed[1], JobResult::done().with_writes(writes_for(claimed[1]))}});
  EXPECT_EQ(state_of(fine), JobState::completed);
  EXPECT_TRUE(store_->enqueue(follow_up("after-fine")).duplicate);
  const auto record = store_->find(failing);
  EXPECT_EQ(record->state, JobState::retryable);
  EXPECT_NE(record->errors.dump().find("writes failed"), std::string::npos) << record->errors.dump();
  EXPECT_FALSE(store_->enqueue(follow_up("half-done")).duplicate) << "the failed writes were rolled back";
}

TEST_P(JobStoreConformance, CancelOnlyBeforeItRuns) {
  const auto waiting = add("a");
  EXPECT_TRUE(store_->cancel(waiting));
  EXPECT_EQ(state_of(waiting), JobState::cancelled);
  const auto running = add("b");
  store_->claim("w", 1);
  EXPECT_FALSE(store_->cancel(running));
}

TEST_P(JobStoreConformance, FinishedJobsArePrunedAfterRetention) {
  const auto id = add("done");
  store_->finish({{store_->claim("w", 1)[0], JobResult::done()}});
  clock_.advance(23h);
  EXPECT_EQ(store_->prune_finalized(), 0);
  clock_.advance(2h);
  EXPECT_EQ(store_->prune_finalized(), 1);
  EXPECT_FALSE(store_->find(id).has_value());
}

TEST_P(JobStoreConformance, ClaimsAreOldestFirstAndRespectTheLimit) {
  const auto first = add("k");
  clock_.advance(1ms);
  const auto second = add("k");
  clock_.advance(1ms);
  add("k");
  auto claimed = store_->claim("w", 2);
  ASSERT_EQ(claimed.size(), 2u);
  EXPECT_EQ(claimed[0].id, first);
  EXPECT_EQ(claimed[1].id, second);
}

// The worker pool's refill: one transaction records the outcomes and claims the next jobs, a job
// the outcome's own writes enqueued among them.
TEST_P(JobStoreConformance, FinishingABatchCanClaimTheNextJobsInTheSameTransaction) {
  const auto first = add("k");
  clock_.advance(1ms);
  const auto second = add("k");
  auto running = store_->claim("w", 1);
  ASSERT_EQ(running.size(), 1u);
  clock_.advance(1ms);
  const auto next =
      store_->finish_and_claim({{running[0], JobResult::done().with_writes([this](store::Connection& c) {
                                   store_->enqueue(c, follow_up("after-first"));
                                 })}},
                               "w", 5);
  EXPECT_EQ(state_of(first), JobState::completed);
  ASSERT_EQ(next.size(), 2u);
  EXPECT_EQ(next[0].id, second);
  EXPECT_EQ(next[1].kind, "follow-up");
  for (const auto& job : next) EXPECT_EQ(state_of(job.id), JobState::running);
  EXPECT_TRUE(store_->finish_and_claim({}, "w", 5).empty()) << "nothing else is due";
}

TEST_P(JobStoreConformance, ConcurrentClaimersNeverShareAJob) {
  constexpr int total = 200;
  for (int i = 0; i < total; ++i) add("k");
  std::mutex mutex;
  std::multiset<std::int64_t> seen;
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&, w] {
      while (true) {
        auto jobs = store_->claim("w" + std::to_string(w), 7);
        if (jobs.empty()) return;
        std::lock_guard lock(mutex);
        for (const auto& job : jobs) seen.insert(job.id);
      }
    });
  }
  for (auto& worker : workers) worker.join();
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(total));
  EXPECT_EQ(std::set<std::int64_t>(seen.begin(), seen.end()).size(), static_cast<std::size_t>(total));
}

PINBRIDGE_ON_EVERY_BACKEND(JobStoreConformance);

}  // namespace
}  // namespace pinbridge::jobs
