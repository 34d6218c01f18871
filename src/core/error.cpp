#include "core/error.hpp"

namespace pinbridge {

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input:
      return 400;
    case ErrorCode::unauthorized:
      return 401;
    case ErrorCode::forbidden:
      return 403;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::method_not_allowed:
      return 405;
    case ErrorCode::conflict:
      return 409;
    case ErrorCode::payload_too_large:
      return 413;
    case ErrorCode::unsupported_media:
      return 415;
    case ErrorCode::rate_limited:
      return 429;
    case ErrorCode::headers_too_large:
      return 431;
    case ErrorCode::internal:
      return 500;
    case ErrorCode::upstream:
      return 502;
    case ErrorCode::unavailable:
      return 503;
  }
  return 500;
}

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input:
      return "invalid_input";
    case ErrorCode::unauthorized:
      return "unauthorized";
    case ErrorCode::forbidden:
      return "forbidden";
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::method_not_allowed:
      return "method_not_allowed";
    case ErrorCode::conflict:
      return "conflict";
    case ErrorCode::payload_too_large:
      return "payload_too_large";
    case ErrorCode::unsupported_media:
      return "unsupported_media_type";
    case ErrorCode::rate_limited:
      return "rate_limited";
    case ErrorCode::headers_too_large:
      return "headers_too_large";
    case ErrorCode::internal:
      return "internal";
    case ErrorCode::upstream:
      return "upstream_error";
    case ErrorCode::unavailable:
      return "unavailable";
  }
  return "internal";
}

}  // namespace pinbridge
