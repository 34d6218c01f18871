#pragma once
// The one vocabulary for expected failures. Every layer returns these instead of throwing; the
// HTTP boundary turns them into responses through http_status(), the only place that mapping lives.
#include <string>
#include <string_view>

namespace pinbridge {

enum class ErrorCode {
  invalid_input,       // the caller sent something we cannot accept (400)
  unauthorized,        // no or bad credentials (401)
  forbidden,           // credentials fine, but not allowed, or a CSRF check failed (403)
  not_found,           // no such thing, or it belongs to another tenant (404)
  method_not_allowed,  // the route exists with another method (405)
  conflict,            // it already exists or changed under us (409)
  payload_too_large,   // body over the limit (413)
  unsupported_media,   // body of a type we do not read (415)
  rate_limited,        // slow down (429)
  headers_too_large,   // header block over the limit (431)
  internal,            // our bug or an unexpected failure (500)
  upstream,            // a service we called failed (502)
  unavailable,         // not ready: database down, shutting down (503)
};

// The HTTP status for a code. Keep this the only mapping between the two.
int http_status(ErrorCode code);
// The stable snake_case name clients see in error bodies, e.g. "not_found".
std::string_view error_code_name(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;  // for humans; never contains secrets

  static Error invalid(std::string message) { return {ErrorCode::invalid_input, std::move(message)}; }
  static Error not_found(std::string message) { return {ErrorCode::not_found, std::move(message)}; }
  static Error conflict(std::string message) { return {ErrorCode::conflict, std::move(message)}; }
  static Error forbidden(std::string message) { return {ErrorCode::forbidden, std::move(message)}; }
  static Error unauthorized(std::string message) { return {ErrorCode::unauthorized, std::move(message)}; }
  static Error internal(std::string message) { return {ErrorCode::internal, std::move(message)}; }
};

}  // namespace pinbridge
