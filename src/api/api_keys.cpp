#include "api/api_keys.hpp"

#include "core/crypto.hpp"
#include "store/nullable.hpp"

namespace pinbridge::api {
namespace {

namespace sql {
#define PINBRIDGE_API_KEY_COLUMNS "id, account_id, name, prefix, created_at, last_used_at, revoked_at"
constexpr std::string_view insert_key =
    "INSERT INTO api_keys (account_id, name, prefix, key_hash, created_at) VALUES ($1, $2, $3, $4, $5) "
    "RETURNING " PINBRIDGE_API_KEY_COLUMNS;
constexpr std::string_view select_by_account =
    "SELECT " PINBRIDGE_API_KEY_COLUMNS " FROM api_keys WHERE account_id = $1 ORDER BY id DESC";
constexpr std::string_view select_by_hash =
    "SELECT " PINBRIDGE_API_KEY_COLUMNS " FROM api_keys WHERE key_hash = $1";
constexpr std::string_view revoke_key =
    "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $3) WHERE account_id = $1 AND id = $2 "
    "RETURNING " PINBRIDGE_API_KEY_COLUMNS;
constexpr std::string_view touch_key =
    "UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $3)";
}  // namespace sql

constexpr std::size_t max_name = 100;
constexpr std::size_t visible_chars = 6;  // of the random part, after the scheme
constexpr auto touch_interval = std::chrono::minutes(1);

ApiKey key_from(const store::Row& row) {
  ApiKey key;
  key.id = row.integer(0);
  key.account_id = row.integer(1);
  key.name = row.text(2);
  key.prefix = row.text(3);
  key.created_at = from_unix_ms(row.integer(4));
  key.last_used_at = store::optional_time(row, 5);
  key.revoked_at = store::optional_time(row, 6);
  return key;
}

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

}  // namespace

ApiKeyStore::ApiKeyStore(store::Database& database, const Clock& clock)
    : database_(database), clock_(clock) {}

Result<CreatedKey> ApiKeyStore::create(std::int64_t account_id, std::string_view name) {
  const std::string clean = trimmed(name);
  if (clean.empty()) return Error::invalid("Key name can't be blank");
  if (clean.size() > max_name) return Error::invalid("Key name is too long (100 characters at most)");
  const std::string plaintext = std::string(key_scheme) + crypto::random_token(32);
  const std::string prefix = plaintext.substr(0, key_scheme.size() + visible_chars);
  const auto row = database_.write([&](store::Connection& c) {
    return c.query_one(sql::insert_key,
                       {account_id, clean, prefix, crypto::sha256_hex(plaintext), to_unix_ms(clock_.now())});
  });
  return CreatedKey{key_from(*row), Secret(plaintext)};
}

Result<ApiKey> ApiKeyStore::revoke(std::int64_t account_id, std::int64_t id) {
  const auto row = database_.write([&](store::Connection& c) {
    return c.query_one(sql::revoke_key, {account_id, id, to_unix_ms(clock_.now())});
  });
  if (!row) return Error::not_found("API key not found");
  return key_from(*row);
}

std::vector<ApiKey> ApiKeyStore::list(std::int64_t account_id) {
  return database_.read([&](store::Connection& c) {
    std::vector<ApiKey> keys;
    for (const auto& row : c.query(sql::select_by_account, {account_id})) keys.push_back(key_from(row));
    return keys;
  });
}

std::optional<ApiKey> ApiKeyStore::authenticate(const Secret& presented) {
  if (!presented.reveal().starts_with(key_scheme)) return std::nullopt;
  // The lookup is by hash, so response time does not depend on how much of a key was guessed.
  const std::string hash = crypto::sha256_hex(presented.reveal());
  auto key = database_.read([&](store::Connection& c) -> std::optional<ApiKey> {
    auto row = c.query_one(sql::select_by_hash, {hash});
    return row ? std::optional(key_from(*row)) : std::nullopt;
  });
  if (!key || key->revoked_at) return key;
  const auto now = clock_.now();
  // One write per key per minute at most, so busy API clients do not turn every read into a write.
  if (!key->last_used_at || now - *key->last_used_at >= touch_interval) {
    database_.write([&](store::Connection& c) {
      c.execute(sql::touch_key, {key->id, to_unix_ms(now), to_unix_ms(now - touch_interval)});
    });
    key->last_used_at = now;
  }
  return key;
}

}  // namespace pinbridge::api
