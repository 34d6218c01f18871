#include "automations/connection_store.hpp"

#include <stdexcept>

#include "store/nullable.hpp"

namespace pinbridge::automations {
namespace {

namespace sql {
constexpr std::string_view insert_connection =
    "INSERT INTO pinpoint_connections (account_id, subdomain, api_key_sealed, api_key_hint, "
    "webhook_token_hash, "
    "webhook_token_sealed, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) "
    "ON CONFLICT (account_id) DO UPDATE SET subdomain = excluded.subdomain, api_key_sealed = "
    "excluded.api_key_sealed, api_key_hint = excluded.api_key_hint, updated_at = excluded.updated_at";
constexpr std::string_view select_connection =
    "SELECT account_id, subdomain, api_key_hint, webhook_token_sealed, signing_secret_sealed, "
    "webhook_confirmed_at, "
    "last_delivery_at, last_delivery_verified, created_at, updated_at FROM pinpoint_connections "
    "WHERE account_id = $1";
constexpr std::string_view select_api_key =
    "SELECT api_key_sealed FROM pinpoint_connections WHERE account_id = $1";
constexpr std::string_view select_target =
    "SELECT account_id, signing_secret_sealed FROM pinpoint_connections WHERE webhook_token_hash = $1";
constexpr std::string_view update_signing_secret =
    "UPDATE pinpoint_connections SET signing_secret_sealed = $2, updated_at = $3 WHERE account_id = $1";
constexpr std::string_view update_confirmed =
    "UPDATE pinpoint_connections SET webhook_confirmed_at = $2, updated_at = $2 WHERE account_id = $1";
constexpr std::string_view update_token =
    "UPDATE pinpoint_connections SET webhook_token_hash = $2, webhook_token_sealed = $3, updated_at = $4 "
    "WHERE account_id = $1";
constexpr std::string_view select_accounts =
    "SELECT account_id FROM pinpoint_connections ORDER BY account_id";
constexpr std::string_view delete_connection = "DELETE FROM pinpoint_connections WHERE account_id = $1";
}  // namespace sql

constexpr auto target_cache_time = std::chrono::seconds(5);

std::string hint_of(const Secret& key) {
  const auto& text = key.reveal();
  return "…" + text.substr(text.size() > 4 ? text.size() - 4 : 0);
}

Error not_connected() {
  return Error::not_found("This account is not connected to Pinpoint");
}

}  // namespace

ConnectionStore::ConnectionStore(store::Database& database, const Clock& clock,
                                 const crypto::SecretBox& secrets)
    : database_(database), clock_(clock), secrets_(secrets) {}

PinpointConnection ConnectionStore::save(std::int64_t account_id, const std::string& subdomain,
                                         const Secret& api_key) {
  // A new token is only used when the connection is new: ON CONFLICT keeps the stored one.
  const auto token = crypto::random_token(24);
  database_.write([&](store::Connection& c) {
    c.execute(sql::insert_connection,
              {account_id, subdomain, secrets_.seal(api_key), hint_of(api_key), crypto::sha256_hex(token),
               secrets_.seal(Secret(token)), to_unix_ms(clock_.now())});
  });
  return *find(account_id);
}

std::optional<PinpointConnection> ConnectionStore::find(std::int64_t account_id) {
  auto row =
      database_.read([&](store::Connection& c) { return c.query_one(sql::select_connection, {account_id}); });
  if (!row) return std::nullopt;
  PinpointConnection out;
  out.account_id = row->integer(0);
  out.subdomain = row->text(1);
  out.api_key_hint = row->text(2);
  auto token = secrets_.open(row->text(3));
  out.webhook_token = token ? token->reveal() : "";
  out.has_signing_secret = !row->is_null(4);
  out.webhook_confirmed_at = store::optional_time(*row, 5);
  out.last_delivery_at = store::optional_time(*row, 6);
  if (auto verified = row->optional_integer(7)) out.last_delivery_verified = *verified != 0;
  out.created_at = from_unix_ms(row->integer(8));
  out.updated_at = from_unix_ms(row->integer(9));
  return out;
}

std::optional<Secret> ConnectionStore::api_key(std::int64_t account_id) {
  auto sealed =
      database_.read([&](store::Connection& c) { return c.query_one(sql::select_api_key, {account_id}); });
  if (!sealed) return std::nullopt;
  auto key = secrets_.open(sealed->text(0));
  return key ? std::optional(std::move(*key)) : std::nullopt;
}

Result<void> ConnectionStore::set_signing_secret(std::int64_t account_id,
                                                 const std::optional<Secret>& secret) {
  std::optional<std::string> sealed;
  if (secret) sealed = secrets_.seal(*secret);
  const auto changed = database_.write([&](store::Connection& c) {
    return c.execute(sql::update_signing_secret,
                     {account_id, store::nullable(sealed), to_unix_ms(clock_.now())});
  });
  forget_cached_targets();
  if (changed == 0) return not_connected();
  return {};
}

Result<void> ConnectionStore::confirm_webhook(std::int64_t account_id) {
  const auto changed = database_.write([&](store::Connection& c) {
    return c.execute(sql::update_confirmed, {account_id, to_unix_ms(clock_.now())});
  });
  if (changed == 0) return not_connected();
  return {};
}

Result<std::string> ConnectionStore::rotate_webhook_token(std::int64_t account_id) {
  const auto token = crypto::random_token(24);
  const auto changed = database_.write([&](store::Connection& c) {
    return c.execute(sql::update_token, {account_id, crypto::sha256_hex(token), secrets_.seal(Secret(token)),
                                         to_unix_ms(clock_.now())});
  });
  forget_cached_targets();
  if (changed == 0) return not_connected();
  return token;
}

void ConnectionStore::disconnect(std::int64_t account_id) {
  database_.write([&](store::Connection& c) { c.execute(sql::delete_connection, {account_id}); });
  forget_cached_targets();
}

std::vector<std::int64_t> ConnectionStore::connected_accounts() {
  return database_.read([](store::Connection& c) {
    std::vector<std::int64_t> ids;
    for (const auto& row : c.query(sql::select_accounts, {})) ids.push_back(row.integer(0));
    return ids;
  });
}

std::optional<WebhookTarget> ConnectionStore::webhook_target(std::string_view token) {
  const auto hash = crypto::sha256_hex(token);
  const auto now = clock_.now();
  {
    std::lock_guard lock(cache_mutex_);
    if (auto it = cache_.find(hash); it != cache_.end() && now - it->second.fetched_at < target_cache_time)
      return it->second.target;
  }
  auto target = load_target(hash);
  std::lock_guard lock(cache_mutex_);
  if (cache_.size() > 10'000) cache_.clear();  // bounded: unknown tokens must not grow it forever
  cache_[hash] = {target, now};
  return target;
}

std::optional<WebhookTarget> ConnectionStore::load_target(const std::string& token_hash) {
  auto row =
      database_.read([&](store::Connection& c) { return c.query_one(sql::select_target, {token_hash}); });
  if (!row) return std::nullopt;
  WebhookTarget target;
  target.account_id = row->integer(0);
  if (!row->is_null(1)) {
    // Never fall back to accepting unsigned deliveries because a secret cannot be read (the
    // master key changed): fail, so Pinpoint retries and the operator sees the error.
    auto secret = secrets_.open(row->text(1));
    if (!secret) throw std::runtime_error("the signing secret cannot be opened with this master key");
    target.signing_secret = std::move(*secret);
  }
  return target;
}

void ConnectionStore::forget_cached_targets() {
  std::lock_guard lock(cache_mutex_);
  cache_.clear();
}

}  // namespace pinbridge::automations
