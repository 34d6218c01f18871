#include "store/sqlite_database.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <unordered_map>

namespace pinbridge::store {
namespace {

DatabaseError error_from(sqlite3* db, int code, std::string_view context) {
  const int extended = sqlite3_extended_errcode(db);
  auto kind = DatabaseError::Kind::other;
  if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
    kind = DatabaseError::Kind::unique_violation;
  } else if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
    kind = DatabaseError::Kind::busy;
  }
  return {kind, std::string(context) + ": " + sqlite3_errmsg(db)};
}

// "sqlite:data/x.db", "sqlite://data/x.db" and "sqlite::memory:" name a file or a memory database.
std::string path_from_url(const std::string& url) {
  std::string path = url.substr(std::string_view("sqlite:").size());
  if (path.starts_with("//")) path = path.substr(2);
  if (path.empty()) throw std::invalid_argument("database.url 'sqlite:' needs a file path");
  return path;
}

// SQLite counts every allocation under one process-wide mutex unless told otherwise before its
// first use. Nothing reads those counts, and the workers and the completer contended on that mutex.
void configure_library_once() {
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);  // refused (harmlessly) if SQLite already started
    return true;
  }();
  (void)configured;
}

}  // namespace

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, const DatabaseSettings& settings) {
    configure_library_once();
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw DatabaseError(DatabaseError::Kind::connection,
                          "cannot open SQLite database " + path + ": " + message);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, settings.busy_timeout_ms);
    const std::string synchronous = settings.sqlite_synchronous == "full" ? "FULL" : "NORMAL";
    // temp_store=MEMORY: the scratch tables and journals statements need inside a transaction
    // (RETURNING rows, IN lists, a savepoint's journal) stay in memory. On the default, SQLite
    // made a file in /var/tmp for them, wrote and unlinked it: about three per workflow stage change.
    execute_script("PRAGMA journal_mode=WAL; PRAGMA synchronous=" + synchronous +
                   "; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;");
  }

  sqlite3* handle() const { return db_; }

  ~SqliteConnection() override {
    for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
    sqlite3_close(db_);
  }

  Dialect dialect() const override { return Dialect::sqlite; }

  Rows query(std::string_view sql, std::span<const Value> params) override {
    sqlite3_stmt* statement = prepare(sql, params);
    Rows rows;
    int rc = 0;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) rows.push_back(read_row(statement));
    sqlite3_reset(statement);
    if (rc != SQLITE_DONE) throw error_from(db_, rc, "query failed");
    return rows;
  }

  std::int64_t execute(std::string_view sql, std::span<const Value> params) override {
    sqlite3_stmt* statement = prepare(sql, params);
    int rc = 0;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
    }
    sqlite3_reset(statement);
    if (rc != SQLITE_DONE) throw error_from(db_, rc, "statement failed");
    return sqlite3_changes64(db_);
  }

  void execute_script(std::string_view sql) override {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      std::string text = message ? message : "unknown error";
      sqlite3_free(message);
      throw DatabaseError(rc == SQLITE_BUSY ? DatabaseError::Kind::busy : DatabaseError::Kind::other,
                          "script failed: " + text);
    }
  }

 protected:
  void run_control(std::string_view sql) override { execute(sql, {}); }

 private:
  // Statements are prepared once per connection and reused; parameters are bound by name ("$1"),
  // so a statement may use them in any order and more than once.
  sqlite3_stmt* prepare(std::string_view sql, std::span<const Value> params) {
    auto [it, inserted] = statements_.try_emplace(std::string(sql), nullptr);
    if (inserted) {
      const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                        SQLITE_PREPARE_PERSISTENT, &it->second, nullptr);
      if (rc != SQLITE_OK) {
        statements_.erase(it);
        throw error_from(db_, rc, "prepare failed for [" + std::string(sql) + "]");
      }
    }
    sqlite3_stmt* statement = it->second;
    sqlite3_clear_bindings(statement);
    for (std::size_t i = 0; i < params.size(); ++i) bind(statement, i + 1, params[i]);
    return statement;
  }

  void bind(sqlite3_stmt* statement, std::size_t number, const Value& value) {
    const std::string name = "$" + std::to_string(number);
    const int index = sqlite3_bind_parameter_index(statement, name.c_str());
    if (index == 0) return;  // the statement does not use this parameter
    int rc = SQLITE_OK;
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
      rc = sqlite3_bind_int64(statement, index, *i);
    } else if (const auto* d = std::get_if<double>(&value)) {
      rc = sqlite3_bind_double(statement, index, *d);
    } else if (const auto* s = std::get_if<std::string>(&value)) {
      rc = sqlite3_bind_text64(statement, index, s->data(), s->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    } else {
      rc = sqlite3_bind_null(statement, index);
    }
    if (rc != SQLITE_OK) throw error_from(db_, rc, "bind failed");
  }

  static Row read_row(sqlite3_stmt* statement) {
    const int columns = sqlite3_column_count(statement);
    std::vector<Value> values;
    values.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      switch (sqlite3_column_type(statement, c)) {
        case SQLITE_INTEGER:
          values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(statement, c)));
          break;
        case SQLITE_FLOAT:
          values.emplace_back(sqlite3_column_double(statement, c));
          break;
        case SQLITE_NULL:
          values.emplace_back(nullptr);
          break;
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, c));
          values.emplace_back(
              std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, c))));
        }
      }
    }
    return Row(std::move(values));
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

