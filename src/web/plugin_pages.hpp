#pragma once
// Integrations › Pinpoint › the Pinpoint Plugin tab: the account's Plugin API Key with a copy
// button, rotating it (after a confirmation step: the old key stops working at once), and the
// registration URL to give Pinpoint with what to do there. Behind the API add-on, like Automations.
#include "accounts/sessions.hpp"
#include "http/router.hpp"
#include "web/html.hpp"
#include "web/routes.hpp"

namespace pinbridge::web {

inline constexpr std::string_view plugin_tab_path = "/integrations?tab=plugin";
inline constexpr std::string_view plugin_rotate_path = "/integrations/pinpoint/plugin-key/rotate";

// The tab's content; confirming_rotation shows the confirmation step instead of the Rotate button.
void plugin_tab(Html& html, const Deps& deps, const accounts::SessionContext& session,
                bool confirming_rotation);

// POST plugin_rotate_path: needs the form's confirm=yes (the confirmation step's button sends it).
void add_plugin_key_routes(http::Router& router, const DepsPtr& deps);

}  // namespace pinbridge::web
