#include "web/security.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/text.hpp"

namespace pinbridge::web {
namespace {

constexpr std::string_view content_security_policy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

bool has_port(std::string_view host) {
  // "[::1]:8080" and "example.com:8080" have one; "[::1]" does not.
  const auto colon = host.rfind(':');
  return colon != std::string_view::npos && host.find(']', colon) == std::string_view::npos;
}

// host:port from an Origin value such as "https://example.com:8443", with the scheme's default
// port filled in, so that it compares with a Host header that may or may not name the port.
std::optional<std::string> origin_host(std::string_view origin) {
  const auto separator = origin.find("://");
  if (separator == std::string_view::npos) return std::nullopt;  // "null" and other opaque origins
  const std::string scheme = ascii_lower(origin.substr(0, separator));
  const std::string host = ascii_lower(origin.substr(separator + 3));
  if (host.empty() || host.find('/') != std::string::npos) return std::nullopt;
  if (has_port(host)) return host;
  if (scheme == "https") return host + ":443";
  if (scheme == "http") return host + ":80";
  return std::nullopt;
}

bool is_unreserved(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' || c == '~';
}

}  // namespace

void add_security_headers(http::Response& response, Caching caching) {
  response.header("Content-Security-Policy", std::string(content_security_policy));
  response.header("X-Content-Type-Options", "nosniff");
  response.header("X-Frame-Options", "DENY");
  response.header("Referrer-Policy", "same-origin");
  if (caching == Caching::none) response.header("Cache-Control", "no-store");
}

bool origin_allowed(const http::Request& request, std::string_view public_url) {
  const auto origin = request.header("Origin");
  if (!origin) return true;
  const auto from = origin_host(*origin);
  if (!from) return false;
  // Behind a proxy that rewrites Host, the configured public URL is the page's real origin.
  const auto scheme_end = public_url.find("://");
  const auto path_start =
      scheme_end == std::string_view::npos ? public_url.size() : public_url.find('/', scheme_end + 3);
  if (!public_url.empty() && origin_host(public_url.substr(0, path_start)) == from) return true;
  const auto host = request.header("Host");
  if (!host || host->empty()) return false;
  const std::string expected = ascii_lower(*host);
  if (has_port(expected)) return *from == expected;
  // A Host without a port means the scheme's default one, which is what origin_host filled in.
  return *from == expected + ":443" || *from == expected + ":80";
}

std::optional<std::string> safe_next_path(std::string_view next) {
  if (next.empty() || next.size() > 2048 || next.front() != '/') return std::nullopt;
  if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return std::nullopt;
  // Browsers treat '\' like '/' and drop tabs and newlines, so "/\t/evil" would become "//evil".
  const bool clean = std::none_of(next.begin(), next.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return c == '\\' || u < 0x20 || u == 0x7f;
  });
  if (!clean) return std::nullopt;
  return std::string(next);
}

std::string url_encode(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (is_unreserved(c)) {
      out.push_back(c);
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
  }
  return out;
}

}  // namespace pinbridge::web
