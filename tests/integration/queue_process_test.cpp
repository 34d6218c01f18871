// The queue across real processes: two worker processes on one database never run a job twice,
// and a worker killed with SIGKILL in the middle of a job loses nothing: after a restart the
// rescuer hands the job out again and it completes.
#include <gtest/gtest.h>
#include <signal.h>

#include <thread>

#include "core/clock.hpp"
#include "jobs/job_store.hpp"
#include "support/backend_fixture.hpp"
#include "support/child_process.hpp"
#include "support/eventually.hpp"

namespace pinbridge::jobs {
namespace {

using namespace std::chrono_literals;
using testing::ChildProcess;
using testing::eventually;

class QueueProcesses : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store_ = std::make_unique<JobStore>(database(), clock_, random_, QueueSettings{});
  }

  std::unique_ptr<ChildProcess> start_probe(const std::string& worker, int lease_ms = 30'000) {
    auto probe = std::make_unique<ChildProcess>(
        PINBRIDGE_QUEUE_PROBE,
        std::vector<std::string>{"--database", database_url(), "--worker", worker, "--lease-ms",
                                 std::to_string(lease_ms)},
        std::map<std::string, std::string>{}, output_.path());
    for (int i = 0; i < 1000 && probe->standard_output().find("ready") == std::string::npos; ++i) {
      std::this_thread::sleep_for(10ms);
    }
    return probe;
  }

  std::int64_t scalar(const std::string& sql) {
    return database().read([&](store::Connection& c) { return c.query_one(sql)->integer(0); });
  }

  testing::TempDir output_;
  SystemClock clock_;
  SeededRandom random_{3};
  std::unique_ptr<JobStore> store_;
};

TEST_P(QueueProcesses, TwoWorkerProcessesNeverRunAJobTwice) {
  constexpr int total = 300;
  database().write([&](store::Connection& c) {
    for (int i = 0; i < total; ++i)
      store_->enqueue(c, NewJob{.kind = "probe.record", .args = {{"sleep_ms", 2}}});
  });
  auto first = start_probe("first");
  auto second = start_probe("second");
  ASSERT_TRUE(eventually([&] { return store_->count(JobState::completed) == total; }))
      << first->standard_error() << second->standard_error();
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM probe_runs"), total);
  EXPECT_EQ(scalar("SELECT COUNT(DISTINCT job_id) FROM probe_runs"), total);
  EXPECT_GT(scalar("SELECT COUNT(*) FROM probe_runs WHERE worker = 'first'"), 0);
  EXPECT_GT(scalar("SELECT COUNT(*) FROM probe_runs WHERE worker = 'second'"), 0);
  first->signal(SIGTERM);
  second->signal(SIGTERM);
  EXPECT_EQ(first->wait_exit(), 0);
  EXPECT_EQ(second->wait_exit(), 0);
}

TEST_P(QueueProcesses, JobKilledMidRunCompletesAfterRestart) {
  const auto id = store_->enqueue(NewJob{.kind = "probe.slow"}).id;
  auto doomed = start_probe("doomed", 1500);
  ASSERT_TRUE(eventually([&] { return scalar("SELECT COUNT(*) FROM probe_runs") == 1; }));
  doomed->signal(SIGKILL);
  ASSERT_EQ(doomed->wait_exit(), 128 + SIGKILL);
  EXPECT_EQ(store_->find(id)->state, JobState::running) << "the job was mid-run when its worker died";

  auto restarted = start_probe("restarted", 1500);
  ASSERT_TRUE(eventually([&] { return store_->find(id)->state == JobState::completed; }))
      << restarted->standard_error();
  const auto record = store_->find(id);
  EXPECT_EQ(record->job.attempt, 2);
  EXPECT_NE(record->errors.dump().find("lease expired"), std::string::npos);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM probe_runs WHERE worker = 'restarted'"), 1);
  restarted->signal(SIGTERM);
  EXPECT_EQ(restarted->wait_exit(), 0);
}

PINBRIDGE_ON_EVERY_BACKEND(QueueProcesses);

}  // namespace
}  // namespace pinbridge::jobs
