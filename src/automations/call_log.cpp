#include "automations/call_log.hpp"

#include <algorithm>
#include <chrono>

#include "store/nullable.hpp"

namespace pinbridge::automations {
namespace {

namespace sql {
constexpr std::string_view insert_call =
    "INSERT INTO pinpoint_calls (account_id, started_at, method, path, status, error, duration_ms, attempt) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
// $2: 1 for failed calls only, 0 for succeeded ones, NULL for all. The cast tells PostgreSQL the
// parameter's type, which `$2 IS NULL` alone does not.
#define PINBRIDGE_CALL_FILTER                                                                              \
  "account_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR (CASE WHEN status = 0 OR status >= 400 THEN 1 ELSE " \
  "0 END) = $2)"
constexpr std::string_view select_recent =
    "SELECT id, account_id, started_at, method, path, status, error, duration_ms, attempt FROM "
    "pinpoint_calls WHERE " PINBRIDGE_CALL_FILTER " ORDER BY id DESC LIMIT $3 OFFSET $4";
constexpr std::string_view count_matching =
    "SELECT count(*) FROM pinpoint_calls WHERE " PINBRIDGE_CALL_FILTER;
#undef PINBRIDGE_CALL_FILTER
constexpr std::string_view delete_before = "DELETE FROM pinpoint_calls WHERE started_at < $1";
}  // namespace sql

constexpr std::size_t max_batch = 500;
// How long the first call of a batch waits for company. Busy workers make several calls per job,
// and one transaction per call or two was a fifth of the commits a stage change cost.
constexpr auto linger = std::chrono::milliseconds(100);

std::optional<std::int64_t> failed_flag(CallFilter filter) {
  switch (filter) {
    case CallFilter::failed:
      return 1;
    case CallFilter::succeeded:
      return 0;
    case CallFilter::all:
      break;
  }
  return std::nullopt;
}

}  // namespace

CallLog::CallLog(store::Database& database) : database_(database), writer_([this] { run(); }) {}

CallLog::~CallLog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  writer_.join();
}

void CallLog::record(std::int64_t account_id, const pinpoint::CallRecord& call) {
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    waiting_.push_back({0, account_id, call});
    ++recorded_;
    // The writer needs waking only to start a batch or to end a full one: a wake per call would
    // cost a context switch per call while the batch gathers.
    wake = waiting_.size() == 1 || waiting_.size() == max_batch;
  }
  if (wake) wake_.notify_one();
}

void CallLog::flush() {
  std::unique_lock lock(mutex_);
  const auto target = recorded_;
  flush_target_ = std::max(flush_target_, target);
  wake_.notify_one();
  written_.wait(lock, [&] { return persisted_ >= target; });
}

void CallLog::run() {
  for (;;) {
    std::vector<LoggedCall> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
      if (waiting_.empty()) return;  // stopping with nothing left
      wake_.wait_for(lock, linger, [this] {
        return stopping_ || waiting_.size() >= max_batch || flush_target_ > persisted_;
      });
      while (!waiting_.empty() && batch.size() < max_batch) {
        batch.push_back(std::move(waiting_.front()));
        waiting_.pop_front();
      }
    }
    try {
      write(batch);
    } catch (const std::exception&) {
      // A diagnostic log must not take the process down; the calls themselves went through.
    }
    {
      std::lock_guard lock(mutex_);
      persisted_ += batch.size();
    }
    written_.notify_all();
  }
}

void CallLog::write(const std::vector<LoggedCall>& batch) {
  database_.write([&](store::Connection& c) {
    for (const auto& entry : batch) {
      const auto& call = entry.call;
      std::optional<std::string> error;
      if (!call.error.empty()) error = call.error;
      c.execute(sql::insert_call,
                {entry.account_id, to_unix_ms(call.started_at), call.method, call.path,
                 std::int64_t{call.status}, store::nullable(error),
                 static_cast<std::int64_t>(call.duration.count()), std::int64_t{call.attempt}});
    }
  });
}

std::vector<LoggedCall> CallLog::recent(std::int64_t account_id, int limit, int offset, CallFilter filter) {
  return database_.read([&](store::Connection& c) {
    std::vector<LoggedCall> out;
    for (const auto& row : c.query(sql::select_recent, {account_id, store::nullable(failed_flag(filter)),
                                                        std::int64_t{limit}, std::int64_t{offset}})) {
      LoggedCall entry;
      entry.id = row.integer(0);
      entry.account_id = row.integer(1);
      entry.call.started_at = from_unix_ms(row.integer(2));
      entry.call.method = row.text(3);
      entry.call.path = row.text(4);
      entry.call.status = static_cast<int>(row.integer(5));
      entry.call.error = row.text(6);
      entry.call.duration = Millis(row.integer(7));
      entry.call.attempt = static_cast<int>(row.integer(8));
      out.push_back(std::move(entry));
    }
    return out;
  });
}

std::int64_t CallLog::count(std::int64_t account_id, CallFilter filter) {
  return database_.read([&](store::Connection& c) {
    return c.query_one(sql::count_matching, {account_id, store::nullable(failed_flag(filter))})->integer(0);
  });
}

std::int64_t CallLog::prune(Timestamp cutoff) {
  return database_.write(
      [&](store::Connection& c) { return c.execute(sql::delete_before, {to_unix_ms(cutoff)}); });
}

}  // namespace pinbridge::automations
