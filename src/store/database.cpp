#include "store/database.hpp"

#include <charconv>

#include "store/postgres_database.hpp"
#include "store/sqlite_database.hpp"

namespace pinbridge::store {
namespace {

std::int64_t parse_integer(const std::string& text) {
  std::int64_t out = 0;
  std::from_chars(text.data(), text.data() + text.size(), out);
  return out;
}

}  // namespace

bool Row::is_null(std::size_t column) const {
  return std::holds_alternative<std::nullptr_t>(values_.at(column));
}

std::int64_t Row::integer(std::size_t column) const {
  const Value& v = values_.at(column);
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return parse_integer(*s);
  return 0;
}

double Row::real(std::size_t column) const {
  const Value& v = values_.at(column);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* s = std::get_if<std::string>(&v)) return std::strtod(s->c_str(), nullptr);
  return 0.0;
}

std::string Row::text(std::size_t column) const {
  const Value& v = values_.at(column);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return {};
}

std::optional<std::int64_t> Row::optional_integer(std::size_t column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

std::optional<std::string> Row::optional_text(std::size_t column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

std::optional<Row> Connection::query_one(std::string_view sql, Params params) {
  Rows rows = query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::optional<std::int64_t> insert_returning_id(Connection& connection, std::string_view sqlite_insert,
                                                std::string_view postgres_insert, Params params) {
  if (connection.dialect() == Dialect::postgres) {
    const auto row = connection.query_one(postgres_insert, params);
    return row ? std::optional(row->integer(0)) : std::nullopt;
  }
  if (connection.execute(sqlite_insert, params) == 0) return std::nullopt;
  return connection.query_one("SELECT last_insert_rowid()")->integer(0);
}

void Connection::after_commit(std::function<void()> hook) {
  if (in_transaction_) {
    commit_hooks_.push_back(std::move(hook));
  } else {
    hook();
  }
}

void run_transaction(Connection& connection, std::string_view begin_sql,
                     const std::function<void(Connection&)>& work) {
  connection.run_control(begin_sql);
  connection.in_transaction_ = true;
  connection.commit_hooks_.clear();
  try {
    work(connection);
    connection.run_control("COMMIT");
  } catch (...) {
    connection.in_transaction_ = false;
    connection.commit_hooks_.clear();
    try {
      connection.run_control("ROLLBACK");
    } catch (...) {  // the original failure is the one worth reporting
    }
    throw;
  }
  connection.in_transaction_ = false;
  auto hooks = std::move(connection.commit_hooks_);
  connection.commit_hooks_.clear();
  for (auto& hook : hooks) hook();
}

std::unique_ptr<Database> open_database(const DatabaseSettings& settings) {
  const std::string& url = settings.url;
  if (url.starts_with("sqlite:")) return std::make_unique<SqliteDatabase>(settings);
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return std::make_unique<PostgresDatabase>(settings);
  }
  throw std::invalid_argument("database.url must start with sqlite: or postgresql:// (got '" + url + "')");
}

}  // namespace pinbridge::store
