#pragma once
// API keys of an account, for the public API. A key is "pb_live_" plus 32 random bytes
// (URL-safe base64); it is shown once when created and stored only as its SHA-256 hash, with a
// short visible prefix so people can tell their keys apart. Revoked keys stay listed.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/secret.hpp"
#include "store/database.hpp"

namespace pinbridge::api {

inline constexpr std::string_view key_scheme = "pb_live_";

struct ApiKey {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::string name;
  std::string prefix;  // e.g. "pb_live_3fA9xQ": the scheme and the first characters of the key
  Timestamp created_at;
  std::optional<Timestamp> last_used_at;
  std::optional<Timestamp> revoked_at;
};

struct CreatedKey {
  ApiKey key;
  Secret plaintext;  // the whole key: show it once, then it is gone
};

class ApiKeyStore {
 public:
  ApiKeyStore(store::Database& database, const Clock& clock);

  // name: 1-100 characters, for the person reading the list.
  Result<CreatedKey> create(std::int64_t account_id, std::string_view name);
  // Revokes at once; revoking twice is fine. not_found for another account's key.
  Result<ApiKey> revoke(std::int64_t account_id, std::int64_t id);
  std::vector<ApiKey> list(std::int64_t account_id);

  // The key a request presented, if it exists (revoked keys are returned, with revoked_at set, so
  // the caller can say why it is refused). Records last_used_at, at most once a minute.
  std::optional<ApiKey> authenticate(const Secret& presented);

 private:
  store::Database& database_;
  const Clock& clock_;
};

}  // namespace pinbridge::api
