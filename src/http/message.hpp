#pragma once
// The request and response types handlers see. They hide Boost.Beast so that handlers, and their
// tests, deal only in plain values.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace pinbridge::http {

// Header names compare case-insensitively.
struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const;
};
using Headers = std::map<std::string, std::string, CaseInsensitiveLess>;

struct Request {
  std::string method;                        // "GET", "POST", ...
  std::string target;                        // as received: path plus query
  std::string path;                          // percent-decoded path, no query
  std::map<std::string, std::string> query;  // decoded query parameters (last one wins)
  Headers headers;
  std::string body;
  std::string remote_address;                      // peer IP
  std::string request_id;                          // from X-Request-Id when sane, else generated
  std::map<std::string, std::string> path_params;  // filled by the router from {name} segments
  std::string route;                               // the matched pattern, e.g. "/api/v1/jobs/{id}"

  std::optional<std::string> header(std::string_view name) const;
  std::string_view path_param(std::string_view name) const;  // "" when absent
  // Value of a cookie from the Cookie header.
  std::optional<std::string> cookie(std::string_view name) const;
  // Fields of an application/x-www-form-urlencoded body (last one wins).
  std::map<std::string, std::string> form() const;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // When set, the server closes the connection without writing anything: a fault injector's
  // "dropped connection" (the client sees the connection end with no response).
  bool drop_connection = false;

  static Response json(int status, const nlohmann::json& body);
  static Response html(int status, std::string body);
  static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  static Response redirect(std::string location, int status = 303);
  // The one JSON error format: {"error":{"code":"not_found","message":"...","request_id":"..."}}.
  static Response error(const Error& error, std::string_view request_id = {});
  static Response error(ErrorCode code, std::string message, std::string_view request_id = {});

  Response& header(std::string name, std::string value);
  // Adds a Set-Cookie header (a value from set_cookie()); unlike other headers it may repeat.
  Response& cookie(std::string set_cookie_value);

  std::vector<std::string> cookies;
};

struct CookieOptions {
  bool http_only = true;
  bool secure = false;
  std::string same_site = "Lax";  // Strict, Lax or None
  std::string path = "/";
  std::optional<std::int64_t> max_age_seconds;  // none: session cookie; 0: delete
};
// A Set-Cookie header value.
std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& options);

// Percent-decoding for paths and form/query values; '+' is a space only in form values.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);
std::map<std::string, std::string> parse_urlencoded(std::string_view text);
std::string html_escape(std::string_view text);

}  // namespace pinbridge::http
