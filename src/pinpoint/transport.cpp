#include "pinpoint/transport.hpp"

#include <thread>

namespace pinbridge::pinpoint {
namespace {

constexpr std::string_view media_type = "application/vnd.api+json";

bool keep_literal(unsigned char c) {
  return std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~' || c == '[' || c == ']' ||
         c == ',';
}

std::string percent_encode(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (keep_literal(c)) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4U]);
      out.push_back(hex[c & 0x0FU]);
    }
  }
  return out;
}

// "/api/v1" from "https://acme.pinpointhq.com/api/v1".
std::string path_of(const std::string& base_url) {
  const auto scheme_end = base_url.find("://");
  const auto path_start = base_url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
  return path_start == std::string::npos ? std::string() : base_url.substr(path_start);
}

}  // namespace

Sleeper real_sleeper() {
  return [](Millis pause) { std::this_thread::sleep_for(pause); };
}

std::string encode_query(const Query& query) {
  std::string out;
  for (const auto& [key, value] : query) {
    if (!out.empty()) out.push_back('&');
    out += percent_encode(key);
    out.push_back('=');
    out += percent_encode(value);
  }
  return out;
}

Transport::Transport(TransportSettings settings, SendFunction send, const Clock& clock, Random& random,
                     RateLimiter& limiter, CallSink sink, Sleeper sleeper)
    : settings_(std::move(settings)),
      path_prefix_(path_of(settings_.base_url)),
      send_(std::move(send)),
      clock_(clock),
      random_(random),
      limiter_(limiter),
      sink_(std::move(sink)),
      sleeper_(std::move(sleeper)) {}

net::HttpRequest Transport::build(const ApiRequest& request, const std::string& target) const {
  net::HttpRequest http;
  http.method = request.method;
  http.url = settings_.base_url.substr(0, settings_.base_url.size() - path_prefix_.size()) + target;
  http.headers = {{"Accept", std::string(media_type)}, {"X-API-KEY", settings_.api_key.reveal()}};
  if (!request.body.empty()) http.headers.emplace_back("Content-Type", std::string(media_type));
  http.body = request.body;
  http.timeout = settings_.timeout;
  return http;
}

Result<net::HttpResponse> Transport::attempt(const ApiRequest& request, const net::HttpRequest& http,
                                             const std::string& target, int number) const {
  if (const Millis wait = limiter_.reserve(); wait.count() > 0) sleeper_(wait);
  CallRecord record;
  record.method = request.method;
  record.path = target;
  record.attempt = number;
  record.started_at = clock_.now();
  auto result = send_(http);
  record.duration = clock_.now() - record.started_at;
  if (result)
    record.status = result->status;
  else
    record.error = result.error().message;
  if (sink_) sink_(record);
  return result;
}

ApiResult<Exchange> Transport::exchange(const ApiRequest& request) const {
  if (!settings_.config_error.empty()) {
    PinpointError error;
    error.kind = ErrorKind::invalid_config;
    error.detail = settings_.config_error;
    error.request = request.method + " /" + request.resource;
    error.attempts = 0;
    return error;
  }
  std::string target = path_prefix_ + "/" + request.resource;
  if (!request.query.empty()) target += "?" + encode_query(request.query);
  const net::HttpRequest http = build(request, target);
  std::string line = request.method + " " + path_prefix_ + "/" + request.resource;
  const bool idempotent = is_idempotent_method(request.method);
  Millis waited{0};
  for (int number = 1;; ++number) {
    auto result = attempt(request, http, target, number);
    AttemptOutcome outcome;
    outcome.idempotent = idempotent;
    if (result) {
      outcome.status = result->status;
      outcome.retry_after = parse_retry_after(result->header("retry-after"));
    }
    // Pinpoint's limit is per key: hold back every caller of this account, not just this one.
    if (outcome.status == 429 && outcome.retry_after)
      limiter_.pause_until(clock_.now() + *outcome.retry_after);
    const auto delay = retry_delay(settings_.retry, outcome, number, waited, random_);
    if (!delay) {
      if (!result) return classify_transport(result.error(), std::move(line), number);
      return Exchange{std::move(result).value(), number, std::move(line)};
    }
    sleeper_(*delay);
    waited += *delay;
  }
}

void Transport::back_off(int attempt) const {
  sleeper_(settings_.retry.backoff.delay(attempt, random_));
}

ApiResult<nlohmann::json> Transport::call(const ApiRequest& request) const {
  auto exchanged = exchange(request);
  if (!exchanged) return exchanged.error();
  const Exchange& done = *exchanged;
  if (done.response.status < 200 || done.response.status >= 300)
    return classify_response(done.response, done.request, done.attempts);
  if (done.response.body.empty()) return nlohmann::json::object();
  auto document = nlohmann::json::parse(done.response.body, nullptr, false);
  if (document.is_discarded()) {
    PinpointError error{ErrorKind::bad_response,
                        done.response.status,
                        "the body is not JSON",
                        {},
                        done.request,
                        done.attempts};
    return error;
  }
  return document;
}

}  // namespace pinbridge::pinpoint
