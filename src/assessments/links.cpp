#include <charconv>

#include "assessments/platform.hpp"

namespace pinbridge::assessments {

Links::Links(std::function<std::string()> base_url, std::string report_key)
    : base_url_(std::move(base_url)), report_key_(std::move(report_key)) {}

std::string Links::absolute(std::string_view path) const {
  return base_url_() + std::string(path);
}

std::string Links::candidate(std::string_view token) const {
  return absolute("/t/") + std::string(token);
}

std::string Links::report(std::int64_t invitation_id) const {
  return absolute("/r/") + report_token(invitation_id);
}

// "<id>.<first 16 bytes of HMAC(key, "report:<id>"), base64url>": the id keeps the lookup cheap,
// the MAC makes the link unguessable.
std::string Links::report_token(std::int64_t invitation_id) const {
  const auto id = std::to_string(invitation_id);
  const auto mac = crypto::hmac_sha256(report_key_, "report:" + id).substr(0, 16);
  return id + "." + crypto::base64url_encode(mac);
}

std::optional<std::int64_t> Links::verify_report_token(std::string_view token) const {
  const auto dot = token.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 19) return std::nullopt;
  std::int64_t id = 0;
  const auto parsed = std::from_chars(token.data(), token.data() + dot, id);
  if (parsed.ec != std::errc() || parsed.ptr != token.data() + dot || id <= 0) return std::nullopt;
  if (!crypto::constant_time_equals(report_token(id), token)) return std::nullopt;
  return id;
}

}  // namespace pinbridge::assessments
