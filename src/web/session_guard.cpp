#include "web/session_guard.hpp"

#include "web/layout.hpp"
#include "web/security.hpp"

namespace pinbridge::web {
namespace {

http::Response redirect_to_sign_in(const Deps& deps, const http::Request& request) {
  const auto next = safe_next_path(request.target);
  auto response = http::Response::redirect(next ? "/sign-in?next=" + url_encode(*next) : "/sign-in");
  // A cookie that no longer signs anyone in (expired, signed out elsewhere) is dropped.
  if (request.cookie(session_cookie)) clear_session_cookie(deps, response);
  add_security_headers(response);
  return response;
}

http::Response with_headers(http::Response response) {
  // Handlers that render through html_response have them already; redirects may not.
  add_security_headers(response);
  return response;
}

}  // namespace

std::optional<accounts::SessionContext> current_session(const Deps& deps, const http::Request& request) {
  const auto token = request.cookie(session_cookie);
  if (!token || token->empty()) return std::nullopt;
  return deps.sessions.authenticate(*token);
}

std::string submitted_csrf(const http::Request& request) {
  const auto form = request.form();
  if (const auto it = form.find(std::string(csrf_field)); it != form.end()) return it->second;
  return request.header(csrf_header).value_or("");
}

http::Handler signed_in_page(DepsPtr deps, SessionHandler handler) {
  return [deps = std::move(deps), handler = std::move(handler)](http::Request& request) {
    const auto session = current_session(*deps, request);
    if (!session) return redirect_to_sign_in(*deps, request);
    return with_headers(handler(request, *session));
  };
}

http::Handler signed_in_action(DepsPtr deps, SessionHandler handler) {
  return [deps = std::move(deps), handler = std::move(handler)](http::Request& request) {
    const auto session = current_session(*deps, request);
    if (!session) {
      return with_headers(
          http::Response::error(ErrorCode::unauthorized, "sign in first", request.request_id));
    }
    if (!origin_allowed(request, deps->settings.public_url) ||
        !accounts::SessionManager::csrf_matches(*session, submitted_csrf(request))) {
      return forbidden_write(*deps);
    }
    return with_headers(handler(request, *session));
  };
}

http::Response forbidden_write(const Deps& deps) {
  return message_page(deps, 403, "This form can't be accepted",
                      "The form was sent from another site or from a page that is out of date, so nothing "
                      "was changed. Go back, reload the page and try again.",
                      home_path, "Back to the dashboard");
}

void clear_session_cookie(const Deps& deps, http::Response& response) {
  http::CookieOptions clear;
  clear.secure = deps.settings.secure_cookies;
  clear.max_age_seconds = 0;
  response.cookie(http::set_cookie(session_cookie, "", clear));
}

}  // namespace pinbridge::web
