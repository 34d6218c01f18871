// Integrations › Pinpoint routes: the set-up wizard's steps and the connection's actions. Every write
// needs the API add-on and acts on the signed-in user's account only. The API key is checked against
// Pinpoint before anything is stored, and it is never rendered back into a page.
#include <array>

#include "pinpoint/subdomain.hpp"
#include "web/integrations_page.hpp"
#include "web/layout.hpp"
#include "web/page_support.hpp"
#include "web/plugin_pages.hpp"

namespace pinbridge::web {
namespace {

using accounts::SessionContext;

constexpr std::array<std::pair<std::string_view, std::string_view>, 9> notices{{
    {"connected",
     "Connected to Pinpoint. The key has every permission needed and is stored encrypted. Now create the "
     "webhook in Pinpoint."},
    {"key_replaced", "API key replaced. It has every permission needed; the old key is no longer used."},
    {"webhook_confirmed", "Set-up complete. Deliveries from Pinpoint show below as they arrive."},
    {"secret_saved", "Signing secret saved. Deliveries are verified from now on."},
    {"url_rotated",
     "New Endpoint URL made. Paste it into the webhook in Pinpoint: deliveries to the old one are refused."},
    {"refresh_queued", "Reading jobs and stages from Pinpoint. Reload the page in a few seconds."},
    {"disconnected", "Disconnected from Pinpoint. The API key and signing secret are deleted."},
    {"not_connected", "This account is not connected to Pinpoint."},
    {"plugin_key_rotated",
     "Plugin API Key rotated. The old key no longer works: paste the new one into Pinpoint's settings."},
}};

http::Response page(const Deps& deps, const SessionContext& session, int status,
                    const IntegrationsView& view) {
  return html_response(status, render_integrations(deps, session, view));
}

http::Response done(std::string_view notice_key) {
  return http::Response::redirect(std::string(integrations_path) + "?notice=" + std::string(notice_key));
}

http::Response show(const Deps& deps, const http::Request& request, const SessionContext& session) {
  IntegrationsView view;
  const auto tab = request.query.find("tab");
  view.plugin_tab = tab != request.query.end() && tab->second == "plugin";
  view.replacing_key = request.query.contains("replace");
  view.confirming_rotation = view.plugin_tab && request.query.contains("confirm");
  view.success = notice_from(request, notices);
  return page(deps, session, 200, view);
}

// Subdomain and key as the recruiter typed them, or what is wrong with them, before any request.
struct ConnectInput {
  std::string subdomain;
  std::string api_key;
};

Result<ConnectInput> read_connect_form(const http::Request& request, IntegrationsView& view) {
  const auto fields = request.form();
  view.subdomain = trimmed_field(fields, "subdomain");
  const auto subdomain = pinpoint::normalize_subdomain(view.subdomain);
  if (!subdomain) view.subdomain_error = subdomain.error().message;
  const std::string api_key = trimmed_field(fields, "api_key");
  if (api_key.empty()) view.key_error = "Paste the API key you created in Pinpoint.";
  if (!subdomain || api_key.empty()) return Error::invalid("The form has errors");
  return ConnectInput{*subdomain, api_key};
}

// "Continue" on step 1, and "Replace the API key" later: the key is checked against Pinpoint for
// real (it authenticates and has each permission) and stored only when nothing is missing.
http::Response connect(const Deps& deps, const http::Request& request, const SessionContext& session) {
  auto& automations = *deps.automations;
  const auto account_id = session.account.id;
  IntegrationsView view;
  view.replacing_key = automations.connections.find(account_id).has_value();
  auto input = read_connect_form(request, view);
  if (!input) return page(deps, session, 400, view);

  const Secret api_key(input->api_key);
  const auto report = automations.clients.unsaved(account_id, input->subdomain, api_key)->check_permissions();
  if (!report) {
    view.key_error = report.error().message();
    return page(deps, session, report.error().transient() ? 502 : 400, view);
  }
  if (!report->ok()) {
    const auto missing = report->missing().size();
    view.permissions = *report;
    view.key_error = "This key lacks " + std::to_string(missing) +
                     (missing == 1 ? " permission" : " permissions") +
                     " (see the table). Add them to the key in Pinpoint, then paste it again.";
    return page(deps, session, 400, view);
  }
  automations.connections.save(account_id, input->subdomain, api_key);
  automations.clients.forget(account_id);  // the next call uses the new key
  automations.stage_refresh.request(account_id);
  return done(view.replacing_key ? "key_replaced" : "connected");
}

// Step 2: the recruiter says the webhook exists in Pinpoint, with its signing secret if they have it.
http::Response confirm_webhook(const Deps& deps, const http::Request& request,
                               const SessionContext& session) {
  auto& connections = deps.automations->connections;
  const auto account_id = session.account.id;
  if (!connections.find(account_id)) return done("not_connected");
  const auto fields = request.form();
  if (!fields.contains("created")) {
    IntegrationsView view;
    view.webhook_error = "Tick this once the webhook exists in Pinpoint.";
    return page(deps, session, 400, view);
  }
  // Either write fails only when the account disconnected since the check above.
  if (const auto secret = trimmed_field(fields, "signing_secret"); !secret.empty()) {
    if (!connections.set_signing_secret(account_id, Secret(secret))) return done("not_connected");
  }
  if (!connections.confirm_webhook(account_id)) return done("not_connected");
  return done("webhook_confirmed");
}

http::Response save_signing_secret(const Deps& deps, const http::Request& request,
                                   const SessionContext& session) {
  const auto secret = trimmed_field(request.form(), "signing_secret");
  if (secret.empty()) {
    IntegrationsView view;
    view.error = "Paste the signing secret that Pinpoint shows on the webhook's page.";
    return page(deps, session, 400, view);
  }
  const auto saved = deps.automations->connections.set_signing_secret(session.account.id, Secret(secret));
  return done(saved ? "secret_saved" : "not_connected");
}

http::Response rotate_url(const Deps& deps, const http::Request&, const SessionContext& session) {
  const auto rotated = deps.automations->connections.rotate_webhook_token(session.account.id);
  return done(rotated ? "url_rotated" : "not_connected");
}

http::Response refresh_stages(const Deps& deps, const http::Request&, const SessionContext& session) {
  if (!deps.automations->connections.find(session.account.id)) return done("not_connected");
  deps.automations->stage_refresh.request(session.account.id);
  return done("refresh_queued");
}

http::Response disconnect(const Deps& deps, const http::Request&, const SessionContext& session) {
  auto& automations = *deps.automations;
  const auto account_id = session.account.id;
  automations.connections.disconnect(account_id);
  automations.clients.forget(account_id);
  automations.stages.clear(account_id);
  return done("disconnected");
}

// The live indicator's data for app.js, which polls it while the page is open.
http::Response delivery_status_json(const Deps& deps, const http::Request&, const SessionContext& session) {
  const auto connection = deps.automations->connections.find(session.account.id);
  if (!connection) return http::Response::error(ErrorCode::not_found, "Not connected to Pinpoint");
  const auto status = delivery_status(*connection);
  auto response = http::Response::json(200, {{"tone", status.tone}, {"text", status.text}});
  response.headers["Cache-Control"] = "no-store";
  return response;
}

// The gate in front of every Pinpoint action: the API add-on, and a server that has Automations.
template <typename Fn>
SessionHandler gated(const DepsPtr& deps, Fn fn) {
  return [deps, fn](http::Request& request, const SessionContext& session) {
    if (!deps->automations || !deps->accounts.has_addon(session.account.id, accounts::Addon::api)) {
      IntegrationsView view;
      view.error = "Pinpoint Automations need the API add-on, which is not enabled for this account.";
      return page(*deps, session, 403, view);
    }
    return fn(*deps, request, session);
  };
}

}  // namespace

void add_integrations_routes(http::Router& router, const DepsPtr& deps) {
  router.get(integrations_path, signed_in_page(deps, bind(deps, show)));
  const std::string prefix(pinpoint_actions_path);
  router.get(prefix + "status", signed_in_page(deps, gated(deps, delivery_status_json)));
  router.post(prefix + "connect", signed_in_action(deps, gated(deps, connect)));
  router.post(prefix + "webhook", signed_in_action(deps, gated(deps, confirm_webhook)));
  router.post(prefix + "signing-secret", signed_in_action(deps, gated(deps, save_signing_secret)));
  router.post(prefix + "rotate-url", signed_in_action(deps, gated(deps, rotate_url)));
  router.post(prefix + "refresh-stages", signed_in_action(deps, gated(deps, refresh_stages)));
  router.post(prefix + "disconnect", signed_in_action(deps, gated(deps, disconnect)));
  add_plugin_key_routes(router, deps);
}

}  // namespace pinbridge::web
