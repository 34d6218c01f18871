#pragma once
// Every call made to an account's Pinpoint, for its Activity page: method, path, status or error,
// duration, attempt; never the key. Calls are written in batches by a background thread, so
// logging never adds a transaction to the work that made the call: a batch gathers for up to a
// tenth of a second, then one transaction writes it. The price, accepted because this is a
// diagnostic log and not acknowledged data: a crash loses the last fraction of a second, and a
// call shows on the Activity page that much later.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "pinpoint/transport.hpp"
#include "store/database.hpp"

namespace pinbridge::automations {

// Which calls a listing shows. A call failed when it got no answer (status 0) or an error status.
enum class CallFilter { all, failed, succeeded };

struct LoggedCall {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  pinpoint::CallRecord call;
};

class CallLog {
 public:
  explicit CallLog(store::Database& database);
  ~CallLog();  // writes what is still waiting
  CallLog(const CallLog&) = delete;
  CallLog& operator=(const CallLog&) = delete;

  void record(std::int64_t account_id, const pinpoint::CallRecord& call);
  // Waits until everything recorded so far is written (tests, shutdown).
  void flush();
  // The account's calls that match, newest first. Calls still waiting for the writer are not
  // there yet: flush() first where that matters.
  std::vector<LoggedCall> recent(std::int64_t account_id, int limit, int offset,
                                 CallFilter filter = CallFilter::all);
  std::int64_t count(std::int64_t account_id, CallFilter filter = CallFilter::all);
  // Deletes calls that started before `cutoff`; returns how many.
  std::int64_t prune(Timestamp cutoff);

 private:
  void run();
  void write(const std::vector<LoggedCall>& batch);

  store::Database& database_;
  std::mutex mutex_;
  std::condition_variable wake_, written_;
  std::deque<LoggedCall> waiting_;
  std::uint64_t recorded_ = 0, persisted_ = 0;
  std::uint64_t flush_target_ = 0;  // a flush() waits for the calls up to here: write them at once
  bool stopping_ = false;
  std::thread writer_;  // last: starts once everything above exists
};

}  // namespace pinbridge::automations
