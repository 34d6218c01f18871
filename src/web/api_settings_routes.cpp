// Settings › API routes: create and revoke API keys, add and remove webhook endpoints. Every write
// is scoped to the signed-in user's account, so another account's id is simply not found.
#include <array>

#include "web/api_settings_page.hpp"
#include "web/layout.hpp"
#include "web/page_support.hpp"

namespace pinbridge::web {
namespace {

using accounts::SessionContext;

// Messages for ?notice=..., so a redirect can report success without echoing text from the URL.
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> notices{{
    {"key_revoked", "API key revoked. Requests with it are refused from now on."},
    {"webhook_added", "Webhook endpoint added. Copy its signing secret below."},
    {"webhook_removed", "Webhook endpoint removed."},
}};

http::Response page(const Deps& deps, const SessionContext& session, int status,
                    const ApiSettingsView& view) {
  return html_response(status, render_api_settings(deps, session, view));
}

http::Response done(std::string_view notice_key) {
  return http::Response::redirect(std::string(api_settings_path) + "?notice=" + std::string(notice_key));
}

http::Response show(const Deps& deps, const http::Request& request, const SessionContext& session) {
  ApiSettingsView view;
  view.success = notice_from(request, notices);
  return page(deps, session, 200, view);
}

// The new key is rendered into this response, not redirected to, so it never sits in a URL or a
// later page: shown once, then only its prefix remains.
http::Response create_key(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const auto fields = request.form();
  const std::string name = field(fields, "name");
  const auto created = deps.platform.api_keys->create(session.account.id, name);
  ApiSettingsView view;
  if (!created) {
    view.key_name = name;
    view.key_error = created.error().message;
    return page(deps, session, http_status(created.error().code), view);
  }
  view.new_key = created->plaintext.reveal();
  view.new_key_name = created->key.name;
  return page(deps, session, 201, view);
}

http::Response revoke_key(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const auto id = parse_id(request.path_param("id"));
  const auto revoked = id ? deps.platform.api_keys->revoke(session.account.id, *id)
                          : Result<api::ApiKey>(Error::not_found("API key not found"));
  if (revoked) return done("key_revoked");
  ApiSettingsView view;
  view.error = "That API key is not in this account.";
  return page(deps, session, 404, view);
}

// One checkbox per event type, named "event:<type>", since form() keeps one value per name.
std::vector<std::string> checked_events(const std::map<std::string, std::string>& fields) {
  std::vector<std::string> events;
  for (const auto type : api::webhook_event_types)
    if (fields.contains("event:" + std::string(type))) events.emplace_back(type);
  return events;
}

http::Response add_webhook(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const auto fields = request.form();
  const std::string url = field(fields, "url");
  const auto created = deps.platform.webhooks->create(session.account.id, url, checked_events(fields));
  if (created) return done("webhook_added");
  ApiSettingsView view;
  view.webhook_url = url;
  view.webhook_error = created.error().message;
  view.error = "The endpoint was not added. Check the form below.";
  return page(deps, session, http_status(created.error().code), view);
}

http::Response remove_webhook(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const auto id = parse_id(request.path_param("id"));
  const auto removed = id ? deps.platform.webhooks->remove(session.account.id, *id)
                          : Result<void>(Error::not_found("Webhook endpoint not found"));
  if (removed) return done("webhook_removed");
  ApiSettingsView view;
  view.error = "That webhook endpoint is not in this account.";
  return page(deps, session, 404, view);
}

}  // namespace

void add_api_settings_routes(http::Router& router, const DepsPtr& deps) {
  // Without the stores (a dashboard built for tests of other pages) there is nothing to show.
  if (!deps->platform.api_keys || !deps->platform.webhooks) return;
  router.get(api_settings_path, signed_in_page(deps, bind(deps, show)));
  router.post("/settings/api/keys", signed_in_action(deps, bind(deps, create_key)));
  router.post("/settings/api/keys/{id}/revoke", signed_in_action(deps, bind(deps, revoke_key)));
  router.post("/settings/api/webhooks", signed_in_action(deps, bind(deps, add_webhook)));
  router.post("/settings/api/webhooks/{id}/remove", signed_in_action(deps, bind(deps, remove_webhook)));
}

}  // namespace pinbridge::web
