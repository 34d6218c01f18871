// /_sim/ routes that read state back, and the runtime knobs: faults, webhook timing, reset.
#include <charconv>

#include "sim/admin_api.hpp"
#include "sim/jsonapi.hpp"
#include "sim/resource_reader.hpp"
#include "sim/sim_sql.hpp"

namespace pinbridge::sim {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

json optional_integer(const store::Row& row, std::size_t column) {
  return row.is_null(column) ? json(nullptr) : json(row.integer(column));
}

json attempts(store::Connection& c) {
  json out = json::array();
  for (const auto& r : c.query(sql::select_attempts))
    out.push_back({{"id", r.integer(0)},
                   {"delivery_id", r.integer(1)},
                   {"endpoint_id", r.integer(2)},
                   {"event", r.text(3)},
                   {"attempt", r.integer(4)},
                   {"status", optional_integer(r, 5)},
                   {"error", r.is_null(6) ? json(nullptr) : json(r.text(6))},
                   {"duration_ms", r.integer(7)},
                   {"at_ms", r.integer(8)}});
  return out;
}

json deliveries(store::Connection& c) {
  json out = json::array();
  for (const auto& r : c.query(sql::select_deliveries)) {
    const auto args = json::parse(r.text(1), nullptr, false);
    out.push_back({{"id", r.integer(0)},
                   {"endpoint_id", args.value("endpoint_id", 0)},
                   {"event", args.value("event", "")},
                   {"body", args.value("body", "")},
                   {"state", r.text(2)},
                   {"attempts", r.integer(3)},
                   {"max_attempts", r.integer(4)},
                   {"scheduled_at_ms", r.integer(5)}});
  }
  return out;
}

json company_detail(store::Connection& c, const Company& company) {
  json detail = company.to_json();
  detail["api_keys"] = json::array();
  for (const auto& r : c.query(sql::select_api_keys, {company.id}))
    detail["api_keys"].push_back({{"id", r.integer(0)},
                                  {"prefix", r.text(1)},
                                  {"permissions", json::parse(r.text(2), nullptr, false)}});
  detail["webhooks"] = json::array();
  for (const auto& r : c.query(sql::select_endpoints, {company.id}))
    detail["webhooks"].push_back(
        {{"id", r.integer(0)}, {"url", r.text(1)}, {"events", json::parse(r.text(2), nullptr, false)}});
  return detail;
}

// Any resource type of a company, with the API's own query parameters, bypassing keys and faults.
Response resources(const AdminDeps& deps, Request& request) {
  const auto* def = find_resource(request.path_param("type"));
  if (def == nullptr) return Response::error(ErrorCode::not_found, "unknown resource type");
  const auto query = parse_list_query(request.query);
  if (!query) return Response::error(query.error());
  return deps.database.read([&](store::Connection& c) {
    auto company = admin_company(c, deps.pinpoint, request);
    if (auto* bad = std::get_if<Response>(&company)) return std::move(*bad);
    const auto document = read_list(c, std::get<Company>(company).id, *def, *query);
    if (!document) return Response::error(document.error());
    return Response::json(200, *document);
  });
}

Response stage_history(const AdminDeps& deps, Request& request) {
  return deps.database.read([&](store::Connection& c) {
    auto company = admin_company(c, deps.pinpoint, request);
    if (auto* bad = std::get_if<Response>(&company)) return std::move(*bad);
    const auto id = id_from_text(request.path_param("id")).value_or(0);
    if (!c.query_one(sql::application_exists, {std::get<Company>(company).id, id}))
      return Response::error(ErrorCode::not_found, "no such application");
    json history = json::array();
    for (const auto& r : c.query(sql::select_stage_history, {id}))
      history.push_back({{"id", r.integer(0)},
                         {"from_stage_id", optional_integer(r, 1)},
                         {"to_stage_id", r.integer(2)},
                         {"source", r.text(3)},
                         {"at_ms", r.integer(4)}});
    return Response::json(200, {{"stage_history", history}});
  });
}

void runtime_routes(http::Router& router, const AdminDeps& deps) {
  router.get("/_sim/faults",
             [&deps](Request&) { return Response::json(200, deps.faults.settings().to_json()); });
  router.put("/_sim/faults", [&deps](Request& request) {
    auto body = admin_body(request);
    if (auto* bad = std::get_if<Response>(&body)) return std::move(*bad);
    auto settings = FaultSettings::from_json(std::get<json>(body));
    if (!settings) return Response::error(settings.error());
    deps.faults.set(*settings);
    return Response::json(200, settings->to_json());
  });
  router.post("/_sim/faults/rules", [&deps](Request& request) {
    auto body = admin_body(request);
    if (auto* bad = std::get_if<Response>(&body)) return std::move(*bad);
    auto rule = fault_rule_from_json(std::get<json>(body));
    if (!rule) return Response::error(rule.error());
    deps.faults.add_rule(std::move(*rule));
    return Response::json(201, deps.faults.settings().to_json());
  });
  router.del("/_sim/faults", [&deps](Request&) {
    deps.faults.set({});
    return Response::json(200, FaultSettings{}.to_json());
  });
  router.get("/_sim/webhook_settings", [&deps](Request&) {
    const auto t = deps.webhooks.timing();
    return Response::json(200, {{"backoff_base_ms", t.backoff_base_ms},
                                {"backoff_max_ms", t.backoff_max_ms},
                                {"timeout_ms", t.timeout_ms}});
  });
  router.put("/_sim/webhook_settings", [&deps](Request& request) {
    auto body = admin_body(request);
    if (auto* bad = std::get_if<Response>(&body)) return std::move(*bad);
    const auto& b = std::get<json>(body);
    auto t = deps.webhooks.timing();
    t.backoff_base_ms = b.value("backoff_base_ms", t.backoff_base_ms);
    t.backoff_max_ms = b.value("backoff_max_ms", t.backoff_max_ms);
    t.timeout_ms = b.value("timeout_ms", t.timeout_ms);
    if (t.backoff_base_ms < 0 || t.backoff_max_ms < 0 || t.timeout_ms <= 0)
      return Response::error(ErrorCode::invalid_input, "timings must be positive");
    deps.webhooks.set_timing(t);
    return Response::json(200, {{"backoff_base_ms", t.backoff_base_ms},
                                {"backoff_max_ms", t.backoff_max_ms},
                                {"timeout_ms", t.timeout_ms}});
  });
  router.post("/_sim/reset", [&deps](Request&) {
    deps.database.write([](store::Connection& c) { c.execute_script(sql::reset_all); });
    deps.log.clear();
    deps.faults.set({});
    deps.plugins.forget_open_forms();
    deps.callbacks.set_down(false);
    return Response::json(200, {{"ok", true}});
  });
}

}  // namespace

