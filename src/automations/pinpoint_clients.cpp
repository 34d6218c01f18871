#include "automations/pinpoint_clients.hpp"

namespace pinbridge::automations {

PinpointClients::PinpointClients(ConnectionStore& connections, CallLog& calls, const net::HttpClient& http,
                                 const Clock& clock, Random& random, pinpoint::ClientOptions options)
    : connections_(connections),
      calls_(calls),
      http_(http),
      clock_(clock),
      random_(random),
      options_(std::move(options)) {}

Result<std::shared_ptr<const pinpoint::PinpointClient>> PinpointClients::for_account(
    std::int64_t account_id) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = clients_.find(account_id); it != clients_.end()) return it->second;
  }
  const auto connection = connections_.find(account_id);
  auto key = connections_.api_key(account_id);
  if (!connection || !key) return Error::not_found("This account is not connected to Pinpoint");
  auto client = unsaved(account_id, connection->subdomain, *key);
  std::lock_guard lock(mutex_);
  return clients_.try_emplace(account_id, std::move(client)).first->second;
}

std::shared_ptr<const pinpoint::PinpointClient> PinpointClients::unsaved(std::int64_t account_id,
                                                                         const std::string& subdomain,
                                                                         const Secret& api_key) {
  pinpoint::ClientSettings settings{subdomain, api_key, options_};
  auto sink = [this, account_id](const pinpoint::CallRecord& call) { calls_.record(account_id, call); };
  return std::make_shared<const pinpoint::PinpointClient>(std::move(settings), http_, clock_, random_, sink);
}

void PinpointClients::forget(std::int64_t account_id) {
  std::lock_guard lock(mutex_);
  clients_.erase(account_id);
}

}  // namespace pinbridge::automations
