#include "http/router.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <exception>
#include <future>
#include <set>
#include <stdexcept>

namespace pinbridge::http {
namespace {
struct Segment {
  std::string text;  // literal text, or the parameter name
  bool is_param = false;
};
}  // namespace

struct Route {
  std::string method;
  std::string pattern;
  std::vector<Segment> segments;
  Handler handler;             // a plain route
  AsyncHandler async_handler;  // or an asynchronous one: exactly one of the two is set
};

namespace {

// "/" has no segments; "/a/b" has {"a","b"}; "/x/" has {"x",""}, so it never equals "/x".
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  if (path.empty() || path == "/") return parts;
  path.remove_prefix(path.front() == '/' ? 1 : 0);
  while (true) {
    const auto slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

std::vector<Segment> parse_pattern(std::string_view pattern) {
  if (pattern.empty() || pattern.front() != '/')
    throw std::invalid_argument(fmt::format("route pattern must start with '/': {}", pattern));
  std::vector<Segment> segments;
  std::set<std::string, std::less<>> names;
  for (const auto part : split_path(pattern)) {
    const bool is_param = part.size() >= 2 && part.front() == '{' && part.back() == '}';
    if (!is_param) {
      segments.push_back({std::string(part), false});
      continue;
    }
    std::string name(part.substr(1, part.size() - 2));
    if (name.empty() || !names.insert(name).second)
      throw std::invalid_argument(
          fmt::format("route pattern has an empty or repeated parameter: {}", pattern));
    segments.push_back({std::move(name), true});
  }
  return segments;
}

bool matches(const Route& route, const std::vector<std::string_view>& parts) {
  if (route.segments.size() != parts.size()) return false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Segment& segment = route.segments[i];
    if (segment.is_param ? parts[i].empty() : segment.text != parts[i]) return false;
  }
  return true;
}

// True when a is more specific than b: at the first segment where one is literal and the other a
// parameter, the literal wins ("/jobs/new" beats "/jobs/{id}").
bool more_specific(const Route& a, const Route& b) {
  for (std::size_t i = 0; i < a.segments.size(); ++i) {
    if (a.segments[i].is_param != b.segments[i].is_param) return !a.segments[i].is_param;
  }
  return false;
}

bool method_matches(const Route& route, std::string_view method) {
  return route.method == method || (method == "HEAD" && route.method == "GET");
}

// The allowed methods for a path, for the Allow header of a 405.
std::string allowed_methods(const std::vector<const Route*>& candidates) {
  std::set<std::string> methods;
  for (const Route* route : candidates) {
    methods.insert(route->method);
    if (route->method == "GET") methods.insert("HEAD");
  }
  std::string out;
  for (const auto& method : methods) out += (out.empty() ? "" : ", ") + method;
  return out;
}

}  // namespace

struct Router::Impl {
  std::vector<Route> routes;

  // The most specific route matching the method, preferring an explicit HEAD route over GET.
  const Route* best_for_method(const std::vector<const Route*>& candidates, std::string_view method) const {
    const Route* best = nullptr;
    for (const Route* route : candidates) {
      if (!method_matches(*route, method)) continue;
      if (!best || more_specific(*route, *best) ||
          (!more_specific(*best, *route) && route->method == method && best->method != method)) {
        best = route;
      }
    }
    return best;
  }

  const Route* best_of(const std::vector<const Route*>& candidates) const {
    const Route* best = nullptr;
    for (const Route* route : candidates) {
      if (!best || more_specific(*route, *best)) best = route;
    }
    return best;
  }
};

Router::Router() : impl_(std::make_unique<Impl>()) {}
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;

struct Respond::State {
  Send send;
  std::string request_id;
  std::atomic<bool> done{false};

