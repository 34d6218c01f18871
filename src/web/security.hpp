#pragma once
// Checks and headers that protect the dashboard from other sites: framing, sniffing, open
// redirects and cross-origin form posts.
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace pinbridge::web {

enum class Caching { none, allowed };

// Content-Security-Policy (no inline script), nosniff, no framing, same-origin referrers; and
// Cache-Control: no-store unless caching is allowed (static assets).
void add_security_headers(http::Response& response, Caching caching = Caching::none);

// A request without an Origin header passes (older browsers, same-origin GETs); one with an Origin
// passes only when its host:port is the Host header's. The scheme is ignored because a TLS proxy
// in front may change it.
bool origin_allowed(const http::Request& request, std::string_view public_url = {});

// The local path to go to after signing in, or nullopt when `next` could send the browser to
// another site ("//evil.example", "/\evil.example", "https://...") or is otherwise unsafe.
std::optional<std::string> safe_next_path(std::string_view next);

// Percent-encodes everything but unreserved characters (RFC 3986), for query values.
std::string url_encode(std::string_view text);

}  // namespace pinbridge::web
