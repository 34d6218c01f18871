#include "api/api_routes.hpp"

#include <charconv>

#include "api/api_json.hpp"
#include "api/handlers.hpp"

namespace pinbridge::api {
namespace detail {
namespace {

constexpr std::string_view bearer = "Bearer ";

std::optional<Secret> bearer_token(const http::Request& request) {
  const auto header = request.header("Authorization");
  if (!header || header->size() <= bearer.size()) return std::nullopt;
  // The scheme is case-insensitive (RFC 9110); the token is taken as is.
  for (std::size_t i = 0; i < bearer.size(); ++i)
    if (std::tolower(static_cast<unsigned char>((*header)[i])) !=
        std::tolower(static_cast<unsigned char>(bearer[i])))
      return std::nullopt;
  return Secret(header->substr(bearer.size()));
}

Result<Caller> authenticate(const ApiServices& services, const http::Request& request) {
  const auto token = bearer_token(request);
  if (!token) return Error::unauthorized("Send your API key as 'Authorization: Bearer <key>'");
  const auto key = services.keys.authenticate(*token);
  if (!key) return Error::unauthorized("The API key is not valid");
  if (key->revoked_at) return Error::unauthorized("The API key has been revoked");
  if (!services.accounts.has_addon(key->account_id, accounts::Addon::api))
    return Error::forbidden("The API add-on is not enabled for this account; ask your operator to enable it");
  return Caller{key->account_id, key->id};
}

}  // namespace

http::Response json_response(int status, const nlohmann::json& body) {
  auto response = http::Response::json(status, body);
  response.header("Cache-Control", "no-store");
  return response;
}

http::Response error_response(const Error& error, const http::Request& request) {
  auto response = http::Response::error(error, request.request_id);
  response.header("Cache-Control", "no-store");
  if (error.code == ErrorCode::unauthorized)
    response.header("WWW-Authenticate", "Bearer realm=\"pinbridge\"");
  return response;
}

std::optional<std::int64_t> parse_id(std::string_view text) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

http::Handler authorized(const ServicesPtr& services, ApiHandler handler) {
  return [services, handler](http::Request& request) {
    const auto caller = authenticate(*services, request);
    if (!caller) return error_response(caller.error(), request);
    return handler(*services, request, *caller);
  };
}

}  // namespace detail

namespace {

struct Route {
  const char* method;
  const char* pattern;
  detail::ApiHandler handler;  // null: public, served without a key
};

constexpr Route routes[] = {
    {"GET", "/api/v1/openapi.json", nullptr},
    {"GET", "/api/v1/assessments", detail::list_assessments},
    {"POST", "/api/v1/invitations", detail::create_invitation},
    {"GET", "/api/v1/invitations/{id}", detail::get_invitation},
    {"GET", "/api/v1/results/{id}", detail::get_result},
};

}  // namespace

std::vector<RouteSpec> api_route_specs() {
  std::vector<RouteSpec> specs;
  for (const auto& route : routes) specs.push_back({route.method, route.pattern});
  return specs;
}

void add_api_routes(http::Router& router, const ApiServices& services) {
  const auto shared = std::make_shared<const ApiServices>(services);
  for (const auto& route : routes) {
    if (route.handler) {
      router.add(route.method, route.pattern, detail::authorized(shared, route.handler));
    } else {
      router.add(route.method, route.pattern,
                 [](http::Request&) { return http::Response::json(200, openapi_document()); });
    }
  }
}

}  // namespace pinbridge::api
