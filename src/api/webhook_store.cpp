#include "api/webhook_store.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/webhook_signature.hpp"
#include "store/nullable.hpp"

namespace pinbridge::api {
namespace {

namespace sql {
#define PINBRIDGE_ENDPOINT_COLUMNS "id, account_id, url, event_types, secret_sealed, created_at"
#define PINBRIDGE_ATTEMPT_COLUMNS                                                                     \
  "id, endpoint_id, event_id, message_id, event_type, attempt, status_code, succeeded, duration_ms, " \
  "error, created_at"
constexpr std::string_view insert_endpoint =
    "INSERT INTO webhook_endpoints (account_id, url, event_types, secret_sealed, created_at) "
    "VALUES ($1, $2, $3, $4, $5) RETURNING " PINBRIDGE_ENDPOINT_COLUMNS;
constexpr std::string_view select_endpoints =
    "SELECT " PINBRIDGE_ENDPOINT_COLUMNS " FROM webhook_endpoints WHERE account_id = $1 ORDER BY id";
constexpr std::string_view select_endpoint =
    "SELECT " PINBRIDGE_ENDPOINT_COLUMNS " FROM webhook_endpoints WHERE account_id = $1 AND id = $2";
constexpr std::string_view delete_endpoint =
    "DELETE FROM webhook_endpoints WHERE account_id = $1 AND id = $2";
constexpr std::string_view insert_attempt =
    "INSERT INTO webhook_attempts (account_id, endpoint_id, event_id, message_id, event_type, attempt, "
    "status_code, succeeded, duration_ms, error, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
constexpr std::string_view select_attempts =
    "SELECT " PINBRIDGE_ATTEMPT_COLUMNS
    " FROM webhook_attempts WHERE account_id = $1 ORDER BY id DESC LIMIT $2";
}  // namespace sql

constexpr std::size_t max_endpoints = 20;

WebhookEndpoint endpoint_from(const store::Row& row) {
  WebhookEndpoint out;
  out.id = row.integer(0);
  out.account_id = row.integer(1);
  out.url = row.text(2);
  out.event_types = nlohmann::json::parse(row.text(3)).get<std::vector<std::string>>();
  out.secret_sealed = row.text(4);
  out.created_at = from_unix_ms(row.integer(5));
  return out;
}

WebhookAttempt attempt_from(const store::Row& row) {
  WebhookAttempt out;
  out.id = row.integer(0);
  out.endpoint_id = row.integer(1);
  out.event_id = row.integer(2);
  out.message_id = row.text(3);
  out.event_type = row.text(4);
  out.attempt = static_cast<int>(row.integer(5));
  if (auto status = row.optional_integer(6)) out.status_code = static_cast<int>(*status);
  out.succeeded = row.integer(7) != 0;
  out.duration_ms = row.integer(8);
  out.error = row.optional_text(9);
  out.created_at = from_unix_ms(row.integer(10));
  return out;
}

Result<std::vector<std::string>> checked_types(std::vector<std::string> types) {
  if (types.empty()) return Error::invalid("Choose at least one event");
  for (const auto& type : types)
    if (std::find(std::begin(webhook_event_types), std::end(webhook_event_types), type) ==
        std::end(webhook_event_types))
      return Error::invalid("Unknown event type '" + type + "'");
  std::sort(types.begin(), types.end());
  types.erase(std::unique(types.begin(), types.end()), types.end());
  return types;
}

}  // namespace

bool WebhookEndpoint::wants(std::string_view type) const {
  return std::find(event_types.begin(), event_types.end(), type) != event_types.end();
}

WebhookStore::WebhookStore(store::Database& database, const Clock& clock, const crypto::SecretBox& secrets,
                           UrlPolicy policy)
    : database_(database), clock_(clock), secrets_(secrets), policy_(policy) {}

Result<CreatedEndpoint> WebhookStore::create(std::int64_t account_id, std::string_view url,
                                             std::vector<std::string> event_types) {
  if (auto target = check_target(url, policy_); !target) return target.error();
  auto types = checked_types(std::move(event_types));
  if (!types) return types.error();
  if (list(account_id).size() >= max_endpoints)
    return Error::invalid("An account can have at most 20 endpoints");
  Secret secret = new_signing_secret();
  const auto row = database_.write([&](store::Connection& c) {
    return c.query_one(sql::insert_endpoint, {account_id, std::string(url), nlohmann::json(*types).dump(),
                                              secrets_.seal(secret), to_unix_ms(clock_.now())});
  });
  return CreatedEndpoint{endpoint_from(*row), std::move(secret)};
}

Result<void> WebhookStore::remove(std::int64_t account_id, std::int64_t id) {
  const auto removed = database_.write([&](store::Connection& c) {
    return c.execute(sql::delete_endpoint, {account_id, id});
  });
  if (removed == 0) return Error::not_found("Webhook endpoint not found");
  return {};
}

std::vector<WebhookEndpoint> WebhookStore::list(std::int64_t account_id) {
  return database_.read([&](store::Connection& c) { return list(c, account_id); });
}

std::vector<WebhookEndpoint> WebhookStore::list(store::Connection& c, std::int64_t account_id) {
  std::vector<WebhookEndpoint> out;
  for (const auto& row : c.query(sql::select_endpoints, {account_id})) out.push_back(endpoint_from(row));
  return out;
}

std::optional<WebhookEndpoint> WebhookStore::find(std::int64_t account_id, std::int64_t id) {
  return database_.read([&](store::Connection& c) -> std::optional<WebhookEndpoint> {
    auto row = c.query_one(sql::select_endpoint, {account_id, id});
    return row ? std::optional(endpoint_from(*row)) : std::nullopt;
  });
}

Result<Secret> WebhookStore::secret(const WebhookEndpoint& endpoint) const {
  return secrets_.open(endpoint.secret_sealed);
}

void WebhookStore::record_attempt(std::int64_t account_id, const WebhookAttempt& a) {
  const std::optional<std::int64_t> status =
      a.status_code ? std::optional<std::int64_t>(*a.status_code) : std::nullopt;
  database_.write([&](store::Connection& c) {
    c.execute(sql::insert_attempt,
              {account_id, a.endpoint_id, a.event_id, a.message_id, a.event_type, std::int64_t{a.attempt},
               store::nullable(status), std::int64_t{a.succeeded ? 1 : 0}, a.duration_ms,
               store::nullable(a.error), to_unix_ms(clock_.now())});
  });
}

std::vector<WebhookAttempt> WebhookStore::attempts(std::int64_t account_id, int limit) {
  return database_.read([&](store::Connection& c) {
    std::vector<WebhookAttempt> out;
    for (const auto& row : c.query(sql::select_attempts, {account_id, std::int64_t{limit}}))
      out.push_back(attempt_from(row));
    return out;
  });
}

}  // namespace pinbridge::api
