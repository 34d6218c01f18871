#pragma once
// The plugin's HTTP endpoints under /plugin/pinpoint, which Pinpoint calls (no session: the Plugin
// API Key is the credential). Every call is a POST of a JSON object; every answer is a 200 with a
// protocol document, the error documents included (Pinpoint shows their toast or callout only
// from a 2xx), so bad input never turns into a 4xx page or a 500.
//   POST /plugin/pinpoint and /plugin/pinpoint/   meta (needs no key: it is the same for everyone)
//   POST /plugin/pinpoint/create-assessment/meta   the action form
//   POST /plugin/pinpoint/create-assessment/submit invite the candidate
//   POST /plugin/pinpoint/webhook/process          the current state for a signed result callback
#include <cstddef>

#include "http/router.hpp"
#include "plugin/plugin_actions.hpp"

namespace pinbridge::plugin {

// Far more than any real call needs; larger bodies are answered with the error document unread.
inline constexpr std::size_t max_request_bytes = std::size_t{64} * 1024;

void add_plugin_routes(http::Router& router, PluginActions& actions);

}  // namespace pinbridge::plugin
