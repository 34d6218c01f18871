#pragma once
// The routes of the integration plugins: the admin API under /_sim/ (JSON, for tests) and the web
// pages under /ui/{company}/ (server-rendered HTML, for people and browser tests). Both only call
// Plugins and PluginCallbacks; neither talks to a plugin itself.
#include <nlohmann/json.hpp>

#include "http/router.hpp"
#include "sim/pinpoint.hpp"
#include "sim/plugin_callbacks.hpp"
#include "sim/plugins.hpp"
#include "store/database.hpp"

namespace pinbridge::sim {

struct PluginDeps {
  store::Database& database;
  Pinpoint& pinpoint;
  Plugins& plugins;
  PluginCallbacks& callbacks;
};

void install_plugin_admin_routes(http::Router& router, const PluginDeps& deps);
void install_plugin_ui_routes(http::Router& router, const PluginDeps& deps);

// The admin API's views. Sensitive configuration values are never shown, only whether they are set.
nlohmann::json plugin_json(const StoredPlugin& plugin);
nlohmann::json assessment_json(const PluginAssessment& record, const Plugins& plugins);

}  // namespace pinbridge::sim
