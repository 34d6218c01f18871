#pragma once
// One Pinpoint account's wire: builds the request (base URL, JSON:API media type, X-API-KEY,
// timeout), waits for the account's rate limiter, sends, retries per RetryPolicy, and reports
// every attempt to the CallSink. It does not interpret bodies; PinpointClient does.
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/random.hpp"
#include "core/secret.hpp"
#include "net/http_client.hpp"
#include "pinpoint/error.hpp"
#include "pinpoint/rate_limiter.hpp"
#include "pinpoint/retry.hpp"

namespace pinbridge::pinpoint {

// One attempt of one call, for the account's Activity page. Never holds the key.
struct CallRecord {
  std::string method;
  std::string path;   // from the host on, with the query: "/api/v1/applications?page[number]=2"
  int status = 0;     // 0 when there was no answer
  std::string error;  // the transport failure when status is 0
  Timestamp started_at;
  Millis duration{0};
  int attempt = 1;  // 1 for the first send of a call, 2 for its first retry, ...
};
using CallSink = std::function<void(const CallRecord&)>;
// Pauses the calling thread. Injected so tests that retry do not sleep for real.
using Sleeper = std::function<void(Millis)>;
// Sends one request; net::HttpClient::send in production, a script in unit tests.
using SendFunction = std::function<Result<net::HttpResponse>(const net::HttpRequest&)>;

Sleeper real_sleeper();

using Query = std::vector<std::pair<std::string, std::string>>;

struct ApiRequest {
  std::string method = "GET";
  std::string resource;  // under the API root, e.g. "applications" or "applications/5"
  Query query;
  std::string body;  // a JSON document, or "" for none
};

// What came back in the end: the last answer (any status) and how many sends it took.
struct Exchange {
  net::HttpResponse response;
  int attempts = 1;
  std::string request;  // "GET /api/v1/applications/5", for messages
};

struct TransportSettings {
  std::string base_url;  // the API root, e.g. "https://acme.pinpointhq.com/api/v1"
  Secret api_key;
  Millis timeout{10'000};
  RetryPolicy retry;
  std::string config_error;  // when set (bad subdomain or override), every call fails with it unsent
};

class Transport {
 public:
  Transport(TransportSettings settings, SendFunction send, const Clock& clock, Random& random,
            RateLimiter& limiter, CallSink sink, Sleeper sleeper);

  // Sends with retries. An answer of any status is a value; only a failure to get any answer on
  // the last attempt is an error (timeout or network).
  ApiResult<Exchange> exchange(const ApiRequest& request) const;

  // exchange(), then a 2xx body parsed as JSON; other statuses become their PinpointError.
  ApiResult<nlohmann::json> call(const ApiRequest& request) const;

  // Sleeps the backoff before attempt `attempt + 1` of an operation that retries as a whole.
  void back_off(int attempt) const;
  const RetryPolicy& retry_policy() const { return settings_.retry; }

 private:
  net::HttpRequest build(const ApiRequest& request, const std::string& target) const;
  Result<net::HttpResponse> attempt(const ApiRequest& request, const net::HttpRequest& http,
                                    const std::string& target, int number) const;

  TransportSettings settings_;
  std::string path_prefix_;  // the base URL's path, e.g. "/api/v1"
  SendFunction send_;
  const Clock& clock_;
  Random& random_;
  RateLimiter& limiter_;
  CallSink sink_;
  Sleeper sleeper_;
};

// "filter[external_uid]=inv 1" -> "filter[external_uid]=inv%201": values and keys percent-encoded,
// brackets and commas kept so logged paths stay readable.
std::string encode_query(const Query& query);

}  // namespace pinbridge::pinpoint
