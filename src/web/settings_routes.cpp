// The Settings page's routes: rename the account, add and remove team members. Every write is
// scoped to the signed-in user's account, so an id from another account is simply not found.
#include <array>
#include <charconv>
#include <map>
#include <utility>

#include "web/layout.hpp"
#include "web/session_guard.hpp"
#include "web/settings_page.hpp"

namespace pinbridge::web {
namespace {

using accounts::SessionContext;
using Fields = std::map<std::string, std::string>;

// Messages for ?notice=..., so a redirect can report success without echoing text from the URL.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> notices{{
    {"sharing_on", "Report links are on: shared reports can be opened without signing in."},
    {"sharing_off", "Report links are off: shared reports no longer open."},
    {"account_saved", "Account name saved."},
    {"member_added", "Member added. They can sign in now."},
    {"member_removed", "Member removed. Their sessions have ended."},
}};

std::string notice_text(std::string_view key) {
  for (const auto& [name, text] : notices) {
    if (name == key) return std::string(text);
  }
  return {};
}

std::string field(const Fields& fields, const std::string& name) {
  const auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

SettingsView view_for(const SessionContext& session) {
  return {.account_name = session.account.name};
}

http::Response settings_response(const Deps& deps, const SessionContext& session, int status,
                                 const SettingsView& view) {
  return html_response(status, render_settings(deps, session, view));
}

http::Response done(std::string_view notice_key) {
  return http::Response::redirect("/settings?notice=" + std::string(notice_key));
}

http::Response show(const Deps& deps, const http::Request& request, const SessionContext& session) {
  SettingsView view = view_for(session);
  if (const auto key = request.query.find("notice"); key != request.query.end())
    view.success = notice_text(key->second);
  return settings_response(deps, session, 200, view);
}

http::Response rename(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const std::string name = field(request.form(), "name");
  const auto renamed = deps.accounts.rename_account(session.account.id, name);
  if (renamed) return done("account_saved");
  SettingsView view = view_for(session);
  view.account_name = name;
  const auto& error = renamed.error();
  view.account_error = error.code == ErrorCode::invalid_input ? "Account " + error.message : error.message;
  return settings_response(deps, session, http_status(error.code), view);
}

// The store reports one problem at a time; the public validators tell which field it is about, so
// the message can sit next to that input.
void place_member_error(SettingsView& view, const Error& error, const std::string& email,
                        const Secret& password) {
  if (!accounts::normalize_email(email) || error.code == ErrorCode::conflict) {
    view.email_error = error.message;
  } else if (!accounts::validate_password(password)) {
    view.password_error = error.message;
  } else {
    view.name_error = error.message;
  }
}

http::Response add_member(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const Fields fields = request.form();
  const std::string name = field(fields, "name");
  const std::string email = field(fields, "email");
  const Secret password(field(fields, "password"));
  const auto created = deps.accounts.create_user(session.account.id, email, name, password);
  if (created) return done("member_added");
  SettingsView view = view_for(session);
  view.member_name = name;
  view.member_email = email;
  view.error = "The member was not added. Check the form below.";
  place_member_error(view, created.error(), email, password);
  return settings_response(deps, session, http_status(created.error().code), view);
}

std::optional<std::int64_t> parse_id(std::string_view text) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

http::Response remove_member(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const auto id = parse_id(request.path_param("id"));
  SettingsView view = view_for(session);
  if (id && *id == session.user.id) {
    view.error = "You can't remove yourself. Ask another member of your team to do it.";
    return settings_response(deps, session, 403, view);
  }
  const auto removed = id ? deps.accounts.remove_user(session.account.id, *id)
                          : Result<void>(Error::not_found("no such user in this account"));
  if (removed) return done("member_removed");
  view.error = removed.error().code == ErrorCode::not_found ? "That member is not in this account."
                                                            : removed.error().message;
  return settings_response(deps, session, http_status(removed.error().code), view);
}

http::Response set_sharing(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const bool share = field(request.form(), "share") == "on";
  deps.platform.assessments.set_shares_reports(session.account.id, share);
  return done(share ? "sharing_on" : "sharing_off");
}

template <typename Fn>
SessionHandler bind(const DepsPtr& deps, Fn fn) {
  return [deps, fn](http::Request& request, const SessionContext& session) {
    return fn(*deps, request, session);
  };
}

}  // namespace

void add_settings_routes(http::Router& router, const DepsPtr& deps) {
  router.get("/settings", signed_in_page(deps, bind(deps, show)));
  router.post("/settings/account", signed_in_action(deps, bind(deps, rename)));
  router.post("/settings/reports", signed_in_action(deps, bind(deps, set_sharing)));
  router.post("/settings/users", signed_in_action(deps, bind(deps, add_member)));
  router.post("/settings/users/{id}/remove", signed_in_action(deps, bind(deps, remove_member)));
}

}  // namespace pinbridge::web
