#include "pinpoint/subdomain.hpp"

#include <algorithm>
#include <cctype>

#include "core/text.hpp"

namespace pinbridge::pinpoint {
namespace {

constexpr std::string_view production_suffix = ".pinpointhq.com";

bool label_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) text.remove_suffix(1);
  return text;
}

std::string_view strip_prefix(std::string_view text, std::string_view prefix) {
  return text.starts_with(prefix) ? text.substr(prefix.size()) : text;
}

std::string_view strip_suffix(std::string_view text, std::string_view suffix) {
  return text.ends_with(suffix) ? text.substr(0, text.size() - suffix.size()) : text;
}

}  // namespace

bool is_valid_subdomain(std::string_view subdomain) {
  if (subdomain.empty() || subdomain.size() > 63) return false;
  if (subdomain.front() == '-' || subdomain.back() == '-') return false;
  return std::all_of(subdomain.begin(), subdomain.end(), label_char);
}

Result<std::string> normalize_subdomain(std::string_view input) {
  const std::string lowered = ascii_lower(trim(input));
  // Only the exact shapes of a Pinpoint dashboard URL are unwrapped; whatever remains must be a
  // bare label, so "evil.com/x" or "acme.pinpointhq.com.evil.com" still fail below.
  std::string_view text = strip_prefix(strip_prefix(lowered, "https://"), "http://");
  text = strip_suffix(strip_suffix(text, "/"), production_suffix);
  if (!is_valid_subdomain(text))
    return Error::invalid(
        "The Pinpoint subdomain must be the first part of your Pinpoint address, e.g. \"acme\" for "
        "https://acme.pinpointhq.com: lower-case letters, digits and hyphens only.");
  return std::string(text);
}

Result<std::string> validate_base_url_override(std::string_view override_url) {
  std::string_view text = override_url;
  if (text.ends_with('/')) text.remove_suffix(1);
  std::string_view authority;
  if (text.starts_with("http://"))
    authority = text.substr(7);
  else if (text.starts_with("https://"))
    authority = text.substr(8);
  else
    return Error::invalid("pinpoint.base_url_override must start with http:// or https://");
  if (authority.empty() || authority.find_first_of("/?#@ \t") != std::string_view::npos)
    return Error::invalid(
        "pinpoint.base_url_override must be scheme and host only, e.g. http://127.0.0.1:8081");
  return std::string(text);
}

Result<std::string> api_base_url(std::string_view subdomain, std::string_view base_url_override) {
  if (!is_valid_subdomain(subdomain))
    return Error::invalid("invalid Pinpoint subdomain: it must be a single DNS label such as \"acme\"");
  if (base_url_override.empty())
    return "https://" + std::string(subdomain) + std::string(production_suffix) + "/api/v1";
  auto base = validate_base_url_override(base_url_override);
  if (!base) return base.error();
  return *base + "/api/v1";
}

}  // namespace pinbridge::pinpoint
