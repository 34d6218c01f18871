#include "sim/rest_api.hpp"

#include <boost/asio/steady_timer.hpp>
#include <cmath>
#include <memory>

#include "sim/jsonapi.hpp"
#include "sim/resource_reader.hpp"

namespace pinbridge::sim {

http::Response api_error(const Error& error) {
  switch (error.code) {
    case ErrorCode::not_found:
      return error_response(404, "Record not found");
    case ErrorCode::invalid_input:
    case ErrorCode::conflict:
      return error_response(422, error.message);
    case ErrorCode::forbidden:
      return error_response(403, error.message);
    default:
      return error_response(500, "Internal server error");
  }
}

// Pinpoint's REST API answers on the server's I/O thread: a request is a few SQLite statements and
// makes no outbound call, which costs less than handing it to the handler pool and back (in
// bench/workflow_actions that hand-over was about 40% of the simulator's CPU). This bends the
// router's rule that asynchronous handlers never block: a request may wait for the simulator's one
// SQLite writer while another runs its few statements. A simulator takes that for the speed; the
// product's routes keep the rule.
void RestApi::install(http::Router& router) {
  auto answer = [this](http::Request& r, const http::Respond& respond) { this->answer(r, respond); };
  for (const char* method : {"GET", "POST"}) router.add_async(method, "/api/v1/{type}", answer);
  for (const char* method : {"GET", "PUT", "PATCH", "DELETE"})
    router.add_async(method, "/api/v1/{type}/{id}", answer);
}

// A request given an injected latency waits on a timer, holding no thread, and is served after it;
// a rate-limited one is refused at once.
void RestApi::answer(http::Request& request, const http::Respond& respond) {
  const auto received_at = to_unix_ms(clock_.now());
  const auto key = request.header("X-API-KEY").value_or("anonymous:" + request.remote_address);
  auto faults = faults_.decide(request.method, request.path, key);
  if (faults.latency.count() <= 0 || faults.retry_after) return respond(handle(request, faults, received_at));
  auto timer = std::make_shared<boost::asio::steady_timer>(delayed_, faults.latency);
  timer->async_wait([this, timer, request, faults, received_at, respond](boost::system::error_code) mutable {
    respond(handle(request, faults, received_at));
  });
}

std::optional<http::Response> RestApi::injected_failure(const FaultDecision& decision) {
  if (decision.retry_after) {
    auto response = error_response(429, "Rate limit exceeded");
    const auto seconds =
        static_cast<long long>(std::ceil(static_cast<double>(decision.retry_after->count()) / 1000.0));
    response.header("Retry-After", std::to_string(std::max(1LL, seconds)));
    return response;
  }
  if (decision.drop) {
    http::Response dropped;
    dropped.drop_connection = true;
    return dropped;
  }
  if (decision.error_status == 500) return error_response(500, "Internal server error");
  if (decision.error_status == 502) return error_response(502, "Bad gateway");
  if (decision.error_status == 503) return error_response(503, "Service unavailable");
  return std::nullopt;
}

http::Response RestApi::handle(http::Request& request, const FaultDecision& faults,
                               std::int64_t received_at) {
  RequestEntry entry{received_at, request.method, request.target, {}, {}, {}, 0};
  http::Response response;
  if (auto failure = injected_failure(faults)) {
    response = std::move(*failure);
  } else {
    auto auth = database_.read([&](store::Connection& c) { return authenticate(c, request); });
    if (auto* key = std::get_if<ApiKey>(&auth)) {
      entry.company_id = key->company_id;
      entry.key_id = key->id;
      entry.key_prefix = key->prefix;
      response = serve(request, *key);
    } else {
      response = std::get<http::Response>(std::move(auth));
    }
  }
  entry.status = response.drop_connection ? 0 : response.status;
  log_.add(std::move(entry));
  return response;
}

http::Response RestApi::serve(http::Request& request, const ApiKey& key) {
  const auto* def = find_resource(request.path_param("type"));
  if (def == nullptr || !def->routable) return error_response(404, "Record not found");
  const bool write = request.method != "GET" && request.method != "HEAD";
  if (auto denied = authorize(key, def->category, write)) return std::move(*denied);
  const auto id_text = request.path_param("id");
  std::optional<std::int64_t> id;
  if (!id_text.empty()) {
    id = id_from_text(id_text);
    if (!id) return error_response(404, "Record not found");
  }
  if (request.method == "GET" || request.method == "HEAD") return read(request, key, *def);
  if (request.method == "POST") return create(request, key, *def);
  if (request.method == "DELETE") return remove(key, *def, *id);
  return update(request, key, *def, *id);
}

http::Response RestApi::read(http::Request& request, const ApiKey& key, const ResourceDef& def) {
  const auto query = parse_list_query(request.query);
  if (!query) return error_response(400, query.error().message);
  const auto id_text = request.path_param("id");
  const auto document = database_.read([&](store::Connection& c) {
    return id_text.empty() ? read_list(c, key.company_id, def, *query)
                           : read_one(c, key.company_id, def, *id_from_text(id_text), *query);
  });
  if (!document) {
    if (document.error().code == ErrorCode::not_found) return error_response(404, "Record not found");
    return error_response(400, document.error().message);
  }
  return document_response(200, *document);
}

}  // namespace pinbridge::sim
