#include "pinpoint/error.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/text.hpp"

namespace pinbridge::pinpoint {
namespace {

// errors[0].detail (or title) of a JSON:API error document; "" when the body is something else,
// e.g. an HTML page from a proxy in front of Pinpoint.
std::string error_detail(const std::string& body) {
  const auto document = nlohmann::json::parse(body, nullptr, false);
  if (!document.is_object()) return {};
  const auto errors = document.find("errors");
  if (errors == document.end() || !errors->is_array() || errors->empty() || !(*errors)[0].is_object())
    return {};
  const auto& first = (*errors)[0];
  for (const char* field : {"detail", "title"})
    if (first.contains(field) && first[field].is_string()) return first[field].get<std::string>();
  return {};
}

// "API key lacks Comment write permission" -> "Comment write" (the simulator's wording; real
// Pinpoint may differ, so anything else leaves the permission blank and the detail speaks).
std::string permission_in(std::string_view detail) {
  constexpr std::string_view prefix = "API key lacks ";
  constexpr std::string_view suffix = " permission";
  if (!detail.starts_with(prefix) || !detail.ends_with(suffix)) return {};
  return std::string(detail.substr(prefix.size(), detail.size() - prefix.size() - suffix.size()));
}

bool contains_ignoring_case(std::string_view text, std::string_view needle) {
  return ascii_lower(text).find(ascii_lower(needle)) != std::string::npos;
}

ErrorKind kind_of_status(int status, std::string_view detail) {
  if (status == 401) return ErrorKind::unauthorized;
  if (status == 403)
    return contains_ignoring_case(detail, "integration not enabled") ? ErrorKind::api_disabled
                                                                     : ErrorKind::forbidden;
  if (status == 404) return ErrorKind::not_found;
  if (status == 422) return ErrorKind::validation;
  if (status == 429) return ErrorKind::rate_limited;
  if (status == 408) return ErrorKind::timeout;
  if (status >= 400 && status < 500) return ErrorKind::bad_request;
  return ErrorKind::upstream;  // 5xx, and 1xx/3xx which we never expect (redirects are not followed)
}

std::string with_detail(std::string_view text, const std::string& detail) {
  return detail.empty() ? std::string(text) : fmt::format("{} ({})", text, detail);
}

}  // namespace

std::string_view error_kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid_config:
      return "invalid_config";
    case ErrorKind::unauthorized:
      return "unauthorized";
    case ErrorKind::api_disabled:
      return "api_disabled";
    case ErrorKind::forbidden:
      return "forbidden";
    case ErrorKind::not_found:
      return "not_found";
    case ErrorKind::validation:
      return "validation";
    case ErrorKind::bad_request:
      return "bad_request";
    case ErrorKind::rate_limited:
      return "rate_limited";
    case ErrorKind::upstream:
      return "upstream";
    case ErrorKind::timeout:
      return "timeout";
    case ErrorKind::network:
      return "network";
    case ErrorKind::bad_response:
      return "bad_response";
  }
  return "upstream";
}

PinpointError classify_response(const net::HttpResponse& response, std::string request, int attempts) {
  PinpointError error;
  error.status = response.status;
  error.detail = error_detail(response.body);
  error.kind = kind_of_status(response.status, error.detail);
  if (error.kind == ErrorKind::forbidden) error.permission = permission_in(error.detail);
  error.request = std::move(request);
  error.attempts = attempts;
  return error;
}

PinpointError classify_transport(const Error& failure, std::string request, int attempts) {
  PinpointError error;
  // net::HttpClient reports both as ErrorCode::upstream; only its message tells a timeout apart.
  error.kind =
      failure.message.find("timed out") != std::string::npos ? ErrorKind::timeout : ErrorKind::network;
  error.detail = failure.message;
  error.request = std::move(request);
  error.attempts = attempts;
  return error;
}

std::string PinpointError::message() const {
  switch (kind) {
    case ErrorKind::invalid_config:
      return detail;
    case ErrorKind::unauthorized:
      return with_detail("Pinpoint did not accept the API key: check it, or create a new one", detail);
    case ErrorKind::api_disabled:
      return with_detail("The Pinpoint API is switched off for this company: enable it in Pinpoint", detail);
    case ErrorKind::forbidden:
      if (!permission.empty())
        return fmt::format("The API key lacks the {} permission in Pinpoint", permission);
      return with_detail("Pinpoint refused this with the API key's permissions", detail);
    case ErrorKind::not_found:
      return with_detail(fmt::format("Pinpoint has no such record ({})", request), detail);
    case ErrorKind::validation:
      return with_detail("Pinpoint refused the data", detail);
    case ErrorKind::bad_request:
      return with_detail(fmt::format("Pinpoint could not read our request {} (status {})", request, status),
                         detail);
    case ErrorKind::rate_limited:
      return fmt::format("Pinpoint kept rate limiting {} after {} attempts", request, attempts);
    case ErrorKind::upstream:
      return with_detail(
          fmt::format("Pinpoint answered {} to {} after {} attempts", status, request, attempts), detail);
    case ErrorKind::timeout:
      return fmt::format("Pinpoint did not answer {} in time after {} attempts", request, attempts);
    case ErrorKind::network:
      return with_detail(fmt::format("Could not reach Pinpoint for {} after {} attempts", request, attempts),
                         detail);
    case ErrorKind::bad_response:
      return with_detail(fmt::format("Pinpoint's answer to {} could not be read", request), detail);
  }
  return detail;
}

ErrorCode PinpointError::code() const {
  switch (kind) {
    case ErrorKind::invalid_config:
    case ErrorKind::validation:
      return ErrorCode::invalid_input;
    case ErrorKind::unauthorized:
      return ErrorCode::unauthorized;
    case ErrorKind::api_disabled:
    case ErrorKind::forbidden:
      return ErrorCode::forbidden;
    case ErrorKind::not_found:
      return ErrorCode::not_found;
    case ErrorKind::rate_limited:
      return ErrorCode::rate_limited;
    default:
      return ErrorCode::upstream;
  }
}

bool PinpointError::transient() const {
  return kind == ErrorKind::rate_limited || kind == ErrorKind::upstream || kind == ErrorKind::timeout ||
         kind == ErrorKind::network;
}

}  // namespace pinbridge::pinpoint
