#pragma once
// The storage boundary. Repositories (accounts, jobs, ...) are written once against Database and
// Connection; SqliteDatabase and PostgresDatabase implement them. SQL uses $1, $2 ... placeholders
// in both dialects; every statement is a named constant next to the repository that runs it, with
// a per-dialect variant only where the two databases differ.
//
// Database failures are exceptions (DatabaseError): they are rare, mostly not recoverable by the
// caller, and would otherwise clutter every repository call. Repositories catch the one kind that
// is an expected outcome (unique_violation) and turn it into a Result.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace pinbridge::store {

enum class Dialect { sqlite, postgres };

// A parameter or a column value. Booleans are stored as integers 0/1 and timestamps as unix
// milliseconds in both dialects, so values mean the same everywhere.
using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

class DatabaseError : public std::runtime_error {
 public:
  enum class Kind { unique_violation, busy, connection, other };
  DatabaseError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  std::size_t size() const { return values_.size(); }
  bool is_null(std::size_t column) const;
  std::int64_t integer(std::size_t column) const;  // NULL reads as 0
  double real(std::size_t column) const;
  std::string text(std::size_t column) const;  // NULL reads as ""
  std::optional<std::int64_t> optional_integer(std::size_t column) const;
  std::optional<std::string> optional_text(std::size_t column) const;
  const Value& value(std::size_t column) const { return values_.at(column); }

 private:
  std::vector<Value> values_;
};

using Rows = std::vector<Row>;
using Params = std::initializer_list<Value>;

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Runs one statement and returns its rows (RETURNING included).
  virtual Rows query(std::string_view sql, std::span<const Value> params) = 0;
  // Runs one statement and returns the number of rows it changed.
  virtual std::int64_t execute(std::string_view sql, std::span<const Value> params) = 0;
  // Runs a script of several statements with no parameters (migrations).
  virtual void execute_script(std::string_view sql) = 0;

  Rows query(std::string_view sql, Params params = {}) {
    return query(sql, std::span(params.begin(), params.size()));
  }
  std::int64_t execute(std::string_view sql, Params params = {}) {
    return execute(sql, std::span(params.begin(), params.size()));
  }
  std::optional<Row> query_one(std::string_view sql, Params params = {});

  // Runs hook after the current transaction commits (never if it rolls back); outside a
  // transaction, at once. For signals that must not race the data, like waking job workers.
  void after_commit(std::function<void()> hook);

 protected:
  friend void run_transaction(Connection&, std::string_view, const std::function<void(Connection&)>&);
  // Runs BEGIN, COMMIT or ROLLBACK: the statements a database runs most often. A driver with a
  // statement cache runs them from it instead of parsing them again each time.
  virtual void run_control(std::string_view sql) { execute_script(sql); }
  bool in_transaction_ = false;
  std::vector<std::function<void()>> commit_hooks_;
};

// Runs an INSERT and returns the id of the row it made, or none when it made none (ON CONFLICT DO
// NOTHING). SQLite runs a RETURNING clause through a temporary table, which costs more than a
// small insert itself, so there sqlite_insert (no RETURNING) runs and the rowid is read back;
// PostgreSQL runs postgres_insert (the same INSERT ending in RETURNING id).
std::optional<std::int64_t> insert_returning_id(Connection& connection, std::string_view sqlite_insert,
                                                std::string_view postgres_insert, Params params);

// BEGIN (with begin_sql), work, COMMIT; ROLLBACK and rethrow when work throws; then the commit
// hooks. Shared by both drivers.
void run_transaction(Connection& connection, std::string_view begin_sql,
                     const std::function<void(Connection&)>& work);

// Write transactions take the write lock up front (SQLite: BEGIN IMMEDIATE), so two writers never
// deadlock on a lock upgrade; read transactions see one consistent snapshot.
enum class TxMode { read, write };

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // Runs work in one transaction on a pooled connection: commit when it returns, rollback when it
  // throws (the exception then propagates).
  virtual void transact(TxMode mode, const std::function<void(Connection&)>& work) = 0;
  // Runs work on a pooled connection in autocommit mode.
  virtual void with_connection(const std::function<void(Connection&)>& work) = 0;
  // Cheap round trip for readiness checks.
  virtual bool ping() = 0;
  // Blocks, calling on_notify for each notification on channel, until should_stop() holds. Only
  // PostgreSQL has notifications (LISTEN/NOTIFY); elsewhere this returns at once and callers poll.
  virtual void listen(const std::string& /*channel*/, const std::function<void()>& /*on_notify*/,
                      const std::function<bool()>& /*should_stop*/) {}
  virtual bool can_listen() const { return false; }

  // Convenience: a transaction whose work returns a value.
  template <typename F>
  auto write(F&& work) -> decltype(work(std::declval<Connection&>()));
  template <typename F>
  auto read(F&& work) -> decltype(work(std::declval<Connection&>()));

 private:
  template <typename F>
  auto run(TxMode mode, F&& work) -> decltype(work(std::declval<Connection&>()));
};

struct DatabaseSettings {
  std::string url;    // sqlite:PATH or postgresql://...
  int pool_size = 8;  // connections (PostgreSQL) or reader connections (SQLite)
  int busy_timeout_ms = 5000;
  // SQLite's PRAGMA synchronous: "normal" (WAL commits survive a crash of the process, kill -9
  // included, but the last ones may be lost if the machine loses power) or "full" (fsync on every
  // commit: survives power loss, costs a disk flush per transaction).
  std::string sqlite_synchronous = "normal";
  // WAL pages (4 KB) that start a checkpoint, which runs on a thread of its own (WalCheckpointer):
  // forty times SQLite's default. A checkpoint copies each changed page once however often it was
  // committed since the last one, so a longer interval copies the pages every commit touches
  // (index tails, counters, job rows updated as they run) far fewer times: under durable webhook
  // ingest a third less CPU per delivery at 10,000 pages than at 1,000, and in the workflow
  // benchmark about a tenth less again at 40,000. The WAL file grows to about 160 MB.
  int sqlite_checkpoint_pages = 40'000;
};

// Opens the database the URL names: "sqlite:data/pinbridge.db", "sqlite::memory:" or
// "postgresql://user@host/db" (also "postgres://").
std::unique_ptr<Database> open_database(const DatabaseSettings& settings);

template <typename F>
auto Database::run(TxMode mode, F&& work) -> decltype(work(std::declval<Connection&>())) {
  using R = decltype(work(std::declval<Connection&>()));
  if constexpr (std::is_void_v<R>) {
    transact(mode, [&](Connection& c) { work(c); });
  } else {
    std::optional<R> out;
    transact(mode, [&](Connection& c) { out.emplace(work(c)); });
    return std::move(*out);
  }
}
template <typename F>
auto Database::write(F&& work) -> decltype(work(std::declval<Connection&>())) {
  return run(TxMode::write, std::forward<F>(work));
}
template <typename F>
auto Database::read(F&& work) -> decltype(work(std::declval<Connection&>())) {
  return run(TxMode::read, std::forward<F>(work));
}

}  // namespace pinbridge::store
