// GET/POST /sign-in and POST /sign-out. The sign-in form is protected from login CSRF (another site
// signing the browser into the attacker's account) by a double-submit token: a SameSite=Strict
// cookie that only our pages can pair with the same value in the form.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "core/crypto.hpp"
#include "web/components.hpp"
#include "web/layout.hpp"
#include "web/security.hpp"
#include "web/session_guard.hpp"

namespace pinbridge::web {
namespace {

constexpr std::int64_t login_csrf_max_age_seconds = 3600;

struct SignInForm {
  std::string email;
  std::string next;   // where to go afterwards; already checked by safe_next_path
  std::string error;  // shown above the form
};

bool is_token(std::string_view text) {
  return text.size() == 43 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                  c == '_';
         });
}

// Reusing the browser's token keeps a second open sign-in tab working.
std::string login_token(const http::Request& request) {
  const auto existing = request.cookie(login_csrf_cookie);
  return existing && is_token(*existing) ? *existing : crypto::random_token(32);
}

std::string render_form(const Deps& deps, const SignInForm& form, std::string_view token) {
  Html html;
  html.element("h1", "Sign in");
  if (!form.error.empty()) notice(html, Tone::error, form.error);
  html.open("form", {{"method", "post"}, {"action", "/sign-in"}, {"class", "form-stack"}});
  csrf_input(html, token);
  if (!form.next.empty()) html.empty("input", {{"type", "hidden"}, {"name", "next"}, {"value", form.next}});
  text_field(
      html,
      {.name = "email", .label = "Email", .value = form.email, .type = "email", .autocomplete = "username"});
  text_field(
      html,
      {.name = "password", .label = "Password", .type = "password", .autocomplete = "current-password"});
  html.element("button", {{"type", "submit"}, {"class", "button button-primary button-wide"}}, "Sign in");
  html.close("form");
  return render_public(deps, "Sign in", std::move(html).str());
}

http::CookieOptions login_csrf_cookie_options(const Deps& deps, std::int64_t max_age_seconds) {
  http::CookieOptions cookie;
  cookie.same_site = "Strict";
  cookie.path = "/sign-in";
  cookie.secure = deps.settings.secure_cookies;
  cookie.max_age_seconds = max_age_seconds;
  return cookie;
}

http::Response form_response(const Deps& deps, int status, const SignInForm& form,
                             const http::Request& request) {
  const std::string token = login_token(request);
  auto response = html_response(status, render_form(deps, form, token));
  response.cookie(http::set_cookie(login_csrf_cookie, token,
                                   login_csrf_cookie_options(deps, login_csrf_max_age_seconds)));
  return response;
}

std::string next_from(const std::map<std::string, std::string>& fields) {
  const auto it = fields.find("next");
  if (it == fields.end()) return {};
  return safe_next_path(it->second).value_or("");
}

http::Response go_to(const std::string& next) {
  auto response = http::Response::redirect(next.empty() ? std::string(home_path) : next);
  add_security_headers(response);
  return response;
}

http::Response show_sign_in(const Deps& deps, const http::Request& request) {
  const std::string next = next_from(request.query);
  if (current_session(deps, request)) return go_to(next);
  return form_response(deps, 200, {.email = {}, .next = next, .error = {}}, request);
}

bool login_csrf_ok(const http::Request& request, const std::map<std::string, std::string>& fields) {
  const auto cookie = request.cookie(login_csrf_cookie);
  const auto field = fields.find(std::string(csrf_field));
  return cookie && !cookie->empty() && field != fields.end() &&
         crypto::constant_time_equals(*cookie, field->second);
}

http::Response session_started(const Deps& deps, const accounts::NewSession& session,
                               const std::string& next) {
  auto response = go_to(next);
  http::CookieOptions cookie;
  cookie.secure = deps.settings.secure_cookies;
  cookie.max_age_seconds =
      std::chrono::duration_cast<std::chrono::seconds>(deps.sessions.settings().lifetime).count();
  response.cookie(http::set_cookie(session_cookie, session.token.reveal(), cookie));
  // The login token has done its job; a new one is made for the next sign-in.
  response.cookie(http::set_cookie(login_csrf_cookie, "", login_csrf_cookie_options(deps, 0)));
  return response;
}

http::Response sign_in(const Deps& deps, const http::Request& request) {
  const auto fields = request.form();
  const auto field = [&](const char* name) {
    const auto it = fields.find(name);
    return it == fields.end() ? std::string() : it->second;
  };
  SignInForm form{.email = field("email"), .next = next_from(fields), .error = {}};
  if (!origin_allowed(request, deps.settings.public_url) || !login_csrf_ok(request, fields)) {
    form.error = "This sign-in form is out of date or came from another site. Please try again.";
    return form_response(deps, 403, form, request);
  }
  const std::string password = field("password");
  if (form.email.empty() || password.empty()) {
    form.error = "Enter your email and password.";
    return form_response(deps, 400, form, request);
  }
  auto session = deps.sessions.sign_in(form.email, Secret(password), request.remote_address);
  if (session) return session_started(deps, *session, form.next);
  if (session.error().code != ErrorCode::rate_limited) {
    form.error = "That email and password don't match an account.";
    return form_response(deps, http_status(session.error().code), form, request);
  }
  const auto window =
      std::chrono::duration_cast<std::chrono::seconds>(deps.sessions.settings().login_limits.window);
  form.error = fmt::format("Too many failed sign-ins. Wait up to {} minutes and try again.",
                           (window.count() + 59) / 60);
  return form_response(deps, 429, form, request).header("Retry-After", std::to_string(window.count()));
}

http::Response sign_out(const Deps& deps, const http::Request& request) {
  const auto session = current_session(deps, request);
  if (session) {
    if (!origin_allowed(request, deps.settings.public_url) ||
        !accounts::SessionManager::csrf_matches(*session, submitted_csrf(request))) {
      return forbidden_write(deps);
    }
    deps.sessions.sign_out(*request.cookie(session_cookie));
  }
  auto response = http::Response::redirect("/sign-in");
  clear_session_cookie(deps, response);
  add_security_headers(response);
  return response;
}

}  // namespace

void add_sign_in_routes(http::Router& router, const DepsPtr& deps) {
  router.get("/sign-in", [deps](http::Request& request) { return show_sign_in(*deps, request); });
  router.post("/sign-in", [deps](http::Request& request) { return sign_in(*deps, request); });
  router.post("/sign-out", [deps](http::Request& request) { return sign_out(*deps, request); });
}

}  // namespace pinbridge::web
