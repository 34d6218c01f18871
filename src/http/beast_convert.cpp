#include "http/beast_convert.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <boost/beast/core/string.hpp>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <random>

#include "core/crypto.hpp"

namespace pinbridge::http::detail {
namespace http = boost::beast::http;

namespace {

// Boost 1.74's Beast speaks boost::string_view; these bridge it to the standard one.
boost::beast::string_view to_beast(std::string_view text) {
  return {text.data(), text.size()};
}
std::string to_string(boost::beast::string_view text) {
  return {text.data(), text.size()};
}

bool iequals(std::string_view a, std::string_view b) {
  return boost::beast::iequals(to_beast(a), to_beast(b));
}

bool is_request_id_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-';
}

// Request ids need to be unique, not secret: they tie the error a client quotes to the server's log
// lines, and a client may send its own. So each thread draws them from a generator seeded once from
// libsodium, instead of paying a getrandom() system call per request (2% of the server's CPU under
// load).
std::string generated_request_id() {
  thread_local std::mt19937_64 generator = [] {
    std::array<std::uint32_t, 8> seed{};
    randombytes_buf(seed.data(), sizeof seed);
    std::seed_seq sequence(seed.begin(), seed.end());
    return std::mt19937_64(sequence);
  }();
  const std::array<std::uint64_t, 2> drawn{generator(), generator()};
  std::array<char, 12> bytes{};  // 12 bytes, 16 characters of base64url, as before
  std::memcpy(bytes.data(), drawn.data(), bytes.size());
  return crypto::base64url_encode(std::string_view(bytes.data(), bytes.size()));
}

// A header a handler sets must not be able to end the header line and start another.
bool is_header_safe(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

// The server owns framing and connection headers; a handler's copy would contradict them.
bool is_reserved_header(std::string_view name) {
  return iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding") ||
         iequals(name, "Connection") || iequals(name, "X-Request-Id");
}

std::string http_date() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[64];
  const auto length = std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return std::string(text, length);
}

// Statuses that must not carry a body or a Content-Length (RFC 9110 6.4.1, 8.6).
bool is_bodiless(int status) {
  return status == 204 || status == 304;
}

int checked_status(int status, std::string_view request_id) {
  if (status >= 200 && status <= 599) return status;
  spdlog::error("request_id={} handler returned invalid status {}; answering 500", request_id, status);
  return 500;
}

}  // namespace

std::string choose_request_id(std::optional<std::string_view> from_client) {
  if (from_client && !from_client->empty() && from_client->size() <= 64 &&
      std::all_of(from_client->begin(), from_client->end(), is_request_id_char)) {
    return std::string(*from_client);
  }
  return generated_request_id();
}

void fill_request_head(const BeastRequest& message, Request& request) {
  request.method = to_string(message.method_string());
  request.target = to_string(message.target());
  for (const auto& field : message) {
    std::string name = to_string(field.name_string());
    std::string value = to_string(field.value());
    const auto [it, inserted] = request.headers.emplace(name, value);
    // Repeated headers combine into one list (RFC 9110 5.3); cookies use their own separator.
    if (!inserted) it->second += (iequals(name, "Cookie") ? "; " : ", ") + value;
  }
}

std::optional<std::string> fill_request_target(Request& request) {
  const std::string_view target = request.target;
  if (target.empty() || target.front() != '/') return "the request target must be a path starting with '/'";
  const auto question = target.find('?');
  auto path = percent_decode(target.substr(0, question), false);
  if (!path) return "the request path has a malformed percent-encoding";
  if (path->find('\0') != std::string::npos) return "the request path must not contain NUL";
  request.path = std::move(*path);
  if (question != std::string_view::npos) request.query = parse_urlencoded(target.substr(question + 1));
  return std::nullopt;
}

BeastResponse to_beast_response(Response&& response, const ResponseFrame& frame) {
  BeastResponse out;
  out.version(frame.version);
  const int status = checked_status(response.status, frame.request_id);
  out.result(static_cast<unsigned>(status));
  for (auto& [name, value] : response.headers) {
    if (is_reserved_header(name)) continue;
    if (name.empty() || !is_header_safe(name) || !is_header_safe(value)) {
      spdlog::warn("request_id={} dropped a response header with CR, LF or NUL in it", frame.request_id);
      continue;
    }
    out.insert(to_beast(name), to_beast(value));
  }
  for (const auto& cookie : response.cookies) {
    if (!is_header_safe(cookie)) continue;  // set_cookie() never builds one; a hand-made one could
    out.insert(http::field::set_cookie, to_beast(cookie));
  }
  out.set("X-Request-Id", to_beast(frame.request_id));
  if (out.find(http::field::date) == out.end()) out.set(http::field::date, to_beast(http_date()));
  out.keep_alive(frame.keep_alive);
  if (is_bodiless(status)) return out;
  out.content_length(response.body.size());
  if (!frame.head) out.body() = std::move(response.body);
  return out;
}

}  // namespace pinbridge::http::detail
