#include "plugin/plugin_routes.hpp"

#include <functional>

namespace pinbridge::plugin {
namespace {

using nlohmann::json;

http::Response answer(const json& document) {
  auto response = http::Response::json(200, document);
  response.headers["Cache-Control"] = "no-store";
  return response;
}

// The request's JSON object, or what is wrong with the body.
Result<json> read_body(const http::Request& request) {
  if (request.body.size() > max_request_bytes)
    return Error::invalid("The request body is larger than Pinbridge accepts (64 KiB).");
  auto body = json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    return Error::invalid("The request body is not a JSON object.");
  return body;
}

using Act = std::function<json(const Caller&, const json& body, const http::Request&)>;
using Refuse = json (*)(std::string_view);

// Body read, caller authenticated, then the action; `refuse` makes the endpoint's error document.
http::Handler endpoint(PluginActions& actions, Refuse refuse, Act act) {
  return [&actions, refuse, act = std::move(act)](http::Request& request) {
    auto body = read_body(request);
    if (!body) return answer(refuse(body.error().message));
    const auto caller = actions.authenticate(request.headers, *body);
    if (!caller) return answer(refuse(caller.error().message));
    return answer(act(*caller, *body, request));
  };
}

json refuse_form(std::string_view message) {
  return callout_form(message);
}
json refuse_submit(std::string_view message) {
  return submit_failure(message);
}

}  // namespace

void add_plugin_routes(http::Router& router, PluginActions& actions) {
  const std::string base(base_path);
  const auto meta = [](http::Request&) { return answer(plugin_meta()); };
  router.post(base, meta);
  router.post(base + "/", meta);
  router.post(base + std::string(action_meta_path),
              endpoint(actions, refuse_form,
                       [&actions](const Caller& caller, const json& body, const http::Request&) {
                         return actions.action_form(caller, body);
                       }));
  router.post(base + std::string(submit_path),
              endpoint(actions, refuse_submit,
                       [&actions](const Caller& caller, const json& body, const http::Request&) {
                         return actions.submit(caller, body);
                       }));
  router.post(base + std::string(process_path),
              endpoint(actions, process_failure,
                       [&actions](const Caller& caller, const json& body, const http::Request& request) {
                         return actions.process(caller, body, request.headers);
                       }));
}

}  // namespace pinbridge::plugin
