#include "plugin/callback_log.hpp"

#include "store/nullable.hpp"

namespace pinbridge::plugin {
namespace {

namespace sql {
constexpr std::string_view insert_attempt =
    "INSERT INTO plugin_callback_attempts (account_id, invitation_id, event_id, event, url, attempt, "
    "status_code, succeeded, duration_ms, error, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
constexpr std::string_view select_attempts =
    "SELECT id, account_id, invitation_id, event_id, event, url, attempt, status_code, succeeded, "
    "duration_ms, "
    "error, created_at FROM plugin_callback_attempts WHERE account_id = $1 ORDER BY id DESC LIMIT $2 OFFSET "
    "$3";
constexpr std::string_view count_attempts =
    "SELECT COUNT(*) FROM plugin_callback_attempts WHERE account_id = $1";
}  // namespace sql

CallbackAttempt attempt_from(const store::Row& row) {
  CallbackAttempt out;
  out.id = row.integer(0);
  out.account_id = row.integer(1);
  out.invitation_id = row.integer(2);
  out.event_id = row.integer(3);
  out.event = row.text(4);
  out.url = row.text(5);
  out.attempt = static_cast<int>(row.integer(6));
  if (auto status = row.optional_integer(7)) out.status_code = static_cast<int>(*status);
  out.succeeded = row.integer(8) != 0;
  out.duration_ms = row.integer(9);
  out.error = row.optional_text(10);
  out.created_at = from_unix_ms(row.integer(11));
  return out;
}

}  // namespace

CallbackLog::CallbackLog(store::Database& database, const Clock& clock)
    : database_(database), clock_(clock) {}

void CallbackLog::record(const CallbackAttempt& a) {
  const auto status = a.status_code ? std::optional<std::int64_t>(*a.status_code) : std::nullopt;
  database_.write([&](store::Connection& c) {
    c.execute(sql::insert_attempt,
              {a.account_id, a.invitation_id, a.event_id, a.event, a.url, std::int64_t{a.attempt},
               store::nullable(status), std::int64_t{a.succeeded ? 1 : 0}, a.duration_ms,
               store::nullable(a.error), to_unix_ms(clock_.now())});
  });
}

std::vector<CallbackAttempt> CallbackLog::recent(std::int64_t account_id, int limit, int offset) {
  return database_.read([&](store::Connection& c) {
    std::vector<CallbackAttempt> out;
    for (const auto& row :
         c.query(sql::select_attempts, {account_id, std::int64_t{limit}, std::int64_t{offset}}))
      out.push_back(attempt_from(row));
    return out;
  });
}

std::int64_t CallbackLog::count(std::int64_t account_id) {
  return database_.read(
      [&](store::Connection& c) { return c.query_one(sql::count_attempts, {account_id})->integer(0); });
}

}  // namespace pinbridge::plugin
