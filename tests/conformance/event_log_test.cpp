// Domain events reach each interested subscriber, which reacts in the transaction that records
// the event: its writes commit with the event or not at all. A reaction that fails is rolled back
// alone and retried from a job of its own; a process that knows no subscribers (a command-line
// tool) leaves the reactions to the dispatch job, however often that job runs.
#include "events/event_log.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

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

  // A reaction the database witnesses: a job named after the subscriber, unique per event, as
  // the real subscribers' reactions are.
  EventHandler reaction(const std::string& name) {
    return [this, name](store::Connection& c, const DomainEvent& event) {
      jobs_->enqueue(c, jobs::NewJob{.kind = name + ".reacted",
                                     .account_id = event.account_id,
                                     .unique_key = name + ":" + std::to_string(event.id)});
    };
  }

  // A log whose "workflows" subscriber wants completions and whose "mailer" does not.
  std::unique_ptr<EventLog> subscribed_log() {
    auto log = std::make_unique<EventLog>(database(), *jobs_, clock_);
    log->subscribe("workflows", {"assessment.completed"}, reaction("workflows"));
    log->subscribe("mailer", {"invitation.created"}, reaction("mailer"));
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

  // Runs the queue until every job is final; the "<name>.reacted" witnesses complete at once.
  void run_workers(EventLog& log) {
    jobs::WorkerPool workers(*jobs_, database(),
                             jobs::WorkerSettings{2, std::chrono::milliseconds(10), std::chrono::seconds(30),
                                                  std::chrono::minutes(10), "test"});
    log.register_jobs(workers);
    for (const auto* name : {"workflows.reacted", "mailer.reacted", "flaky.reacted"})
      workers.register_handler(name, [](const jobs::Job&) { return jobs::JobResult::done(); });
    workers.start();
    ASSERT_TRUE(eventually([&] {
      return database().read([](store::Connection& c) {
        return c.query_one("SELECT COUNT(*) FROM jobs WHERE state <> 'completed'")->integer(0) == 0;
      });
    }));
    workers.stop();
  }

  std::int64_t events_stored() {
    return database().read(
        [](store::Connection& c) { return c.query_one("SELECT COUNT(*) FROM domain_events")->integer(0); });
  }

  SystemClock clock_;
  SeededRandom random_{5};
  std::unique_ptr<jobs::JobStore> jobs_;
  std::int64_t account_ = 0;
};

TEST_P(EventLogTest, InterestedSubscribersReactInTheRecordingTransaction) {
  auto log = subscribed_log();
  record(*log);
  EXPECT_EQ(job_kinds(), std::vector<std::string>{"workflows.reacted"})
      << "no dispatch job, no retry job, nothing from the mailer";
}

TEST_P(EventLogTest, AReactionRollsBackWithTheChangeThatRaisedTheEvent) {
  auto log = subscribed_log();
  EXPECT_THROW(database().write([&](store::Connection& c) {
    log->record(c, account_, "assessment.completed", {{"score", 87}});
    throw std::runtime_error("the change failed after recording its event");
  }),
               std::runtime_error);
  EXPECT_EQ(events_stored(), 0);
  EXPECT_TRUE(job_kinds().empty());
}

TEST_P(EventLogTest, AFailedReactionIsRolledBackAloneAndRetriedFromItsOwnJob) {
  auto log = subscribed_log();
  int attempts = 0;
  log->subscribe("flaky", {"assessment.completed"},
                 [&, react = reaction("flaky")](store::Connection& c, const DomainEvent& event) {
                   react(c, event);
                   if (++attempts == 1) throw std::runtime_error("the first reaction fails after writing");
                 });
  record(*log);
  EXPECT_EQ(events_stored(), 1) << "the change and its event commit";
  EXPECT_EQ(job_kinds(), (std::vector<std::string>{"workflows.reacted", "events.flaky"}))
      << "the other subscriber's reaction stays; the failed one's write is gone";

  run_workers(*log);
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(job_kinds(), (std::vector<std::string>{"workflows.reacted", "events.flaky", "flaky.reacted"}));
}

TEST_P(EventLogTest, AProcessWithoutSubscribersLeavesTheReactionsToTheDispatchJob) {
  EventLog tool_log(database(), *jobs_, clock_);
  const auto id = record(tool_log);
  EXPECT_EQ(job_kinds(), std::vector<std::string>{"events.dispatch"});
  // The dispatch job run twice (a retry after a lost acknowledgement) runs the reaction twice;
  // its effect lands once, as a reaction's must (the witness job is unique per event).
  jobs_->enqueue(jobs::NewJob{.kind = "events.dispatch", .args = {{"event_id", id}}});

  auto serving_log = subscribed_log();
  run_workers(*serving_log);
  EXPECT_EQ(job_kinds(),
            (std::vector<std::string>{"events.dispatch", "events.dispatch", "workflows.reacted"}));
}

PINBRIDGE_ON_EVERY_BACKEND(EventLogTest);

}  // namespace
}  // namespace pinbridge::events
