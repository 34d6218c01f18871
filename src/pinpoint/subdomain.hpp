#pragma once
// Where a connected account's API calls go. The customer types only a subdomain, so that is all
// they can influence: it must be one DNS label, and production URLs are always
// https://{subdomain}.pinpointhq.com/api/v1. Anything that would let the label reach another host
// ("evil.com/x", "127.0.0.1", "acme:8080", "a@b") is refused before a request is built.
// The one escape hatch is a server-wide base_url_override (operator config, never per account)
// that swaps scheme and host for the simulator in tests and demos.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace pinbridge::pinpoint {

// True for 1-63 characters of [a-z0-9-] that neither start nor end with '-'.
bool is_valid_subdomain(std::string_view subdomain);

// The subdomain as the customer may paste it ("Acme ", "acme.pinpointhq.com",
// "https://acme.pinpointhq.com/") reduced to its label and validated; invalid_input otherwise.
Result<std::string> normalize_subdomain(std::string_view input);

// Checks an operator's override: "http(s)://host[:port]" with no path, query, credentials or
// fragment (a trailing '/' is tolerated). Returns it without the trailing '/'.
Result<std::string> validate_base_url_override(std::string_view override_url);

// The API root for an account, e.g. "https://acme.pinpointhq.com/api/v1", or
// "{override}/api/v1" when an override is set. The subdomain is validated either way.
Result<std::string> api_base_url(std::string_view subdomain, std::string_view base_url_override = {});

}  // namespace pinbridge::pinpoint
