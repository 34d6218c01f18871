#pragma once
// Each account's connection to Pinpoint: the subdomain, the API key (sealed with the master key,
// shown again only as its last four characters), the secret token in the account's webhook URL,
// and Pinpoint's signing secret (sealed). One connection per account.
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/result.hpp"
#include "core/secret.hpp"
#include "store/database.hpp"

namespace pinbridge::automations {

struct PinpointConnection {
  std::int64_t account_id = 0;
  std::string subdomain;
  std::string api_key_hint;   // "…a1b2": enough to recognise the key, never the key
  std::string webhook_token;  // the secret part of the account's webhook URL
  bool has_signing_secret = false;
  std::optional<Timestamp> webhook_confirmed_at;  // "I created the webhook in Pinpoint"
  std::optional<Timestamp> last_delivery_at;
  std::optional<bool> last_delivery_verified;
  Timestamp created_at;
  Timestamp updated_at;
};

// What the webhook receiver needs for the token in a delivery's URL.
struct WebhookTarget {
  std::int64_t account_id = 0;
  std::optional<Secret> signing_secret;  // none: deliveries are accepted but marked unverified
};

class ConnectionStore {
 public:
  ConnectionStore(store::Database& database, const Clock& clock, const crypto::SecretBox& secrets);

  // Creates the connection, or replaces its subdomain and key (keeping its webhook URL). The
  // caller has checked both against Pinpoint.
  PinpointConnection save(std::int64_t account_id, const std::string& subdomain, const Secret& api_key);
  std::optional<PinpointConnection> find(std::int64_t account_id);
  std::optional<Secret> api_key(std::int64_t account_id);
  Result<void> set_signing_secret(std::int64_t account_id, const std::optional<Secret>& secret);
  Result<void> confirm_webhook(std::int64_t account_id);
  // A new webhook URL; the old one stops working at once.
  Result<std::string> rotate_webhook_token(std::int64_t account_id);
  void disconnect(std::int64_t account_id);
  // Every account with a connection, for periodic work.
  std::vector<std::int64_t> connected_accounts();

  // The target of a webhook URL token. Cached for a few seconds, because every delivery asks;
  // changes made through this store take effect at once, other nodes' within the cache time.
  std::optional<WebhookTarget> webhook_target(std::string_view token);

 private:
  std::optional<WebhookTarget> load_target(const std::string& token_hash);
  void forget_cached_targets();

  store::Database& database_;
  const Clock& clock_;
  const crypto::SecretBox& secrets_;
  struct Cached {
    std::optional<WebhookTarget> target;
    Timestamp fetched_at;
  };
  std::mutex cache_mutex_;
  std::map<std::string, Cached> cache_;  // by token hash
};

}  // namespace pinbridge::automations
