#include "http/router.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <exception>
#include <set>
#include <stdexcept>

namespace pinbridge::http {
namespace {

struct Segment {
  std::string text;  // literal text, or the parameter name
  bool is_param = false;
};

struct Route {
  std::string method;
  std::string pattern;
  std::vector<Segment> segments;
  Handler handler;
};

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

void Router::add(std::string_view method, std::string_view pattern, Handler handler) {
  if (method.empty()) throw std::invalid_argument("route method must not be empty");
  if (!handler) throw std::invalid_argument(fmt::format("route {} {} has no handler", method, pattern));
  for (const Route& route : impl_->routes) {
    if (route.method == method && route.pattern == pattern)
      throw std::invalid_argument(fmt::format("route {} {} is registered twice", method, pattern));
  }
  impl_->routes.push_back(
      {std::string(method), std::string(pattern), parse_pattern(pattern), std::move(handler)});
}

namespace {

Response run_handler(const Route& route, Request& request) {
  try {
    return route.handler(request);
  } catch (const std::exception& e) {
    spdlog::error("request_id={} {} {} (route {}) failed: {}", request.request_id, request.method,
                  request.path, route.pattern, e.what());
  } catch (...) {
    spdlog::error("request_id={} {} {} (route {}) failed with a non-standard exception", request.request_id,
                  request.method, request.path, route.pattern);
  }
  // The exception text may hold internals; the client only gets the request id to quote.
  return Response::error(ErrorCode::internal, "internal server error", request.request_id);
}

void fill_params(const Route& route, const std::vector<std::string_view>& parts, Request& request) {
  request.path_params.clear();
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (route.segments[i].is_param) request.path_params[route.segments[i].text] = std::string(parts[i]);
  }
}

}  // namespace

Response Router::dispatch(Request& request) const {
  const auto parts = split_path(request.path);
  std::vector<const Route*> candidates;
  for (const Route& route : impl_->routes) {
    if (matches(route, parts)) candidates.push_back(&route);
  }
  if (candidates.empty()) {
    request.route = "unmatched";
    return Response::error(ErrorCode::not_found, "no such resource", request.request_id);
  }
  const Route* route = impl_->best_for_method(candidates, request.method);
  if (!route) {
    request.route = impl_->best_of(candidates)->pattern;
    return Response::error(ErrorCode::method_not_allowed, "method not allowed for this resource",
                           request.request_id)
        .header("Allow", allowed_methods(candidates));
  }
  request.route = route->pattern;
  fill_params(*route, parts, request);
  return run_handler(*route, request);
}

}  // namespace pinbridge::http
