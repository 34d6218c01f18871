#include "sim/plugin_callbacks.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>

#include "core/text.hpp"

namespace pinbridge::sim {
namespace {

using http::Response;
using nlohmann::json;

// Headers about the connection to the simulator rather than about the payload; not forwarded.
bool is_connection_header(const std::string& lower_name) {
  constexpr std::array<std::string_view, 5> names{"host", "content-length", "connection", "transfer-encoding",
                                                  "keep-alive"};
  return std::find(names.begin(), names.end(), lower_name) != names.end();
}

json forwarded_headers(const http::Headers& headers) {
  json out = json::object();
  for (const auto& [name, value] : headers) {
    const std::string lower = ascii_lower(name);
    if (!is_connection_header(lower)) out[lower] = value;
  }
  return out;
}

// Applies every update in one transaction; returns the external ids that matched no record.
json apply_updates(store::Database& database, const PluginAssessment& record,
                   const std::vector<AssessmentUpdate>& updates, std::int64_t now_ms) {
  return database.write([&](store::Connection& c) {
    PluginStore store(c);
    json unmatched = json::array();
    for (const auto& update : updates)
      if (store.apply_update(record.company_id, record.plugin_id, update, now_ms) == 0)
        unmatched.push_back(update.external_identifier);
    return unmatched;
  });
}

}  // namespace

Response PluginCallbacks::handle(const std::string& callback_uuid, const http::Request& request) {
  const auto started = std::chrono::steady_clock::now();
  auto answer = is_down() ? Response::error(ErrorCode::unavailable, "Pinpoint's callback URL is down")
                          : forward_and_apply(callback_uuid, request);
  log(callback_uuid, answer, started);
  return answer;
}

Response PluginCallbacks::forward_and_apply(const std::string& callback_uuid, const http::Request& request) {
  const auto found =
      database_.read([&](store::Connection& c) -> std::optional<std::pair<PluginAssessment, StoredPlugin>> {
        PluginStore store(c);
        auto record =
            Plugins::is_callback_uuid(callback_uuid) ? store.assessment_by_uuid(callback_uuid) : std::nullopt;
        if (!record) return std::nullopt;
        auto plugin = store.plugin(record->company_id, record->plugin_id);
        if (!plugin) return std::nullopt;
        return std::pair{std::move(*record), std::move(*plugin)};
      });
  if (!found) return Response::error(ErrorCode::not_found, "no such callback URL");
  const auto& [record, plugin] = *found;
  if (plugin.meta.webhook_process_endpoint.empty())
    return Response::error(ErrorCode::upstream, "the plugin's meta has no webhookProcessEndpoint");
  const json forward{{"body", request.body}, {"headers", forwarded_headers(request.headers)}};
  const auto answer = plugins_.call(plugin, plugin.meta.webhook_process_endpoint, forward);
  if (!answer) return Response::error(answer.error());
  const auto updates = parse_process_result(*answer);
  if (!updates) return Response::error(updates.error());
  const auto unmatched = apply_updates(database_, record, *updates, to_unix_ms(clock_.now()));
  return Response::json(200, {{"ok", true},
                              {"updated", static_cast<std::int64_t>(updates->size() - unmatched.size())},
                              {"unmatched", unmatched}});
}

void PluginCallbacks::log(const std::string& callback_uuid, const Response& answer,
                          std::chrono::steady_clock::time_point started) {
  std::string error;
  if (answer.status >= 300) {
    const auto body = json::parse(answer.body, nullptr, false);
    const auto detail = body.is_object() ? body.value("error", json::object()) : json::object();
    error = detail.is_object() ? detail.value("message", answer.body) : answer.body;
    spdlog::info("plugin callback {} answered {}: {}", callback_uuid, answer.status, error);
  }
  const auto duration =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
          .count();
  database_.write([&](store::Connection& c) {
    PluginStore(c).add_callback_attempt(
        {callback_uuid, answer.status, error, duration, to_unix_ms(clock_.now())});
  });
}

bool PluginCallbacks::is_down() const {
  const auto until = down_until_ms_.load();
  return until == down_indefinitely || (until != up && to_unix_ms(clock_.now()) < until);
}

void PluginCallbacks::set_down(bool down, std::optional<std::chrono::milliseconds> duration) {
  if (!down)
    down_until_ms_ = up;
  else
    down_until_ms_ = duration ? to_unix_ms(clock_.now()) + duration->count() : down_indefinitely;
}

json PluginCallbacks::state() const {
  const auto until = down_until_ms_.load();
  return {{"down", is_down()}, {"down_until_ms", until > up && is_down() ? json(until) : json(nullptr)}};
}

json PluginCallbacks::attempts() const {
  json out = json::array();
  const auto list = database_.read([](store::Connection& c) { return PluginStore(c).callback_attempts(); });
  for (const auto& a : list)
    out.push_back({{"callback_uuid", a.callback_uuid},
                   {"status", a.status},
                   {"error", a.error.empty() ? json(nullptr) : json(a.error)},
                   {"duration_ms", a.duration_ms},
                   {"at_ms", a.at_ms}});
  return out;
}

void install_plugin_callback_routes(http::Router& router, PluginCallbacks& callbacks) {
  router.post("/plugin_callbacks/{uuid}", [&callbacks](http::Request& request) {
    return callbacks.handle(std::string(request.path_param("uuid")), request);
  });
}

}  // namespace pinbridge::sim
