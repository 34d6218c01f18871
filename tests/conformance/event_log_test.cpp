// Domain events reach each interested subscriber exactly once: straight from the recording
// transaction when the process knows its subscribers, or through the dispatch job when it does
// not (a command-line tool), however often that job runs.
#include "events/event_log.hpp"

#include <gtest/gtest.h>

#include <atomic>

#include "support/backend_fixture.hpp"
#include "support/eventually.hpp"

namespace pinbridge::events {
namespace {

using pinbridge::testing::eventually;

class EventLogTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    jobs_ = std::make_unique<jobs::JobStore>(database(), clock_, random_, jobs::QueueSettings{});
    account_ = database().write([](store::Connection& c) {
      return c
          .query_one("INSERT INTO accounts (slug, name, created_at) VALUES ('acme', 'Acme', 0) RETURNING id")
          ->integer(0);
    });
  }

  // A log whose "workflows" subscriber counts the completions it is handed.
  std::unique_ptr<EventLog> subscribed_log() {
    auto log = std::make_unique<EventLog>(database(), *jobs_, clock_);
    log->subscribe("workflows", {"assessment.completed"}, [this](const DomainEvent& event) {
      if (event.data.value("score", 0) == 87) ++delivered_;
      return jobs::JobResult::done();
    });
    log->subscribe("mailer", {"invitation.created"},
                   [](const DomainEvent&) { return jobs::JobResult::done(); });
    return log;
  }

  std::int64_t record(EventLog& log) {
    return database().write([&](store::Connection& c) {
      return log.record(c, account_, "assessment.completed", {{"score", 87}});
    });
  }

  std::vector<std::string> job_kinds() {
    return database().read([](store::Connection& c) {
      std::vector<std::string> kinds;
      for (const auto& row : c.query("SELECT kind FROM jobs ORDER BY id")) kinds.push_back(row.text(0));
      return kinds;
    });
  }

  void run_workers(EventLog& log) {
    jobs::WorkerPool workers(*jobs_, database(),
                             jobs::WorkerSettings{2, std::chrono::milliseconds(10), std::chrono::seconds(30),
                                                  std::chrono::minutes(10), "test"});
    log.register_jobs(workers);
    workers.start();
    ASSERT_TRUE(eventually([&] {
      return database().read([](store::Connection& c) {
        return c.query_one("SELECT COUNT(*) FROM jobs WHERE state <> 'completed'")->integer(0) == 0;
      });
    }));
    workers.stop();
  }

  SystemClock clock_;
  SeededRandom random_{5};
  std::unique_ptr<jobs::JobStore> jobs_;
  std::int64_t account_ = 0;
  std::atomic<int> delivered_{0};
};

TEST_P(EventLogTest, ASubscribedProcessEnqueuesTheInterestedSubscribersWithTheEvent) {
  auto log = subscribed_log();
  record(*log);
  EXPECT_EQ(job_kinds(), std::vector<std::string>{"events.workflows"}) << "no dispatch job, no mailer job";
  run_workers(*log);
  EXPECT_EQ(delivered_, 1);
}

TEST_P(EventLogTest, AProcessWithoutSubscribersLeavesTheFanOutToTheDispatchJob) {
  EventLog tool_log(database(), *jobs_, clock_);
  const auto id = record(tool_log);
  EXPECT_EQ(job_kinds(), std::vector<std::string>{"events.dispatch"});
  // The dispatch job run twice (a retry after a lost acknowledgement) still delivers once.
  jobs_->enqueue(jobs::NewJob{.kind = "events.dispatch", .args = {{"event_id", id}}});

  auto serving_log = subscribed_log();
  run_workers(*serving_log);
  EXPECT_EQ(delivered_, 1);
  EXPECT_EQ(job_kinds(),
            (std::vector<std::string>{"events.dispatch", "events.dispatch", "events.workflows"}));
}

PINBRIDGE_ON_EVERY_BACKEND(EventLogTest);

}  // namespace
}  // namespace pinbridge::events