  State(Send send_to, std::string id) : send(std::move(send_to)), request_id(std::move(id)) {}
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  ~State() {
    if (done) return;
    spdlog::error("request_id={} was never answered by its handler", request_id);
    try {
      send(Response::error(ErrorCode::internal, "internal server error", request_id));
    } catch (...) {  // nothing more can be done for this request; the connection's timeouts end it
    }
  }
};

Respond::Respond(Send send, std::string request_id)
    : state_(std::make_shared<State>(std::move(send), std::move(request_id))) {}

void Respond::operator()(Response response) const {
  if (state_->done.exchange(true)) return;
  state_->send(std::move(response));
}

void Router::add(std::string_view method, std::string_view pattern, Handler handler) {
  if (!handler) throw std::invalid_argument(fmt::format("route {} {} has no handler", method, pattern));
  add_route({std::string(method), std::string(pattern), {}, std::move(handler), {}});
}

void Router::add_async(std::string_view method, std::string_view pattern, AsyncHandler handler) {
  if (!handler) throw std::invalid_argument(fmt::format("route {} {} has no handler", method, pattern));
  add_route({std::string(method), std::string(pattern), {}, {}, std::move(handler)});
}

void Router::add_route(Route route) {
  if (route.method.empty()) throw std::invalid_argument("route method must not be empty");
  for (const Route& existing : impl_->routes) {
    if (existing.method == route.method && existing.pattern == route.pattern)
      throw std::invalid_argument(
          fmt::format("route {} {} is registered twice", route.method, route.pattern));
  }
  route.segments = parse_pattern(route.pattern);
  impl_->routes.push_back(std::move(route));
}

namespace {

void log_failure(const Route& route, const Request& request, const char* what) {
  spdlog::error("request_id={} {} {} (route {}) failed: {}", request.request_id, request.method, request.path,
                route.pattern, what);
}

// The exception text may hold internals; the client only gets the request id to quote.
Response internal_error(const Request& request) {
  return Response::error(ErrorCode::internal, "internal server error", request.request_id);
}

Response run_handler(const Route& route, Request& request) {
  try {
    return route.handler(request);
  } catch (const std::exception& e) {
    log_failure(route, request, e.what());
  } catch (...) {
    log_failure(route, request, "a non-standard exception");
  }
  return internal_error(request);
}

// A throw before the handler answered becomes a 500; after it answered, the call is ignored.
void run_async_handler(const Route& route, Request& request, const Respond& respond) {
  try {
    route.async_handler(request, respond);
    return;
  } catch (const std::exception& e) {
    log_failure(route, request, e.what());
  } catch (...) {
    log_failure(route, request, "a non-standard exception");
  }
  respond(internal_error(request));
}

void fill_params(const Route& route, const std::vector<std::string_view>& parts, Request& request) {
  request.path_params.clear();
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (route.segments[i].is_param) request.path_params[route.segments[i].text] = std::string(parts[i]);
  }
}

}  // namespace

const Route* Router::match(Request& request, Response& refusal) const {
  const auto parts = split_path(request.path);
  std::vector<const Route*> candidates;
  for (const Route& route : impl_->routes) {
    if (matches(route, parts)) candidates.push_back(&route);
  }
  if (candidates.empty()) {
    request.route = "unmatched";
    refusal = Response::error(ErrorCode::not_found, "no such resource", request.request_id);
    return nullptr;
  }
  const Route* route = impl_->best_for_method(candidates, request.method);
  if (!route) {
    request.route = impl_->best_of(candidates)->pattern;
    refusal = Response::error(ErrorCode::method_not_allowed, "method not allowed for this resource",
                              request.request_id)
                  .header("Allow", allowed_methods(candidates));
    return nullptr;
  }
  request.route = route->pattern;
  fill_params(*route, parts, request);
  return route;
}

Response Router::dispatch(Request& request) const {
  Response refusal;
  const Route* route = match(request, refusal);
  if (!route) return refusal;
  if (route->handler) return run_handler(*route, request);
  // An asynchronous route called synchronously (tests, tools): wait here for its answer.
  auto answered = std::make_shared<std::promise<Response>>();
  auto answer = answered->get_future();
  run_async_handler(*route, request,
                    Respond([answered](Response response) { answered->set_value(std::move(response)); },
                            request.request_id));
  return answer.get();
}

void Router::dispatch(Request& request, const Respond& respond, const BlockingRunner& run_blocking) const {
  Response refusal;
  const Route* route = match(request, refusal);
  if (!route) return respond(std::move(refusal));
  if (route->async_handler) return run_async_handler(*route, request, respond);
  run_blocking([route, &request, respond] { respond(run_handler(*route, request)); });
}

}  // namespace pinbridge::http
