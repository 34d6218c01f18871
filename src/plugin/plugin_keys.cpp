#include "plugin/plugin_keys.hpp"

#include "store/nullable.hpp"

namespace pinbridge::plugin {
namespace {

namespace sql {
#define PINBRIDGE_PLUGIN_KEY_COLUMNS "account_id, key_sealed, created_at, rotated_at"
constexpr std::string_view insert_if_missing =
    "INSERT INTO plugin_keys (account_id, key_sealed, key_hash, created_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (account_id) DO NOTHING";
constexpr std::string_view replace_key =
    "INSERT INTO plugin_keys (account_id, key_sealed, key_hash, created_at, rotated_at) "
    "VALUES ($1, $2, $3, $4, $4) ON CONFLICT (account_id) DO UPDATE SET key_sealed = excluded.key_sealed, "
    "key_hash = excluded.key_hash, rotated_at = excluded.rotated_at";
constexpr std::string_view select_by_account =
    "SELECT " PINBRIDGE_PLUGIN_KEY_COLUMNS " FROM plugin_keys WHERE account_id = $1";
constexpr std::string_view select_account_by_hash = "SELECT account_id FROM plugin_keys WHERE key_hash = $1";
}  // namespace sql

constexpr std::size_t key_random_bytes = 32;
// Longer than any key we make; a longer "key" is refused before it is hashed.
constexpr std::size_t max_presented_chars = 200;

}  // namespace

Secret new_plugin_key() {
  return Secret(std::string(key_scheme) + crypto::random_token(key_random_bytes));
}

PluginKeyStore::PluginKeyStore(store::Database& database, const Clock& clock,
                               const crypto::SecretBox& secrets)
    : database_(database), clock_(clock), secrets_(secrets) {}

Result<PluginKey> PluginKeyStore::key_from(const store::Row& row) const {
  auto key = secrets_.open(row.text(1));
  if (!key) return Error::internal("the plugin key cannot be unsealed: " + key.error().message);
  return PluginKey{row.integer(0), std::move(*key), from_unix_ms(row.integer(2)),
                   store::optional_time(row, 3)};
}

Result<PluginKey> PluginKeyStore::ensure(std::int64_t account_id) {
  const Secret key = new_plugin_key();
  const auto row = database_.write([&](store::Connection& c) {
    // ON CONFLICT: a concurrent first view made the key already; both then read the same one.
    c.execute(sql::insert_if_missing,
              {account_id, secrets_.seal(key), crypto::sha256_hex(key.reveal()), to_unix_ms(clock_.now())});
    return c.query_one(sql::select_by_account, {account_id});
  });
  return key_from(*row);
}

Result<std::optional<PluginKey>> PluginKeyStore::find(std::int64_t account_id) {
  const auto row =
      database_.read([&](store::Connection& c) { return c.query_one(sql::select_by_account, {account_id}); });
  if (!row) return std::optional<PluginKey>();
  auto key = key_from(*row);
  if (!key) return key.error();
  return std::optional(std::move(*key));
}

Result<PluginKey> PluginKeyStore::rotate(std::int64_t account_id) {
  const Secret key = new_plugin_key();
  const auto row = database_.write([&](store::Connection& c) {
    c.execute(sql::replace_key,
              {account_id, secrets_.seal(key), crypto::sha256_hex(key.reveal()), to_unix_ms(clock_.now())});
    return c.query_one(sql::select_by_account, {account_id});
  });
  return key_from(*row);
}

std::optional<std::int64_t> PluginKeyStore::account_for(const Secret& presented) {
  const auto& text = presented.reveal();
  if (!text.starts_with(key_scheme) || text.size() > max_presented_chars) return std::nullopt;
  const std::string hash = crypto::sha256_hex(text);
  return database_.read([&](store::Connection& c) -> std::optional<std::int64_t> {
    auto row = c.query_one(sql::select_account_by_hash, {hash});
    return row ? std::optional(row->integer(0)) : std::nullopt;
  });
}

}  // namespace pinbridge::plugin
