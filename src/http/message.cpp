#include "http/message.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace pinbridge::http {
namespace {

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 6265 cookie-octet: printable US-ASCII except whitespace, DQUOTE, comma, semicolon, backslash.
bool is_cookie_octet(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x21 && u <= 0x7e && c != '"' && c != ',' && c != ';' && c != '\\';
}

// RFC 7230 token characters, which is what a cookie name must be.
bool is_token_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u <= 0x20 || u >= 0x7f) return false;
  return std::string_view("()<>@,;:\\\"/[]?={}").find(c) == std::string_view::npos;
}

// Attribute values (Path) must not be able to start another attribute or header line.
bool is_attribute_safe(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u != 0x7f && c != ';';
  });
}

std::string_view unquote(std::string_view value) {
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
    return value.substr(1, value.size() - 2);
  return value;
}

}  // namespace

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](char x, char y) { return lower(x) < lower(y); });
}

std::optional<std::string> Request::header(std::string_view name) const {
  const auto it = headers.find(std::string(name));
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::string_view Request::path_param(std::string_view name) const {
  const auto it = path_params.find(std::string(name));
  if (it == path_params.end()) return {};
  return it->second;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  const auto it = headers.find("Cookie");
  if (it == headers.end()) return std::nullopt;
  std::string_view rest = it->second;
  while (!rest.empty()) {
    const auto end = rest.find(';');
    const std::string_view pair = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos) continue;  // "flag" without a value: not a cookie we can return
    // The first match wins: browsers send the most specific path first (RFC 6265 5.4).
    if (trim(pair.substr(0, eq)) == name) return std::string(unquote(trim(pair.substr(eq + 1))));
  }
  return std::nullopt;
}

std::map<std::string, std::string> Request::form() const {
  return parse_urlencoded(body);
}

Response Response::json(int status, const nlohmann::json& body) {
  Response response;
  response.status = status;
  // replace: a stray invalid UTF-8 byte must not turn into an exception while answering.
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  response.headers["Content-Type"] = "application/json";
  return response;
}

Response Response::html(int status, std::string body) {
  return text(status, std::move(body), "text/html; charset=utf-8");
}

Response Response::text(int status, std::string body, std::string content_type) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.headers["Content-Type"] = std::move(content_type);
  return response;
}

Response Response::redirect(std::string location, int status) {
  Response response;
  response.status = status;
  response.headers["Location"] = std::move(location);
  return response;
}

Response Response::error(const Error& error, std::string_view request_id) {
  return Response::error(error.code, error.message, request_id);
}

Response Response::error(ErrorCode code, std::string message, std::string_view request_id) {
  const nlohmann::json body = {{"error",
                                {{"code", error_code_name(code)},
                                 {"message", std::move(message)},
                                 {"request_id", std::string(request_id)}}}};
  return json(http_status(code), body);
}

Response& Response::header(std::string name, std::string value) {
  headers[std::move(name)] = std::move(value);
  return *this;
}

Response& Response::cookie(std::string set_cookie_value) {
  cookies.push_back(std::move(set_cookie_value));
  return *this;
}

// Invalid names or values are programmer errors (they would let a value inject attributes), so they
// throw; at the HTTP boundary that becomes a 500 rather than a malformed header.
std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& options) {
  if (name.empty() || !std::all_of(name.begin(), name.end(), is_token_char))
    throw std::invalid_argument("set_cookie: invalid cookie name");
  if (!std::all_of(value.begin(), value.end(), is_cookie_octet))
    throw std::invalid_argument("set_cookie: invalid cookie value");
  if (!is_attribute_safe(options.path)) throw std::invalid_argument("set_cookie: invalid path");
  const auto& same_site = options.same_site;
  if (!same_site.empty() && same_site != "Strict" && same_site != "Lax" && same_site != "None")
    throw std::invalid_argument("set_cookie: SameSite must be Strict, Lax or None");

  std::string out = fmt::format("{}={}", name, value);
  if (!options.path.empty()) out += fmt::format("; Path={}", options.path);
  if (options.max_age_seconds) {
    out += fmt::format("; Max-Age={}", std::max<std::int64_t>(0, *options.max_age_seconds));
    // Old clients ignore Max-Age; a past Expires makes deletion work there too.
    if (*options.max_age_seconds <= 0) out += "; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
  }
  if (options.http_only) out += "; HttpOnly";
  if (options.secure) out += "; Secure";
  if (!same_site.empty()) out += fmt::format("; SameSite={}", same_site);
  return out;
}

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;  // needs two hex digits after '%'
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else {
      out.push_back(plus_is_space && c == '+' ? ' ' : c);
    }
  }
  return out;
}

std::map<std::string, std::string> parse_urlencoded(std::string_view text) {
  std::map<std::string, std::string> fields;
  while (!text.empty()) {
    const auto end = text.find('&');
    const std::string_view pair = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto key = percent_decode(pair.substr(0, eq), true);
    auto value = eq == std::string_view::npos ? std::optional<std::string>("")
                                              : percent_decode(pair.substr(eq + 1), true);
    // A malformed pair is dropped rather than failing the whole form: the handler validates fields.
    if (!key || !value || key->empty()) continue;
    fields[std::move(*key)] = std::move(*value);
  }
  return fields;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

}  // namespace pinbridge::http
