#pragma once
// The Plugin API Key of each account: what the customer pastes into Pinpoint ("Pinbridge API Key")
// and what Pinpoint then sends on every call to the plugin. A key is "pb_plugin_" plus 32 random
// bytes (URL-safe base64). The dashboard shows it again with a copy button, so it is stored sealed
// with the master key, beside its SHA-256 hash that requests are looked up by. An account has at
// most one key: rotating replaces it in one statement, so the old key stops working at once.
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/result.hpp"
#include "core/secret.hpp"
#include "store/database.hpp"

namespace pinbridge::plugin {

inline constexpr std::string_view key_scheme = "pb_plugin_";

struct PluginKey {
  std::int64_t account_id = 0;
  Secret key;
  Timestamp created_at;
  std::optional<Timestamp> rotated_at;
};

class PluginKeyStore {
 public:
  PluginKeyStore(store::Database& database, const Clock& clock, const crypto::SecretBox& secrets);

  // The account's key, made on first use (concurrent first uses agree on one key).
  Result<PluginKey> ensure(std::int64_t account_id);
  // The account's key, if it has one.
  Result<std::optional<PluginKey>> find(std::int64_t account_id);
  // A new key for the account; the previous one is refused from the moment this returns.
  Result<PluginKey> rotate(std::int64_t account_id);
  // The account whose current key was presented. Looked up by hash, so the time taken does not
  // depend on how much of a key an attacker guessed.
  std::optional<std::int64_t> account_for(const Secret& presented);

 private:
  Result<PluginKey> key_from(const store::Row& row) const;

  store::Database& database_;
  const Clock& clock_;
  const crypto::SecretBox& secrets_;
};

// A fresh key: key_scheme + 32 random bytes from libsodium's CSPRNG.
Secret new_plugin_key();

}  // namespace pinbridge::plugin
