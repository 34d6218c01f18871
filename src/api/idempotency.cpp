#include "api/idempotency.hpp"

namespace pinbridge::api {
namespace {

namespace sql {
constexpr std::string_view select_record =
    "SELECT request_hash, response_status, response_body FROM api_idempotency_keys "
    "WHERE account_id = $1 AND idempotency_key = $2 AND created_at >= $3";
// Records past the retention are cleared before inserting, so an old key can be used afresh.
constexpr std::string_view delete_expired = "DELETE FROM api_idempotency_keys WHERE created_at < $1";
constexpr std::string_view insert_record =
    "INSERT INTO api_idempotency_keys (account_id, idempotency_key, request_hash, response_status, "
    "response_body, created_at) VALUES ($1, $2, $3, $4, $5, $6) "
    "ON CONFLICT (account_id, idempotency_key) DO NOTHING";
}  // namespace sql

StoredResponse record_from(const store::Row& row) {
  return {row.text(0), static_cast<int>(row.integer(1)), row.text(2)};
}

}  // namespace

IdempotencyStore::IdempotencyStore(store::Database& database, const Clock& clock)
    : database_(database), clock_(clock) {}

std::optional<StoredResponse> IdempotencyStore::find(std::int64_t account_id, const std::string& key) {
  const auto oldest = to_unix_ms(clock_.now() - retention);
  return database_.read([&](store::Connection& c) -> std::optional<StoredResponse> {
    auto row = c.query_one(sql::select_record, {account_id, key, oldest});
    return row ? std::optional(record_from(*row)) : std::nullopt;
  });
}

StoredResponse IdempotencyStore::remember(std::int64_t account_id, const std::string& key,
                                          const StoredResponse& response) {
  const auto now = clock_.now();
  const auto oldest = to_unix_ms(now - retention);
  return database_.write([&](store::Connection& c) {
    c.execute(sql::delete_expired, {oldest});
    c.execute(sql::insert_record, {account_id, key, response.request_hash, std::int64_t{response.status},
                                   response.body, to_unix_ms(now)});
    return record_from(*c.query_one(sql::select_record, {account_id, key, oldest}));
  });
}

}  // namespace pinbridge::api
