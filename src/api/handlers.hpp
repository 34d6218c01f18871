#pragma once
// Internal to api/: the authentication gate and the handlers the route table points at.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "api/api_routes.hpp"

namespace pinbridge::api::detail {

struct Caller {
  std::int64_t account_id = 0;
  std::int64_t key_id = 0;
};

using ServicesPtr = std::shared_ptr<const ApiServices>;
using ApiHandler = http::Response (*)(const ApiServices&, http::Request&, const Caller&);

// 401 without a valid, unrevoked key; 403 when the account's API add-on is off; then the handler.
http::Handler authorized(const ServicesPtr& services, ApiHandler handler);

// Responses carry no-store: they hold candidate data and private links.
http::Response json_response(int status, const nlohmann::json& body);
http::Response error_response(const Error& error, const http::Request& request);
std::optional<std::int64_t> parse_id(std::string_view text);

http::Response list_assessments(const ApiServices& services, http::Request& request, const Caller& caller);
http::Response create_invitation(const ApiServices& services, http::Request& request, const Caller& caller);
http::Response get_invitation(const ApiServices& services, http::Request& request, const Caller& caller);
http::Response get_result(const ApiServices& services, http::Request& request, const Caller& caller);

}  // namespace pinbridge::api::detail

namespace pinbridge::api::detail {
// An invitation as the API shows it, with its link while usable and its latest result summary.
nlohmann::json invitation_body(const ApiServices& services, const assessments::Invitation& invitation);
}  // namespace pinbridge::api::detail
