#pragma once
// Internal: conversions between Beast messages and the plain Request/Response handlers see.
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace pinbridge::http::detail {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

// The client's X-Request-Id when it is 1-64 characters of [A-Za-z0-9._-], otherwise a fresh one, so
// a hostile value never reaches logs or headers.
std::string choose_request_id(std::optional<std::string_view> from_client);

// Method, target and headers (repeated headers joined). Works on a header-only parse too.
void fill_request_head(const BeastRequest& message, Request& request);

// Splits the target into path and query. Returns a message for the client when it is unusable.
std::optional<std::string> fill_request_target(Request& request);

struct ResponseFrame {
  unsigned version = 11;  // 10 or 11, as the request had it
  bool keep_alive = false;
  bool head = false;  // HEAD: no body, but the Content-Length of the GET body
  std::string_view request_id;
};

BeastResponse to_beast_response(Response&& response, const ResponseFrame& frame);

}  // namespace pinbridge::http::detail
