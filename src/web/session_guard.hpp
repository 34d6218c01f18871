#pragma once
// The gate in front of every signed-in page and action. Pages need a valid session cookie; writes
// also need a same-origin request (when the browser says where it came from) and the session's
// CSRF token, and are refused before the handler runs, so a refused write changes nothing.
#include <functional>
#include <optional>
#include <string>

#include "accounts/sessions.hpp"
#include "http/router.hpp"
#include "web/routes.hpp"

namespace pinbridge::web {

using SessionHandler = std::function<http::Response(http::Request&, const accounts::SessionContext&)>;

// The session named by the pb_session cookie, when it exists and has not expired.
std::optional<accounts::SessionContext> current_session(const Deps& deps, const http::Request& request);

// The CSRF token a write carries: the _csrf form field, else the X-CSRF-Token header.
std::string submitted_csrf(const http::Request& request);

// For GET pages. Signed out: 303 to /sign-in?next=<this page>.
http::Handler signed_in_page(DepsPtr deps, SessionHandler handler);
// For writes. Signed out: 401 JSON error; cross-origin or without the CSRF token: 403.
http::Handler signed_in_action(DepsPtr deps, SessionHandler handler);

// The 403 a write gets when its Origin or CSRF token is wrong.
http::Response forbidden_write(const Deps& deps);
// Tells the browser to drop its session cookie.
void clear_session_cookie(const Deps& deps, http::Response& response);

}  // namespace pinbridge::web
