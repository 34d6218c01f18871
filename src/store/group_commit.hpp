#pragma once
// Group commit: many callers, one writer. Each caller hands in an item and blocks until the
// transaction that holds it has committed (or failed); the writer takes everything that is
// waiting, up to max_batch items, and writes it in one transaction. Under load one commit serves
// many requests, so durable ingest costs one WAL append per batch instead of one per request,
// while a lone request still commits at once (no timer, no waiting for company).
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
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

  // Returns once the item is committed; rethrows what the batch's transaction threw (the item is
  // then not stored, and the caller must not acknowledge it).
  Outcome submit(Item item) {
    std::future<Outcome> done;
    {
      std::lock_guard lock(mutex_);
      waiting_.push_back({std::move(item), {}});
      done = waiting_.back().done.get_future();
    }
    wake_.notify_one();
    return done.get();
  }

 private:
  struct Pending {
    Item item;
    std::promise<Outcome> done;
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
    for (auto& pending : batch) items.push_back(pending.item);
    std::vector<Outcome> outcomes;
    try {
      database_.transact(TxMode::write, [&](Connection& c) {
        outcomes = write_(c, items);
        if (outcomes.size() != items.size())
          throw std::logic_error("GroupCommit: one outcome per item expected");
      });
    } catch (...) {
      for (auto& pending : batch) pending.done.set_exception(std::current_exception());
      return;
    }
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i].done.set_value(std::move(outcomes[i]));
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
