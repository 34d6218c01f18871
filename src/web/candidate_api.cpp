// The candidate page's background requests: saving one answer as it changes, and counting an
// integrity signal. JSON in, JSON out; refused when the browser says another site sent them.
#include <nlohmann/json.hpp>

#include "web/page_support.hpp"
#include "web/security.hpp"

namespace pinbridge::web {
namespace {

http::Response json_response(http::Response response) {
  add_security_headers(response);
  return response;
}

Result<void> save_answer(const Deps& deps, std::string_view token, const nlohmann::json& body) {
  const auto id = body.find("question_id");
  if (id == body.end() || !id->is_string()) return Error::invalid("question_id must be a string");
  const auto answer = body.find("answer");
  return deps.platform.candidates.save_answer(token, id->get<std::string>(),
                                              answer == body.end() ? nlohmann::json() : *answer);
}

Result<void> record_signal(const Deps& deps, std::string_view token, const nlohmann::json& body) {
  const auto kind = body.value("kind", nlohmann::json()).is_string() ? body["kind"].get<std::string>() : "";
  if (kind != "left_page" && kind != "paste") return Error::invalid("kind must be left_page or paste");
  return deps.platform.candidates.record_signal(
      token, kind == "paste" ? assessments::Signal::paste : assessments::Signal::left_page);
}

}  // namespace

http::Response candidate_json(const Deps& deps, const http::Request& request, bool answers) {
  if (!origin_allowed(request, deps.settings.public_url))
    return json_response(
        http::Response::error(ErrorCode::forbidden, "cross-site request refused", request.request_id));
  const auto body = nlohmann::json::parse(request.body, nullptr, false);
  if (!body.is_object())
    return json_response(http::Response::error(ErrorCode::invalid_input, "the body must be a JSON object",
                                               request.request_id));
  const auto token = request.path_param("token");
  const auto done = answers ? save_answer(deps, token, body) : record_signal(deps, token, body);
  if (!done) return json_response(http::Response::error(done.error(), request.request_id));
  return json_response(http::Response::json(200, {{"saved", true}}));
}

}  // namespace pinbridge::web