void install_admin_inspect_routes(http::Router& router, const AdminDeps& deps) {
  router.get("/_sim/health", [&deps](Request&) {
    return Response::json(deps.database.ping() ? 200 : 503, {{"status", "ok"}});
  });
  router.get("/_sim/companies", [&deps](Request&) {
    return deps.database.read([&](store::Connection& c) {
      json out = json::array();
      for (const auto& r : c.query(sql::select_companies))
        out.push_back(company_detail(c, *deps.pinpoint.company(c, r.integer(0))));
      return Response::json(200, out);
    });
  });
  router.get("/_sim/companies/{company}", [&deps](Request& request) {
    return deps.database.read([&](store::Connection& c) {
      auto company = admin_company(c, deps.pinpoint, request);
      if (auto* bad = std::get_if<Response>(&company)) return std::move(*bad);
      return Response::json(200, company_detail(c, std::get<Company>(company)));
    });
  });
  router.get("/_sim/companies/{company}/resources/{type}",
             [&deps](Request& request) { return resources(deps, request); });
  router.get("/_sim/companies/{company}/applications/{id}/stage_history",
             [&deps](Request& request) { return stage_history(deps, request); });
  router.get("/_sim/requests", [&deps](Request& request) {
    const auto it = request.query.find("since");
    std::size_t since = 0;
    if (it != request.query.end()) {
      const std::string& text = it->second;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), since);
      if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
        return Response::error(ErrorCode::invalid_input, "since must be a request number",
                               request.request_id);
      }
    }
    return Response::json(200, deps.log.to_json(since));
  });
  router.get("/_sim/webhook_attempts", [&deps](Request&) {
    deps.webhooks.flush_attempts();
    return deps.database.read([&](store::Connection& c) { return Response::json(200, attempts(c)); });
  });
  router.get("/_sim/webhook_deliveries", [&deps](Request&) {
    return deps.database.read([&](store::Connection& c) { return Response::json(200, deliveries(c)); });
  });
  runtime_routes(router, deps);
}

}  // namespace pinbridge::sim