SqliteDatabase::SqliteDatabase(const DatabaseSettings& settings)
    : path_(path_from_url(settings.url)), settings_(settings) {
  in_memory_ = path_ == ":memory:";
  if (!in_memory_) {
    const auto parent = std::filesystem::path(path_).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
  }
  writer_ = std::make_unique<SqliteConnection>(path_, settings);
  if (!in_memory_) {  // a memory database has no WAL
    checkpointer_ =
        std::make_unique<WalCheckpointer>(path_, settings.busy_timeout_ms, settings.sqlite_checkpoint_pages);
    checkpointer_->take_over(writer_->handle());
  }
}

SqliteDatabase::~SqliteDatabase() = default;

void SqliteDatabase::transact(TxMode mode, const std::function<void(Connection&)>& work) {
  if (mode == TxMode::write || in_memory_) {
    std::lock_guard lock(writer_mutex_);
    run_transaction(*writer_, mode == TxMode::write ? "BEGIN IMMEDIATE" : "BEGIN", work);
    return;
  }
  auto reader = acquire_reader();
  try {
    run_transaction(*reader, "BEGIN", work);
  } catch (...) {
    release_reader(std::move(reader));
    throw;
  }
  release_reader(std::move(reader));
}

void SqliteDatabase::with_connection(const std::function<void(Connection&)>& work) {
  std::lock_guard lock(writer_mutex_);
  work(*writer_);
}

bool SqliteDatabase::ping() {
  try {
    read([](Connection& c) { c.query("SELECT 1"); });
    return true;
  } catch (const DatabaseError&) {
    return false;
  }
}

std::unique_ptr<SqliteConnection> SqliteDatabase::acquire_reader() {
  std::unique_lock lock(readers_mutex_);
  reader_released_.wait(lock, [&] { return !idle_readers_.empty() || open_readers_ < settings_.pool_size; });
  if (!idle_readers_.empty()) {
    auto reader = std::move(idle_readers_.back());
    idle_readers_.pop_back();
    return reader;
  }
  ++open_readers_;
  lock.unlock();
  try {
    return std::make_unique<SqliteConnection>(path_, settings_);
  } catch (...) {
    std::lock_guard relock(readers_mutex_);
    --open_readers_;
    reader_released_.notify_one();
    throw;
  }
}

void SqliteDatabase::release_reader(std::unique_ptr<SqliteConnection> connection) {
  std::lock_guard lock(readers_mutex_);
  idle_readers_.push_back(std::move(connection));
  reader_released_.notify_one();
}

}  // namespace pinbridge::store
