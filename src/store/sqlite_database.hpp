#pragma once
// SQLite, the embedded default: WAL, foreign keys, a busy timeout. One writer connection behind a
// mutex (SQLite allows one writer at a time; queueing in-process is cheaper than SQLite's
// sleep-and-retry busy handler) and a small pool of reader connections that read concurrently.
// WAL checkpoints run on a thread of their own (see WalCheckpointer), not inside the writer's commits.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "store/database.hpp"
#include "store/wal_checkpointer.hpp"

namespace pinbridge::store {

class SqliteConnection;

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(const DatabaseSettings& settings);
  ~SqliteDatabase() override;

  Dialect dialect() const override { return Dialect::sqlite; }
  void transact(TxMode mode, const std::function<void(Connection&)>& work) override;
  void with_connection(const std::function<void(Connection&)>& work) override;
  bool ping() override;

 private:
  std::unique_ptr<SqliteConnection> acquire_reader();
  void release_reader(std::unique_ptr<SqliteConnection> connection);

  std::string path_;
  DatabaseSettings settings_;
  std::mutex writer_mutex_;
  std::unique_ptr<WalCheckpointer> checkpointer_;  // before writer_: it outlives the writer's hook
  std::unique_ptr<SqliteConnection> writer_;
  std::mutex readers_mutex_;
  std::condition_variable reader_released_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;
  int open_readers_ = 0;
  bool in_memory_ = false;  // one connection only: memory databases are private to a connection
};

}  // namespace pinbridge::store
