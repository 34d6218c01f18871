#pragma once
// The log of webhook delivery attempts (webhook_attempts), written with group commit: the worker
// that finds no write in progress writes every pending attempt in one transaction, and workers that
// arrive meanwhile only queue theirs. One transaction per attempt made the single SQLite writer
// the bottleneck of webhook throughput. Readers call flush() first, so they see every attempt
// made before they asked. A crash may lose attempts not yet written: this is a log for
// assertions, and the delivery's own state stays in the durable queue.
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace pinbridge::sim {

struct AttemptRecord {
  std::int64_t delivery_id = 0;
  std::int64_t endpoint_id = 0;
  std::string event;
  std::int64_t attempt = 0;
  std::optional<std::int64_t> status;  // none: no response (timeout, refused, dropped)
  std::optional<std::string> error;
  std::int64_t duration_ms = 0;
  std::int64_t at_ms = 0;
};

class AttemptLog {
 public:
  explicit AttemptLog(store::Database& database) : database_(database) {}
  void add(AttemptRecord record);
  // Returns once every attempt added before the call is committed.
  void flush();

 private:
  void write_batch(const std::vector<AttemptRecord>& batch);

  store::Database& database_;
  std::mutex mutex_;
  std::condition_variable idle_;
  std::vector<AttemptRecord> pending_;
  bool writing_ = false;
};

}  // namespace pinbridge::sim
