// Group commit on every backend: asynchronous submitters hear of their item only once the batch
// holding it has committed, every item of a failed batch hears the failure, and a callback that
// breaks its promise not to throw harms no other item.
#include "store/group_commit.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <future>
#include <mutex>
#include <stdexcept>

#include "support/backend_fixture.hpp"

namespace pinbridge::store {
namespace {

using testing::BackendTest;

constexpr std::string_view refused_item = "refused";

// Counts what the submitters heard, and lets the test wait until all of them have.
class Tally {
 public:
  void committed(bool was_visible) {
    std::lock_guard lock(mutex_);
    ++committed_;
    if (was_visible) ++visible_;
    heard_.notify_all();
  }
  void failed() {
    std::lock_guard lock(mutex_);
    ++failed_;
    heard_.notify_all();
  }
  // The limit only keeps a broken test from hanging.
  bool wait_for(int total) {
    std::unique_lock lock(mutex_);
    return heard_.wait_for(lock, std::chrono::seconds(60), [&] { return committed_ + failed_ >= total; });
  }
  int committed_count() {
    std::lock_guard lock(mutex_);
    return committed_;
  }
  int visible_count() {
    std::lock_guard lock(mutex_);
    return visible_;
  }
  int failed_count() {
    std::lock_guard lock(mutex_);
    return failed_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable heard_;
  int committed_ = 0, visible_ = 0, failed_ = 0;
};

class GroupCommitConformance : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    database().write([](Connection& c) { c.execute_script("CREATE TABLE items (name TEXT PRIMARY KEY)"); });
    committer_ = std::make_unique<GroupCommit<std::string, std::string>>(
        database(), [this](Connection& c, const std::vector<std::string>& batch) {
          std::vector<std::string> outcomes;
          for (const auto& name : batch) {
            if (name == refused_item) throw std::runtime_error("refused");
            if (name == gate_item) hold_at_gate();
            c.execute("INSERT INTO items (name) VALUES ($1)", {name});
            outcomes.push_back("stored " + name);
          }
          return outcomes;
        });
  }
  void TearDown() override { committer_.reset(); }

  // The writer stops in the batch holding gate_item until open_gate(), so that what is submitted
  // meanwhile queues up into the next batch.
  static constexpr std::string_view gate_item = "gate";
  void hold_at_gate() {
    at_gate_.set_value();
    gate_open_.wait();
  }
  void wait_until_at_gate() { at_gate_.get_future().wait(); }
  void open_gate() { open_.set_value(); }

  bool stored(const std::string& name) {
    return database().read([&](Connection& c) {
      return c.query_one("SELECT count(*) FROM items WHERE name = $1", {name})->integer(0) == 1;
    });
  }
  std::int64_t items() {
    return database().read(
        [](Connection& c) { return c.query_one("SELECT count(*) FROM items")->integer(0); });
  }

  std::promise<void> at_gate_;
  std::promise<void> open_;
  std::shared_future<void> gate_open_ = open_.get_future().share();
  std::unique_ptr<GroupCommit<std::string, std::string>> committer_;  // last: its writer uses the above
};

TEST_P(GroupCommitConformance, AsynchronousItemsAreAllCommittedBeforeTheyHear) {
  constexpr int total = 200;
  Tally tally;
  for (int i = 0; i < total; ++i) {
    const auto name = "item-" + std::to_string(i);
    committer_->submit_async(
        name,
        [&, name](const std::string& outcome) {
          tally.committed(outcome == "stored " + name && stored(name));
        },
        [&](const std::exception_ptr&) { tally.failed(); });
  }
  ASSERT_TRUE(tally.wait_for(total));
  EXPECT_EQ(tally.committed_count(), total);
  EXPECT_EQ(tally.visible_count(), total) << "each item was in the database when its submitter heard";
  EXPECT_EQ(items(), total);
}

TEST_P(GroupCommitConformance, EveryItemOfAFailedBatchHearsTheFailure) {
  Tally tally;
  const auto submit = [&](std::string name) {
    committer_->submit_async(
        std::move(name), [&](const std::string&) { tally.committed(true); },
        [&](const std::exception_ptr&) { tally.failed(); });
  };
  submit(std::string(gate_item));
  wait_until_at_gate();
  for (const auto* name : {"a", "b", "refused", "c"}) submit(name);
  open_gate();
  ASSERT_TRUE(tally.wait_for(5));
  EXPECT_EQ(tally.committed_count(), 1) << "only the gate's own batch committed";
  EXPECT_EQ(tally.failed_count(), 4) << "a, b and c shared the refused item's transaction";
  EXPECT_EQ(items(), 1);
  EXPECT_FALSE(stored("a"));
}

TEST_P(GroupCommitConformance, ACallbackThatThrowsHarmsNoOtherItem) {
  Tally tally;
  committer_->submit_async(
      "thrower", [](const std::string&) { throw std::runtime_error("broken promise"); },
      [](const std::exception_ptr&) {});
  committer_->submit_async(
      "after", [&](const std::string&) { tally.committed(true); },
      [&](const std::exception_ptr&) { tally.failed(); });
  ASSERT_TRUE(tally.wait_for(1));
  EXPECT_EQ(tally.committed_count(), 1);
  EXPECT_EQ(committer_->submit("sync"), "stored sync") << "the writer is still running";
}

TEST_P(GroupCommitConformance, SynchronousSubmitRethrowsTheBatchFailure) {
  EXPECT_THROW(committer_->submit(std::string(refused_item)), std::runtime_error);
  EXPECT_EQ(committer_->submit("fine"), "stored fine");
}

PINBRIDGE_ON_EVERY_BACKEND(GroupCommitConformance);

}  // namespace
}  // namespace pinbridge::store
