#pragma once
// A small, general outbound HTTP client on libcurl, for calls to partners (Pinpoint, webhook
// receivers). Every request has a timeout; redirects are never followed (a 3xx is returned as is,
// so a tenant-controlled URL cannot bounce us to an internal host); transport failures and
// timeouts are Error{ErrorCode::upstream} values, never exceptions.
//
// Thread-safe: by default each send() uses its own curl easy handle (a new connection per
// request), so one HttpClient can be shared by any number of threads. With reuse_connections, each
// thread keeps one easy handle and its keep-alive connections for all such clients: a thread that
// sends many requests to the same hosts (a webhook sender) skips the TCP handshake each time.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace pinbridge::net {

struct HttpRequest {
  std::string method = "GET";  // any verb; a body is sent whenever it is non-empty (or for POST/PUT)
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;  // sent in order, as given
  std::string body;
  std::chrono::milliseconds timeout{5000};  // whole exchange: connect, send, wait and receive
};

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, in arrival order
  std::string body;
  // The first header with that name (case-insensitive), if any.
  std::optional<std::string> header(std::string_view name) const;
  // Retry-After in whole seconds (the form receivers send in practice), at most `cap` so one
  // receiver cannot park a job for days; nullopt when absent or not a number of seconds.
  std::optional<std::chrono::milliseconds> retry_after(std::chrono::milliseconds cap) const;
};

struct HttpClientSettings {
  bool reuse_connections = false;  // keep-alive across send() calls on the same thread
};

class HttpClient {
 public:
  HttpClient();
  explicit HttpClient(HttpClientSettings settings);
  // Performs the exchange. Any HTTP status, including 4xx/5xx/3xx, is a successful Result: the
  // caller decides what it means. Only a failure to get a response at all is an Error.
  Result<HttpResponse> send(const HttpRequest& request) const;

 private:
  HttpClientSettings settings_;
};

}  // namespace pinbridge::net
