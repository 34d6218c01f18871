#include "store/wal_checkpointer.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include "store/database.hpp"

namespace pinbridge::store {

WalCheckpointer::WalCheckpointer(const std::string& path, int busy_timeout_ms, int pages) : pages_(pages) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw DatabaseError(DatabaseError::Kind::connection,
                        "cannot open SQLite database " + path + ": " + message);
  }
  sqlite3_busy_timeout(db_, busy_timeout_ms);
  // A connection knows the database is in WAL mode only once it has read it; until then a
  // checkpoint does nothing.
  if (sqlite3_exec(db_, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr) != SQLITE_OK) {
    const std::string message = sqlite3_errmsg(db_);
    sqlite3_close(db_);
    throw DatabaseError(DatabaseError::Kind::other, "cannot read SQLite database " + path + ": " + message);
  }
  thread_ = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  sqlite3_close(db_);
}

void WalCheckpointer::take_over(sqlite3* writer) {
  sqlite3_wal_hook(writer, &WalCheckpointer::on_commit, this);  // replaces wal_autocheckpoint
}

// Runs on the writer, after each commit, with the number of pages in the WAL.
int WalCheckpointer::on_commit(void* self, sqlite3* writer, const char* schema, int wal_pages) {
  auto& checkpointer = *static_cast<WalCheckpointer*>(self);
  if (wal_pages >= checkpointer.pages_ * writer_limit_factor) {
    spdlog::debug("SQLite WAL at {} pages: the writer checkpoints itself", wal_pages);
    sqlite3_wal_checkpoint_v2(writer, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  } else if (wal_pages >= checkpointer.pages_) {
    checkpointer.request();
  }
  return SQLITE_OK;  // the commit itself has succeeded whatever happens here
}

void WalCheckpointer::request() {
  if (requested_.exchange(true)) return;  // already asked; one pass will see all frames so far
  {
    std::lock_guard lock(mutex_);  // pairs with the wait, so the wake-up cannot be lost
  }
  wake_.notify_one();
}

void WalCheckpointer::run() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || requested_.load(); });
      if (stopping_) return;
    }
    requested_ = false;  // commits from now on ask for the next pass
    checkpoint();
  }
}

void WalCheckpointer::checkpoint() {
  const int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  // BUSY: another checkpoint is running; the next commit past the threshold asks again.
  if (rc != SQLITE_OK && rc != SQLITE_BUSY)
    spdlog::warn("SQLite WAL checkpoint failed: {}", sqlite3_errmsg(db_));
}

}  // namespace pinbridge::store
