#pragma once
// Internal to SqliteDatabase: moves WAL checkpoints off the writer's path. By default SQLite runs
// a checkpoint inside the commit that takes the WAL past 1000 pages, and that commit then waits for
// the WAL and the database file to be synced: tens of milliseconds on a small VM, while every
// request waiting on the writer waits too. Here a commit only signals, and a thread with its own
// connection runs PASSIVE checkpoints, which never block the writer (nor readers). Durability is
// unchanged: commits reach the WAL exactly as before; only the copying back to the database moves.
//
// The WAL starts over from its beginning once a checkpoint has copied all of it, which under
// steady writes happens between checkpoints most of the time. Should the WAL still pass a hard
// limit (a burst of writes outpacing the copying), the writer checkpoints in its own commit, as
// SQLite would have, so the WAL stays bounded.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace pinbridge::store {

class WalCheckpointer {
 public:
  static constexpr int writer_limit_factor = 4;  // the WAL's hard limit, in multiples of pages

  // Opens its own connection to the database file at path.
  // pages: the WAL size, in pages, that starts a checkpoint.
  WalCheckpointer(const std::string& path, int busy_timeout_ms, int pages);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Replaces writer's automatic checkpoints with this one; writer must be closed before this dies.
  void take_over(sqlite3* writer);

 private:
  static int on_commit(void* self, sqlite3* writer, const char* schema, int wal_pages);
  void request();
  void run();
  void checkpoint();

  sqlite3* db_ = nullptr;
  int pages_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<bool> requested_{false};
  bool stopping_ = false;
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace pinbridge::store
