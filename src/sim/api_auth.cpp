#include "sim/api_auth.hpp"

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "sim/jsonapi.hpp"
#include "sim/sim_sql.hpp"

namespace pinbridge::sim {

Access access_of(const nlohmann::json& permissions, std::string_view category) {
  auto it = permissions.find(std::string(category));
  if (it == permissions.end()) it = permissions.find("*");
  if (it == permissions.end() || !it->is_string()) return Access::none;
  const std::string level = ascii_lower(it->get<std::string>());
  if (level == "write") return Access::write;
  if (level == "read") return Access::read;
  return Access::none;
}

const std::vector<std::string>& permission_categories() {
  static const std::vector<std::string> categories{
      "Application",     "Candidate", "Candidate Assessment", "Comment",
      "Hiring Workflow", "Job",       "Talent Pipeline",      "User"};
  return categories;
}

std::optional<std::string> host_subdomain(std::string_view host) {
  if (host.empty() || host.front() == '[') return std::nullopt;  // an IPv6 literal
  host = host.substr(0, host.find(':'));
  const auto dot = host.find('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  if (host.find_first_not_of("0123456789.") == std::string_view::npos) return std::nullopt;  // IPv4
  return ascii_lower(host.substr(0, dot));
}

namespace {

// True when the request's Host names a company other than the key's.
bool host_names_other_company(store::Connection& connection, const http::Request& request,
                              const std::string& key_subdomain) {
  const auto subdomain = host_subdomain(request.header("Host").value_or(""));
  if (!subdomain || *subdomain == key_subdomain) return false;
  return connection.query_one(sql::company_exists, {*subdomain}).has_value();
}

}  // namespace

std::variant<ApiKey, http::Response> authenticate(store::Connection& connection,
                                                  const http::Request& request) {
  const auto header = request.header("X-API-KEY");  // header names compare case-insensitively
  if (!header || header->empty()) return error_response(401, "X-API-KEY header not provided");
  const auto row = connection.query_one(sql::select_api_key, {crypto::sha256_hex(*header)});
  if (!row || host_names_other_company(connection, request, row->text(5)))
    return error_response(401, "Invalid API key");
  if (row->integer(4) == 0) return error_response(403, "Integration not enabled");
  return ApiKey{row->integer(0), row->integer(1), row->text(2),
                nlohmann::json::parse(row->text(3), nullptr, false)};
}

std::optional<http::Response> authorize(const ApiKey& key, std::string_view category, bool write) {
  const Access access = access_of(key.permissions, category);
  const bool allowed = write ? access == Access::write : access != Access::none;
  if (allowed) return std::nullopt;
  return error_response(403,
                        fmt::format("API key lacks {} {} permission", category, write ? "write" : "read"));
}

}  // namespace pinbridge::sim
