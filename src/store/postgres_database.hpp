#pragma once
// PostgreSQL through libpq: a bounded pool of connections, each with its own cache of prepared
// statements. Several pinbridge nodes may share one database.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "store/database.hpp"

namespace pinbridge::store {

class PostgresConnection;

class PostgresDatabase final : public Database {
 public:
  explicit PostgresDatabase(const DatabaseSettings& settings);
  ~PostgresDatabase() override;

  Dialect dialect() const override { return Dialect::postgres; }
  void transact(TxMode mode, const std::function<void(Connection&)>& work) override;
  void with_connection(const std::function<void(Connection&)>& work) override;
  bool ping() override;

  // Uses a dedicated connection outside the pool.
  void listen(const std::string& channel, const std::function<void()>& on_notify,
              const std::function<bool()>& should_stop) override;
  bool can_listen() const override { return true; }

 private:
  std::unique_ptr<PostgresConnection> acquire();
  void release(std::unique_ptr<PostgresConnection> connection);

  DatabaseSettings settings_;
  std::mutex mutex_;
  std::condition_variable released_;
  std::vector<std::unique_ptr<PostgresConnection>> idle_;
  int open_ = 0;
};

}  // namespace pinbridge::store
