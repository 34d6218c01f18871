// /_sim/ routes of the integration plugins: register and configure without the UI, read plugins,
// records and callback attempts back, and take the callback URLs down.
#include "sim/admin_api.hpp"
#include "sim/jsonapi.hpp"
#include "sim/plugin_routes.hpp"

namespace pinbridge::sim {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

// Runs work(company, body) for a /_sim/companies/{company}/... route; the company is looked up in
// its own short read, since the work calls plugins and opens its own transactions.
template <typename F>
Response for_company(const PluginDeps& deps, const Request& request, F&& work) {
  auto body = admin_body(request);
  if (auto* bad = std::get_if<Response>(&body)) return std::move(*bad);
  auto company =
      deps.database.read([&](store::Connection& c) { return admin_company(c, deps.pinpoint, request); });
  if (auto* bad = std::get_if<Response>(&company)) return std::move(*bad);
  return work(std::get<Company>(company), std::get<json>(body));
}

std::int64_t plugin_id_of(const Request& request) {
  return id_from_text(request.path_param("id")).value_or(0);
}

Result<std::map<std::string, std::string>> string_values(const json& body) {
  std::map<std::string, std::string> values;
  for (const auto& [key, value] : body.items()) {
    if (!value.is_string()) return Error::invalid(key + " must be a string");
    values[key] = value.get<std::string>();
  }
  return values;
}

void plugin_routes(http::Router& router, const PluginDeps& deps) {
  router.post("/_sim/companies/{company}/plugins", [&deps](Request& request) {
    return for_company(deps, request, [&](const Company& company, const json& body) {
      const auto registered = deps.plugins.register_plugin(company.id, body.value("url", ""));
      if (!registered) return Response::error(registered.error());
      return Response::json(registered->created ? 201 : 200, plugin_json(registered->plugin));
    });
  });
  router.get("/_sim/companies/{company}/plugins", [&deps](Request& request) {
    return for_company(deps, request, [&](const Company& company, const json&) {
      json out = json::array();
      const auto plugins =
          deps.database.read([&](store::Connection& c) { return PluginStore(c).plugins(company.id); });
      for (const auto& p : plugins) out.push_back(plugin_json(p));
      return Response::json(200, out);
    });
  });
  router.get("/_sim/companies/{company}/plugins/{id}", [&deps](Request& request) {
    return for_company(deps, request, [&](const Company& company, const json&) {
      const auto plugin = deps.database.read(
          [&](store::Connection& c) { return PluginStore(c).plugin(company.id, plugin_id_of(request)); });
      if (!plugin) return Response::error(ErrorCode::not_found, "no such plugin");
      return Response::json(200, plugin_json(*plugin));
    });
  });
  router.post("/_sim/companies/{company}/plugins/{id}/refresh", [&deps](Request& request) {
    return for_company(deps, request, [&](const Company& company, const json&) {
      const auto plugin = deps.plugins.refresh(company.id, plugin_id_of(request));
      if (!plugin) return Response::error(plugin.error());
      return Response::json(200, plugin_json(*plugin));
    });
  });
  router.put("/_sim/companies/{company}/plugins/{id}/configuration", [&deps](Request& request) {
    return for_company(deps, request, [&](const Company& company, const json& body) {
      const auto values = string_values(body);
      if (!values) return Response::error(values.error());
      const auto plugin = deps.plugins.configure(company.id, plugin_id_of(request), *values, false);
      if (!plugin) return Response::error(plugin.error());
      return Response::json(200, plugin_json(*plugin));
    });
  });
}

void record_routes(http::Router& router, const PluginDeps& deps) {
  router.get("/_sim/companies/{company}/plugin_assessments", [&deps](Request& request) {
    return for_company(deps, request, [&](const Company& company, const json&) {
      const auto it = request.query.find("application_id");
      const auto application = it == request.query.end() ? std::nullopt : id_from_text(it->second);
      if (it != request.query.end() && !application)
        return Response::error(ErrorCode::invalid_input, "application_id must be an id");
      const auto records = deps.database.read([&](store::Connection& c) {
        PluginStore store(c);
        return application ? store.application_assessments(company.id, *application)
                           : store.assessments(company.id);
      });
      json out = json::array();
      for (const auto& r : records) out.push_back(assessment_json(r, deps.plugins));
      return Response::json(200, out);
    });
  });
  router.get("/_sim/plugin_callbacks",
             [&deps](Request&) { return Response::json(200, deps.callbacks.state()); });
  router.put("/_sim/plugin_callbacks", [&deps](Request& request) {
    auto body = admin_body(request);
    if (auto* bad = std::get_if<Response>(&body)) return std::move(*bad);
    const auto& b = std::get<json>(body);
    if (!b.contains("down") || !b["down"].is_boolean())
      return Response::error(ErrorCode::invalid_input, "down must be true or false");
    std::optional<std::chrono::milliseconds> duration;
    if (b.contains("for_ms")) {
      if (!b["for_ms"].is_number_integer() || b["for_ms"].get<std::int64_t>() <= 0)
        return Response::error(ErrorCode::invalid_input, "for_ms must be a positive integer");
      duration = std::chrono::milliseconds(b["for_ms"].get<std::int64_t>());
    }
    deps.callbacks.set_down(b["down"].get<bool>(), duration);
    return Response::json(200, deps.callbacks.state());
  });
  router.get("/_sim/plugin_callback_attempts",
             [&deps](Request&) { return Response::json(200, deps.callbacks.attempts()); });
}

json configuration_json(const StoredPlugin& plugin) {
  json out = json::array();
  for (const auto& field : plugin.meta.configuration_fields) {
    const auto it = plugin.configuration.find(field.key);
    const bool set = it != plugin.configuration.end() && !it->second.empty();
    out.push_back({{"key", field.key},
                   {"label", field.label},
                   {"sensitive", field.sensitive},
                   {"set", set},
                   {"value", set && !field.sensitive ? json(it->second) : json(nullptr)},
                   {"header", field.http_header.empty() ? json(nullptr)
                                                        : json(plugin_header_name(field.http_header))}});
  }
  return out;
}

json actions_json(const PluginMeta& meta) {
  json out = json::array();
  for (const auto& a : meta.actions) {
    json mappings = json::array();
    for (const auto& m : a.mappings)
      mappings.push_back({{"key", m.key}, {"label", m.label}, {"value", m.value}});
    out.push_back(
        {{"key", a.key}, {"label", a.label}, {"metaEndpoint", a.meta_endpoint}, {"mappings", mappings}});
  }
  return out;
}

}  // namespace

