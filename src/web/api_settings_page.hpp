#pragma once
// Settings › API: the account's API keys (a new key is shown once, with a copy button) and its
// customer webhook endpoints (URL, events, signing secret) with the delivery log.
#include <string>

#include "accounts/sessions.hpp"
#include "web/html.hpp"
#include "web/routes.hpp"

namespace pinbridge::web {

inline constexpr std::string_view api_settings_path = "/settings/api";

struct ApiSettingsView {
  std::string new_key{};       // the key just created, shown once
  std::string new_key_name{};  // its name
  std::string key_name{};      // the create form's value after an error
  std::string key_error{};
  std::string webhook_url{};  // the endpoint form's value after an error
  std::string webhook_error{};
  std::string error{};
  std::string success{};
};

// The webhooks card of that page (api_webhooks_card.cpp).
void render_webhooks_card(Html& html, const Deps& deps, const accounts::SessionContext& session,
                          const ApiSettingsView& view);

std::string render_api_settings(const Deps& deps, const accounts::SessionContext& session,
                                const ApiSettingsView& view);

}  // namespace pinbridge::web
