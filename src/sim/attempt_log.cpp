#include "sim/attempt_log.hpp"

#include "sim/sim_sql.hpp"

namespace pinbridge::sim {

void AttemptLog::add(AttemptRecord record) {
  std::unique_lock lock(mutex_);
  pending_.push_back(std::move(record));
  if (writing_) return;  // the writer in progress takes it in its next batch, before it stops
  writing_ = true;
  while (!pending_.empty()) {
    std::vector<AttemptRecord> batch;
    batch.swap(pending_);
    lock.unlock();
    try {
      write_batch(batch);
    } catch (...) {
      lock.lock();
      writing_ = false;
      idle_.notify_all();
      throw;
    }
    lock.lock();
  }
  writing_ = false;
  idle_.notify_all();
}

void AttemptLog::flush() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return !writing_ && pending_.empty(); });
}

void AttemptLog::write_batch(const std::vector<AttemptRecord>& batch) {
  const auto optional_integer = [](const std::optional<std::int64_t>& v) {
    return v ? store::Value{*v} : store::Value{nullptr};
  };
  database_.write([&](store::Connection& c) {
    for (const auto& r : batch)
      c.execute(sql::insert_attempt,
                {r.delivery_id, r.endpoint_id, r.event, r.attempt, optional_integer(r.status),
                 r.error ? store::Value{*r.error} : store::Value{nullptr}, r.duration_ms, r.at_ms});
  });
}

}  // namespace pinbridge::sim
