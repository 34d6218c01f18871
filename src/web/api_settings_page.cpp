#include "web/api_settings_page.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "web/components.hpp"
#include "web/layout.hpp"

namespace pinbridge::web {
namespace {

void card_start(Html& html, std::string_view id, std::string_view title, std::string_view description) {
  html.open("section", {{"class", "card"}, {"aria-labelledby", id}});
  html.element("h2", {{"id", id}}, title);
  if (!description.empty()) html.element("p", {{"class", "card-description"}}, description);
}

void submit(Html& html, std::string_view label) {
  html.open("div", {{"class", "form-actions"}});
  html.element("button", {{"type", "submit"}, {"class", "button button-primary"}}, label);
  html.close("div");
}

std::string when(const std::optional<Timestamp>& at, std::string_view none) {
  return at ? format_date(*at) : std::string(none);
}

void new_key_notice(Html& html, const ApiSettingsView& view) {
  html.open("div", {{"class", "notice notice-success"}, {"role", "status"}});
  html.element("p",
               "API key \"" + view.new_key_name + "\" created. Copy it now: it will not be shown again.");
  copyable(html, "new-api-key", view.new_key, "Copy the new API key");
  html.close("div");
}

void revoke_form(Html& html, const accounts::SessionContext& session, const api::ApiKey& key) {
  const std::string action = "/settings/api/keys/" + std::to_string(key.id) + "/revoke";
  const std::string label = "Revoke " + key.name;
  html.open("form", {{"method", "post"},
                     {"action", action},
                     {"data-confirm", label + "? Programs using it will stop working at once."}});
  csrf_input(html, session.csrf_token);
  html.element("button",
               {{"type", "submit"}, {"class", "button button-danger button-small"}, {"aria-label", label}},
               "Revoke");
  html.close("form");
}

void key_row(Html& html, const accounts::SessionContext& session, const api::ApiKey& key) {
  html.open("tr");
  html.element("td", key.name).open("td").element("code", key.prefix + "…").close("td");
  html.element("td", format_date(key.created_at)).element("td", when(key.last_used_at, "Never"));
  html.open("td", {{"class", "cell-actions"}});
  if (key.revoked_at) {
    html.element("span", {{"class", "badge badge-off"}}, "Revoked " + format_date(*key.revoked_at));
  } else {
    revoke_form(html, session, key);
  }
  html.close("td").close("tr");
}

void keys_table(Html& html, const accounts::SessionContext& session, const std::vector<api::ApiKey>& keys) {
  if (keys.empty()) {
    empty_state(html, "No API keys yet", "Create a key to call the public API from your own systems.");
    return;
  }
  html.open("table", {{"class", "table"}});
  html.element("caption", {{"class", "visually-hidden"}}, "API keys");
  html.open("thead").open("tr");
  for (const char* heading : {"Name", "Key", "Created", "Last used"})
    html.element("th", {{"scope", "col"}}, heading);
  html.open("th", {{"scope", "col"}}).element("span", {{"class", "visually-hidden"}}, "Actions").close("th");
  html.close("tr").close("thead").open("tbody");
  for (const auto& key : keys) key_row(html, session, key);
  html.close("tbody").close("table");
}

void keys_card(Html& html, const Deps& deps, const accounts::SessionContext& session,
               const ApiSettingsView& view, bool has_api) {
  card_start(html, "api-keys-title", "API keys",
             "Programs authenticate to the public API with 'Authorization: Bearer <key>'. "
             "The API description is at /api/v1/openapi.json.");
  if (!has_api)
    notice(html, Tone::info, "The API add-on is not enabled: keys work once your operator enables it.");
  keys_table(html, session, deps.platform.api_keys->list(session.account.id));
  html.open("form", {{"method", "post"}, {"action", "/settings/api/keys"}, {"class", "form-stack"}});
  csrf_input(html, session.csrf_token);
  text_field(html, {.name = "name",
                    .label = "Key name",
                    .value = view.key_name,
                    .error = view.key_error,
                    .hint = "Say where it is used, e.g. \"HR system\".",
                    .id_prefix = "key-"});
  submit(html, "Create API key");
  html.close("form").close("section");
}

}  // namespace

std::string render_api_settings(const Deps& deps, const accounts::SessionContext& session,
                                const ApiSettingsView& view) {
  Html html;
  page_heading(html, "API and webhooks",
               "Keys for the public API, and webhooks that tell your systems what happens.");
  html.open("p").element("a", {{"href", "/settings"}}, "← Back to Settings").close("p");
  if (!view.success.empty()) notice(html, Tone::success, view.success);
  if (!view.error.empty()) notice(html, Tone::error, view.error);
  if (!view.new_key.empty()) new_key_notice(html, view);
  const bool has_api = deps.accounts.has_addon(session.account.id, accounts::Addon::api);
  keys_card(html, deps, session, view, has_api);
  render_webhooks_card(html, deps, session, view);
  return render_dashboard(deps, session, {"API and webhooks", Section::settings, std::move(html).str()});
}

}  // namespace pinbridge::web
