#pragma once
// One PinpointClient per connected account, built on first use from the account's connection and
// kept, so the client's rate limit covers all the work done for that account in this process.
// Forget an account's client when its connection changes (new key, new subdomain, disconnect).
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

#include "automations/call_log.hpp"
#include "automations/connection_store.hpp"
#include "core/result.hpp"
#include "pinpoint/client.hpp"

namespace pinbridge::automations {

class PinpointClients {
 public:
  PinpointClients(ConnectionStore& connections, CallLog& calls, const net::HttpClient& http,
                  const Clock& clock, Random& random, pinpoint::ClientOptions options);

  // not_found when the account has no connection.
  Result<std::shared_ptr<const pinpoint::PinpointClient>> for_account(std::int64_t account_id);
  // A client for a subdomain and key not yet saved (the wizard's check), logged to the account.
  std::shared_ptr<const pinpoint::PinpointClient> unsaved(std::int64_t account_id,
                                                          const std::string& subdomain,
                                                          const Secret& api_key);
  void forget(std::int64_t account_id);

 private:
  ConnectionStore& connections_;
  CallLog& calls_;
  const net::HttpClient& http_;
  const Clock& clock_;
  Random& random_;
  pinpoint::ClientOptions options_;
  std::mutex mutex_;
  std::map<std::int64_t, std::shared_ptr<const pinpoint::PinpointClient>> clients_;
};

}  // namespace pinbridge::automations
