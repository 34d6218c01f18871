#include "web/plugin_pages.hpp"

#include "plugin/protocol.hpp"
#include "web/components.hpp"
#include "web/integrations_page.hpp"
#include "web/layout.hpp"
#include "web/page_support.hpp"

namespace pinbridge::web {
namespace {

using accounts::SessionContext;

constexpr std::string_view rotation_warning =
    "Rotate the Plugin API Key? The current key stops working at once: until the new key is pasted into "
    "Pinpoint, recruiters cannot invite from Pinpoint and results are not reported back.";

bool has_plugin(const Deps& deps, std::int64_t account_id) {
  return deps.automations && deps.automations->plugin &&
         deps.accounts.has_addon(account_id, accounts::Addon::api);
}

void subsection_start(Html& html, std::string_view id, std::string_view title) {
  html.open("section", {{"class", "subsection"}, {"aria-labelledby", id}});
  html.element("h3", {{"id", id}}, title);
}

void rotation_step(Html& html, const SessionContext& session) {
  html.open("div", {{"class", "notice notice-error"}, {"role", "alert"}, {"id", "rotate-confirmation"}});
  html.element("p", rotation_warning);
  html.open("div", {{"class", "button-row"}});
  html.open("form", {{"method", "post"}, {"action", plugin_rotate_path}});
  csrf_input(html, session.csrf_token);
  html.empty("input", {{"type", "hidden"}, {"name", "confirm"}, {"value", "yes"}});
  html.element("button", {{"type", "submit"}, {"class", "button button-danger"}}, "Rotate the key now");
  html.close("form");
  html.element("a", {{"class", "button button-secondary"}, {"href", plugin_tab_path}}, "Cancel");
  html.close("div").close("div");
}

void key_section(Html& html, const SessionContext& session, const plugin::PluginKey& key, bool confirming) {
  subsection_start(html, "plugin-key-title", "Plugin API Key");
  html.element("p",
               "Pinpoint sends this key with every call to the plugin; it identifies your account. Keep it "
               "as private as a password.");
  copyable(html, "plugin-api-key", key.key.reveal(), "Copy the Plugin API Key");
  html.open("dl", {{"class", "details"}});
  html.element("dt", "Created").element("dd", format_datetime(key.created_at));
  if (key.rotated_at) html.element("dt", "Last rotated").element("dd", format_datetime(*key.rotated_at));
  html.close("dl");
  if (confirming) {
    rotation_step(html, session);
  } else {
    html.element(
        "a",
        {{"class", "button button-secondary"}, {"href", std::string(plugin_tab_path) + "&confirm=rotate"}},
        "Rotate the key…");
  }
  html.close("section");
}

void setup_section(Html& html, const Deps& deps) {
  subsection_start(html, "plugin-setup-title", "Set up in Pinpoint");
  html.open("ol", {{"class", "setup-steps"}});
  html.open("li").text(
      "In Pinpoint, open Settings → Integrations and add the Pinbridge plugin with this URL:");
  copyable(html, "plugin-url", deps.platform.links.absolute(plugin::base_path), "Copy the plugin URL");
  html.close("li");
  html.element("li", "Paste the Plugin API Key above into the \"Pinbridge API Key\" field and save.");
  html.element(
      "li",
      "On a candidate's profile, choose \"Invite to Pinbridge Assessment\", pick an assessment and submit. "
      "Pinpoint shows the assessment as pending, then completed with the score and a link to the report.");
  html.close("ol").close("section");
}

http::Response rotate(const Deps& deps, const http::Request& request, const SessionContext& session) {
  if (!has_plugin(deps, session.account.id)) {
    IntegrationsView view;
    view.plugin_tab = true;
    view.error = "The Pinpoint Plugin needs the API add-on, which is not enabled for this account.";
    return html_response(403, render_integrations(deps, session, view));
  }
  if (field(request.form(), "confirm") != "yes") {
    IntegrationsView view;
    view.plugin_tab = true;
    view.confirming_rotation = true;
    view.error = "Confirm the rotation: the current key stops working at once.";
    return html_response(400, render_integrations(deps, session, view));
  }
  if (auto rotated = deps.automations->plugin->keys.rotate(session.account.id); !rotated) {
    IntegrationsView view;
    view.plugin_tab = true;
    view.error = rotated.error().message;
    return html_response(500, render_integrations(deps, session, view));
  }
  return http::Response::redirect(std::string(plugin_tab_path) + "&notice=plugin_key_rotated");
}

}  // namespace

void plugin_tab(Html& html, const Deps& deps, const SessionContext& session, bool confirming_rotation) {
  if (!deps.accounts.has_addon(session.account.id, accounts::Addon::api)) {
    notice(
        html, Tone::info,
        "The Pinpoint Plugin needs the API add-on, which is not enabled for this account. Ask your operator "
        "to enable it; until then Pinpoint's calls with this account's key are refused.");
    return;
  }
  if (!deps.automations || !deps.automations->plugin) {
    notice(html, Tone::error, "The Pinpoint Plugin is not available on this server.");
    return;
  }
  // Made on the first visit: an account that never opens the tab never has a key that works.
  const auto key = deps.automations->plugin->keys.ensure(session.account.id);
  if (!key) {
    notice(html, Tone::error, "The Plugin API Key cannot be read: " + key.error().message);
    return;
  }
  key_section(html, session, *key, confirming_rotation);
  setup_section(html, deps);
}

void add_plugin_key_routes(http::Router& router, const DepsPtr& deps) {
  router.post(plugin_rotate_path, signed_in_action(deps, bind(deps, rotate)));
}

}  // namespace pinbridge::web
