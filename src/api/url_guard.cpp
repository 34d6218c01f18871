#include "api/url_guard.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netdb.h>

#include <array>
#include <cstring>
#include <memory>

namespace pinbridge::api {
namespace {

constexpr std::size_t max_url = 2000;

struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct CurlString {
  char* text = nullptr;
  ~CurlString() { curl_free(text); }
};
struct AddrInfoDeleter {
  void operator()(addrinfo* info) const { freeaddrinfo(info); }
};

// The scheme and host through libcurl's own URL parser, the one that will later send the request.
Result<std::string> host_of(std::string_view url) {
  if (url.size() > max_url) return Error::invalid("The URL is too long (2,000 characters at most)");
  const std::unique_ptr<CURLU, UrlDeleter> parsed(curl_url());
  const std::string text(url);
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK)
    return Error::invalid("The URL is not valid; use a full address like https://example.com/webhooks");
  CurlString scheme, host;
  curl_url_get(parsed.get(), CURLUPART_SCHEME, &scheme.text, 0);
  if (scheme.text == nullptr ||
      (std::strcmp(scheme.text, "http") != 0 && std::strcmp(scheme.text, "https") != 0))
    return Error::invalid("The URL must start with https:// or http://");
  if (curl_url_get(parsed.get(), CURLUPART_HOST, &host.text, 0) != CURLUE_OK || host.text == nullptr)
    return Error::invalid("The URL has no host");
  std::string out(host.text);
  if (out.size() > 2 && out.front() == '[') out = out.substr(1, out.size() - 2);  // IPv6 literal
  return out;
}

bool private_v4(const unsigned char* a) {
  return a[0] == 0 || a[0] == 10 || a[0] == 127 ||
         a[0] >= 224 ||                              // this network, private, loopback, multicast+
         (a[0] == 100 && (a[1] & 0xC0) == 64) ||     // 100.64/10 shared (CGNAT)
         (a[0] == 169 && a[1] == 254) ||             // link-local, cloud metadata
         (a[0] == 172 && (a[1] & 0xF0) == 16) ||     // 172.16/12
         (a[0] == 192 && a[1] == 168) ||             // 192.168/16
         (a[0] == 192 && a[1] == 0 && a[2] == 0) ||  // 192.0.0/24 protocol assignments
         (a[0] == 198 && (a[1] & 0xFE) == 18);       // 198.18/15 benchmarking
}

bool private_v6(const unsigned char* a) {
  static constexpr std::array<unsigned char, 12> mapped{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(a, mapped.data(), mapped.size()) == 0) return private_v4(a + 12);
  bool zero_prefix = true;
  for (int i = 0; i < 15; ++i) zero_prefix = zero_prefix && a[i] == 0;
  if (zero_prefix && a[15] <= 1) return true;        // :: and ::1
  return (a[0] & 0xFE) == 0xFC ||                    // fc00::/7 unique local
         (a[0] == 0xFE && (a[1] & 0xC0) == 0x80) ||  // fe80::/10 link-local
         a[0] == 0xFF;                               // multicast
}

}  // namespace

bool is_private_address(std::string_view address) {
  const std::string text(address);
  unsigned char bytes[16] = {};
  if (inet_pton(AF_INET, text.c_str(), bytes) == 1) return private_v4(bytes);
  if (inet_pton(AF_INET6, text.c_str(), bytes) == 1) return private_v6(bytes);
  return true;  // not an address at all: refuse rather than guess
}

Result<void> check_url_shape(std::string_view url) {
  auto host = host_of(url);
  if (!host) return host.error();
  return {};
}

Result<void> check_target(std::string_view url, const UrlPolicy& policy) {
  auto host = host_of(url);
  if (!host) return host.error();
  if (policy.allow_private_targets) return {};
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host->c_str(), nullptr, &hints, &found) != 0 || found == nullptr)
    return Error{ErrorCode::invalid_input, "The host " + *host + " could not be resolved"};
  const std::unique_ptr<addrinfo, AddrInfoDeleter> addresses(found);
  for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
    char text[INET6_ADDRSTRLEN] = {};
    const void* raw = a->ai_family == AF_INET
                          ? static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(a->ai_addr)->sin_addr)
                          : static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(a->ai_addr)->sin6_addr);
    inet_ntop(a->ai_family, raw, text, sizeof text);
    if (is_private_address(text))
      return Error::invalid("The URL points to a private or local network address (" + std::string(text) +
                            "); webhooks go only to public addresses");
  }
  return {};
}

}  // namespace pinbridge::api
