#pragma once
// X-API-KEY authentication and the per-category permissions of pinpoint-api.md: each key has,
// per category, none / read / write (write includes read); GET needs read, other methods write.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "http/message.hpp"
#include "store/database.hpp"

namespace pinbridge::sim {

struct ApiKey {
  std::int64_t id = 0;
  std::int64_t company_id = 0;
  std::string prefix;
  nlohmann::json permissions;  // {"Application": "write", ...}; "*" applies to unlisted categories
};

enum class Access { none, read, write };
Access access_of(const nlohmann::json& permissions, std::string_view category);
// The categories of pinpoint-api.md, for the admin API and the demo.
const std::vector<std::string>& permission_categories();

// The company subdomain a Host header names, as in https://{subdomain}.pinpointhq.com: the first
// label, lower-cased ("acme" for "acme.pinpointhq.com" or "Acme.localhost:8081"); nullopt for an
// IP address or a name without a dot (127.0.0.1, localhost), which name no company.
std::optional<std::string> host_subdomain(std::string_view host);

// The key, or the 401/403 response to send. Keys belong to one company: when the Host header
// names another existing company's subdomain, the key is invalid there (401), as a key of one
// Pinpoint account is at another account's URL. A Host naming no company is ignored, so the
// simulator answers on any address it is reached by.
std::variant<ApiKey, http::Response> authenticate(store::Connection& connection,
                                                  const http::Request& request);
// nullopt when allowed, else the 403 response.
std::optional<http::Response> authorize(const ApiKey& key, std::string_view category, bool write);

}  // namespace pinbridge::sim
