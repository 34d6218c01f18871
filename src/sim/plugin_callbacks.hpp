#pragma once
// The callback URL Pinpoint gives a plugin with each assessment record (the submit's webhookUrl):
// POST /plugin_callbacks/{uuid}. A call is forwarded to the plugin's webhookProcessEndpoint as
// {"body": <the raw request body as a string>, "headers": {<lower-cased name>: value},
// "configurationValues": [...]}, and the answer's updateAssessments are applied to the plugin's
// records of that company, matched by externalIdentifier. The caller gets 2xx only once that is
// done; any failure is a 5xx, so it retries. An admin switch takes the URLs down (503) to test
// those retries. Every call is logged.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "sim/plugins.hpp"
#include "store/database.hpp"

namespace pinbridge::sim {

class PluginCallbacks {
 public:
  PluginCallbacks(store::Database& database, const Clock& clock, Plugins& plugins)
      : database_(database), clock_(clock), plugins_(plugins) {}

  http::Response handle(const std::string& callback_uuid, const http::Request& request);

  // Down: every callback answers 503, until set up again or, with a duration, until it has passed.
  void set_down(bool down, std::optional<std::chrono::milliseconds> duration = std::nullopt);
  // {"down": bool, "down_until_ms": null (indefinitely or up) or unix ms}
  nlohmann::json state() const;
  nlohmann::json attempts() const;

 private:
  bool is_down() const;
  // The work behind a callback: forward, then apply. The Response says how it went.
  http::Response forward_and_apply(const std::string& callback_uuid, const http::Request& request);
  void log(const std::string& callback_uuid, const http::Response& answer,
           std::chrono::steady_clock::time_point started);

  static constexpr std::int64_t up = 0;
  static constexpr std::int64_t down_indefinitely = -1;

  store::Database& database_;
  const Clock& clock_;
  Plugins& plugins_;
  std::atomic<std::int64_t> down_until_ms_{up};
};

void install_plugin_callback_routes(http::Router& router, PluginCallbacks& callbacks);

}  // namespace pinbridge::sim