json plugin_json(const StoredPlugin& plugin) {
  return {{"id", plugin.id},
          {"company_id", plugin.company_id},
          {"url", plugin.base_url},
          {"name", plugin.meta.name},
          {"version", plugin.meta.version},
          {"actions", actions_json(plugin.meta)},
          {"webhookProcessEndpoint", plugin.meta.webhook_process_endpoint},
          {"webhookAuthenticationHeader", plugin.meta.webhook_authentication_header},
          {"configurationFormFields", plugin.meta_document.value("configurationFormFields", json::array())},
          {"configuration", configuration_json(plugin)},
          {"created_at_ms", plugin.created_at_ms},
          {"updated_at_ms", plugin.updated_at_ms}};
}

json assessment_json(const PluginAssessment& r, const Plugins& plugins) {
  return {{"id", r.id},
          {"application_id", r.application_id},
          {"plugin_id", r.plugin_id},
          {"action_key", r.action_key},
          {"external_identifier", r.external_identifier},
          {"assessment_name", r.assessment_name},
          {"status", r.status},
          {"score", r.score ? json(*r.score) : json(nullptr)},
          {"external_record_url", r.external_record_url},
          {"external_links", r.external_links},
          {"message", r.message},
          {"callback_uuid", r.callback_uuid},
          {"callback_url", plugins.callback_url(r.callback_uuid)},
          {"created_at_ms", r.created_at_ms},
          {"updated_at_ms", r.updated_at_ms}};
}

void install_plugin_admin_routes(http::Router& router, const PluginDeps& deps) {
  plugin_routes(router, deps);
  record_routes(router, deps);
}

}  // namespace pinbridge::sim
