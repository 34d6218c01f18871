#pragma once
// What can go wrong when we call Pinpoint, in terms a recruiter can act on. Every HTTP answer and
// transport failure is mapped here, in one place (classify_* in error.cpp), so the wizard, the
// Activity page and the job queue all tell the same story. to_error() folds it into the
// project-wide core Error for callers that only propagate.
#include <string>
#include <utility>
#include <variant>

#include "core/error.hpp"
#include "net/http_client.hpp"

namespace pinbridge::pinpoint {

enum class ErrorKind {
  invalid_config,  // bad subdomain or base URL: refused before any request
  unauthorized,    // 401: missing, unknown or revoked API key
  api_disabled,    // 403 "Integration not enabled": the company switched the API off
  forbidden,       // 403: the key lacks a permission (see PinpointError::permission)
  not_found,       // 404
  validation,      // 422: Pinpoint refused the data (detail says why)
  bad_request,     // 400 and other 4xx: a request Pinpoint could not read (our bug)
  rate_limited,    // 429 still after every retry we were allowed
  upstream,        // 5xx (or an unexpected status) still after every retry
  timeout,         // no answer within the request timeout, after every retry
  network,         // could not connect, or the connection dropped, after every retry
  bad_response,    // a 2xx whose body is not the JSON:API document we expected
};

std::string_view error_kind_name(ErrorKind kind);

struct PinpointError {
  ErrorKind kind = ErrorKind::upstream;
  int status = 0;          // HTTP status of the last answer; 0 when there was none
  std::string detail;      // Pinpoint's errors[0].detail, or the transport failure
  std::string permission;  // forbidden: e.g. "Comment write", parsed from the detail when possible
  std::string request;     // e.g. "GET /api/v1/applications/5" (never the key)
  int attempts = 0;        // how many times the request was sent

  // One sentence for a person, e.g. "The API key lacks the Comment write permission in Pinpoint."
  std::string message() const;
  // The project-wide code: unauthorized, forbidden, not_found, invalid_input, rate_limited, upstream.
  ErrorCode code() const;
  Error to_error() const { return {code(), message()}; }
  // True when trying the same thing later may work (rate limit, 5xx, timeout, network).
  bool transient() const;
};

// A non-2xx answer (after retries) as a PinpointError. `request` is "METHOD /path".
PinpointError classify_response(const net::HttpResponse& response, std::string request, int attempts);
// A failure to get any answer (net::HttpClient's Error) as timeout or network.
PinpointError classify_transport(const Error& error, std::string request, int attempts);

// A value or a PinpointError: the Result<T> of this area (core Result carries only core Error).
template <typename T>
class [[nodiscard]] ApiResult {
 public:
  ApiResult(T value) : state_(std::move(value)) {}              // NOLINT(google-explicit-constructor)
  ApiResult(PinpointError error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const PinpointError& error() const { return std::get<PinpointError>(state_); }

 private:
  std::variant<T, PinpointError> state_;
};

}  // namespace pinbridge::pinpoint
