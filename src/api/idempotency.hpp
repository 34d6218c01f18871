#pragma once
// Idempotency-Key records for the public API's POSTs: the account, the key, a hash of the request
// (method, path and canonical JSON body) and the successful response, kept for 24 hours. The same
// key with the same request replays the stored response; with a different request it is refused.
// Failed requests are not stored, so a client can fix its input and retry with the same key.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace pinbridge::api {

struct StoredResponse {
  std::string request_hash;
  int status = 0;
  std::string body;
};

class IdempotencyStore {
 public:
  static constexpr std::chrono::hours retention{24};
  static constexpr std::size_t max_key_length = 255;

  IdempotencyStore(store::Database& database, const Clock& clock);

  // The record for this account and key, if one younger than the retention exists.
  std::optional<StoredResponse> find(std::int64_t account_id, const std::string& key);
  // Stores the response unless a record for the key exists already (a concurrent request won the
  // race); returns the record that is now stored, which the caller should answer with.
  StoredResponse remember(std::int64_t account_id, const std::string& key, const StoredResponse& response);

 private:
  store::Database& database_;
  const Clock& clock_;
};

}  // namespace pinbridge::api
