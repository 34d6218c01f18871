#pragma once
// X-API-KEY authentication and the per-category permissions of pinpoint-api.md: each key has,
// per category, none / read / write (write includes read); GET needs read, other methods write.
#include <cstdint>
#include <nlohmann/json.hpp>
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

// The key, or the 401/403 response to send.
std::variant<ApiKey, http::Response> authenticate(store::Connection& connection,
                                                  const http::Request& request);
// nullopt when allowed, else the 403 response.
std::optional<http::Response> authorize(const ApiKey& key, std::string_view category, bool write);

}  // namespace pinbridge::sim
