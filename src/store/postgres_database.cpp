#include "store/postgres_database.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <poll.h>

#include <unordered_map>

namespace pinbridge::store {
namespace {

// Type OIDs from pg_type.h, which libpq-dev does not install as a public header.
constexpr Oid bool_oid = 16, int8_oid = 20, int2_oid = 21, int4_oid = 23;
constexpr Oid float4_oid = 700, float8_oid = 701, numeric_oid = 1700;

DatabaseError error_from(PGconn* connection, const PGresult* result, std::string_view context) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state ? state : "";
  auto kind = DatabaseError::Kind::other;
  if (sqlstate == "23505") {
    kind = DatabaseError::Kind::unique_violation;
  } else if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") {
    kind = DatabaseError::Kind::busy;
  } else if (PQstatus(connection) != CONNECTION_OK || sqlstate.starts_with("08")) {
    kind = DatabaseError::Kind::connection;
  }
  const char* message = result ? PQresultErrorMessage(result) : PQerrorMessage(connection);
  return {kind, fmt::format("{}: {}", context, message)};
}

Value read_value(const PGresult* result, int row, int column) {
  if (PQgetisnull(result, row, column)) return nullptr;
  const char* text = PQgetvalue(result, row, column);
  switch (PQftype(result, column)) {
    case bool_oid:
      return std::int64_t{text[0] == 't' ? 1 : 0};
    case int8_oid:
    case int2_oid:
    case int4_oid:
      return std::int64_t{std::strtoll(text, nullptr, 10)};
    case float4_oid:
    case float8_oid:
    case numeric_oid:
      return std::strtod(text, nullptr);
    default:
      return std::string(text, static_cast<std::size_t>(PQgetlength(result, row, column)));
  }
}

std::string param_text(const Value& value) {
  if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&value)) return fmt::format("{}", *d);
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  return {};
}

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

}  // namespace

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(const std::string& url) : connection_(PQconnectdb(url.c_str())) {
    if (PQstatus(connection_) != CONNECTION_OK) {
      std::string message = PQerrorMessage(connection_);
      PQfinish(connection_);
      throw DatabaseError(DatabaseError::Kind::connection, "cannot connect to PostgreSQL: " + message);
    }
    PQsetNoticeProcessor(
        connection_, [](void*, const char*) {}, nullptr);
  }
  ~PostgresConnection() override { PQfinish(connection_); }

  Dialect dialect() const override { return Dialect::postgres; }
  bool healthy() const { return PQstatus(connection_) == CONNECTION_OK; }
  PGconn* raw() { return connection_; }

  Rows query(std::string_view sql, std::span<const Value> params) override {
    ResultPtr result = run(sql, params);
    Rows rows;
    const int count = PQntuples(result.get());
    const int columns = PQnfields(result.get());
    rows.reserve(static_cast<std::size_t>(count));
    for (int r = 0; r < count; ++r) {
      std::vector<Value> values;
      values.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) values.push_back(read_value(result.get(), r, c));
      rows.emplace_back(std::move(values));
    }
    return rows;
  }

  std::int64_t execute(std::string_view sql, std::span<const Value> params) override {
    ResultPtr result = run(sql, params);
    const char* changed = PQcmdTuples(result.get());
    return changed && *changed ? std::strtoll(changed, nullptr, 10) : 0;
  }

  void execute_script(std::string_view sql) override {
    ResultPtr result(PQexec(connection_, std::string(sql).c_str()), &PQclear);
    const auto status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      throw error_from(connection_, result.get(), "script failed");
    }
  }

 private:
  // Each distinct statement is prepared once per connection and then executed by name.
  ResultPtr run(std::string_view sql, std::span<const Value> params) {
    const std::string& name = prepared_name(sql, static_cast<int>(params.size()));
    std::vector<std::string> texts;
    std::vector<const char*> values;
    texts.reserve(params.size());
    for (const Value& v : params) {
      texts.push_back(param_text(v));
      values.push_back(std::holds_alternative<std::nullptr_t>(v) ? nullptr : texts.back().c_str());
    }
    ResultPtr result(PQexecPrepared(connection_, name.c_str(), static_cast<int>(values.size()), values.data(),
                                    nullptr, nullptr, 0),
                     &PQclear);
    const auto status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      throw error_from(connection_, result.get(), "statement failed");
    }
    return result;
  }

  const std::string& prepared_name(std::string_view sql, int param_count) {
    auto [it, inserted] = prepared_.try_emplace(std::string(sql));
    if (!inserted) return it->second;
    const std::string name = "s" + std::to_string(prepared_.size());
    ResultPtr result(PQprepare(connection_, name.c_str(), it->first.c_str(), param_count, nullptr), &PQclear);
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
      prepared_.erase(it);
      throw error_from(connection_, result.get(), "prepare failed for [" + std::string(sql) + "]");
    }
    it->second = name;
    return it->second;
  }

  PGconn* connection_;
  std::unordered_map<std::string, std::string> prepared_;
};

PostgresDatabase::PostgresDatabase(const DatabaseSettings& settings) : settings_(settings) {
  release(acquire());  // fail fast at start-up when the server cannot be reached
}

PostgresDatabase::~PostgresDatabase() = default;

std::unique_ptr<PostgresConnection> PostgresDatabase::acquire() {
  std::unique_lock lock(mutex_);
  released_.wait(lock, [&] { return !idle_.empty() || open_ < settings_.pool_size; });
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return connection;
  }
  ++open_;
  lock.unlock();
  try {
    return std::make_unique<PostgresConnection>(settings_.url);
  } catch (...) {
    std::lock_guard relock(mutex_);
    --open_;
    released_.notify_one();
    throw;
  }
}

// A connection that broke is dropped rather than returned, so the next caller gets a fresh one.
void PostgresDatabase::release(std::unique_ptr<PostgresConnection> connection) {
  std::lock_guard lock(mutex_);
  if (connection->healthy()) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;
  }
  released_.notify_one();
}

void PostgresDatabase::transact(TxMode mode, const std::function<void(Connection&)>& work) {
  auto connection = acquire();
  try {
    run_transaction(*connection, mode == TxMode::write ? "BEGIN" : "BEGIN READ ONLY", work);
  } catch (...) {
    release(std::move(connection));
    throw;
  }
  release(std::move(connection));
}

void PostgresDatabase::with_connection(const std::function<void(Connection&)>& work) {
  auto connection = acquire();
  try {
    work(*connection);
  } catch (...) {
    release(std::move(connection));
    throw;
  }
  release(std::move(connection));
}

bool PostgresDatabase::ping() {
  try {
    with_connection([](Connection& c) { c.query("SELECT 1"); });
    return true;
  } catch (const DatabaseError&) {
    return false;
  }
}

void PostgresDatabase::listen(const std::string& channel, const std::function<void()>& on_notify,
                              const std::function<bool()>& should_stop) {
  PostgresConnection connection(settings_.url);
  connection.execute_script("LISTEN " + channel);
  PGconn* raw = connection.raw();
  while (!should_stop()) {
    pollfd descriptor{PQsocket(raw), POLLIN, 0};
    if (::poll(&descriptor, 1, 200) > 0 && PQconsumeInput(raw) == 0) {
      throw DatabaseError(DatabaseError::Kind::connection, PQerrorMessage(raw));
    }
    bool notified = false;
    while (PGnotify* notice = PQnotifies(raw)) {
      PQfreemem(notice);
      notified = true;
    }
    if (notified) on_notify();
  }
}

}  // namespace pinbridge::store
