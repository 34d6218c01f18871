#pragma once
// Group commit: many callers, one writer. Each caller hands in an item and learns when the
// transaction that holds it has committed (or failed): submit() blocks until then, submit_async()
// returns at once and is called back. The writer takes everything that is waiting, up to
// max_batch items, and writes it in one transaction. Under load one commit serves many requests,
// so durable ingest costs one WAL append per batch instead of one per request, while a lone
// request still commits at once (no timer, no waiting for company). Asynchronous callers hold no
// thread while they wait, so a batch can hold as many items as there are requests in flight.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "store/database.hpp"

namespace pinbridge::store {

template <typename Item, typename Outcome>
class GroupCommit {
 public:
  // Writes a batch inside the open transaction and returns one outcome per item, in order.
  using WriteBatch = std::function<std::vector<Outcome>(Connection&, const std::vector<Item>&)>;

  GroupCommit(Database& database, WriteBatch write, std::size_t max_batch = 256)
      : database_(database), write_(std::move(write)), max_batch_(max_batch), writer_([this] { run(); }) {}

  ~GroupCommit() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    writer_.join();
  }

  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  // Run on the writer thread after the batch's transaction committed, or failed with the given
  // exception (the item is then not stored, and must not be acknowledged). They should be quick
  // (the next batch waits for them) and must not throw.
  using OnCommit = std::function<void(Outcome)>;
  using OnFailure = std::function<void(std::exception_ptr)>;

  // Returns once the item is committed; rethrows what the batch's transaction threw.
  Outcome submit(Item item) {
    auto done = std::make_shared<std::promise<Outcome>>();
    auto outcome = done->get_future();
    submit_async(
        std::move(item), [done](Outcome committed) { done->set_value(std::move(committed)); },
        [done](std::exception_ptr error) { done->set_exception(std::move(error)); });
    return outcome.get();
  }

  // Returns at once; exactly one of the two is called later.
  void submit_async(Item item, OnCommit on_commit, OnFailure on_failure) {
    {
      std::lock_guard lock(mutex_);
      waiting_.push_back({std::move(item), std::move(on_commit), std::move(on_failure)});
    }
    wake_.notify_one();
  }

 private:
  struct Pending {
    Item item;
    OnCommit on_commit;
    OnFailure on_failure;
  };

  void run() {
    for (;;) {
      std::vector<Pending> batch = next_batch();
      if (batch.empty()) return;  // stopping, and nothing is left to write
      commit(batch);
    }
  }

  // Blocks for work; drains what is left before honouring a stop.
  std::vector<Pending> next_batch() {
    std::unique_lock lock(mutex_);
    wake_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
    std::vector<Pending> batch;
    while (!waiting_.empty() && batch.size() < max_batch_) {
      batch.push_back(std::move(waiting_.front()));
      waiting_.pop_front();
    }
    return batch;
  }

  void commit(std::vector<Pending>& batch) {
    std::vector<Item> items;
    items.reserve(batch.size());
    for (auto& pending : batch) items.push_back(std::move(pending.item));
    std::vector<Outcome> outcomes;
    try {
      database_.transact(TxMode::write, [&](Connection& c) {
        outcomes = write_(c, items);
        if (outcomes.size() != items.size())
          throw std::logic_error("GroupCommit: one outcome per item expected");
      });
    } catch (...) {
      const auto error = std::current_exception();
      for (auto& pending : batch) notify([&] { pending.on_failure(error); });
      return;
    }
    for (std::size_t i = 0; i < batch.size(); ++i)
      notify([&] { batch[i].on_commit(std::move(outcomes[i])); });
  }

  // A callback that breaks its promise not to throw must not stop the writer, nor keep the other
  // items of the batch from hearing their outcome.
  template <typename Call>
  static void notify(Call call) noexcept {
    try {
      call();
    } catch (...) {
    }
  }

  Database& database_;
  WriteBatch write_;
  std::size_t max_batch_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending> waiting_;
  bool stopping_ = false;
  std::thread writer_;  // last: starts once everything above exists
};

}  // namespace pinbridge::store
