// /_sim/ routes that create and change things.
#include <fmt/format.h>

#include "sim/admin_api.hpp"
#include "sim/api_auth.hpp"
#include "sim/jsonapi.hpp"
#include "sim/sim_sql.hpp"

namespace pinbridge::sim {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

// A burst of test webhooks is one transaction; this bounds its size (and the memory it takes).
constexpr int max_test_burst = 100'000;

Response fail(const Error& error) {
  return Response::error(error);
}

// Runs work(connection, company, body) in a write transaction for POST /_sim/companies/{company}/...
template <typename F>
Response with_company(const AdminDeps& deps, const Request& request, F&& work) {
  auto body = admin_body(request);
  if (auto* bad = std::get_if<Response>(&body)) return std::move(*bad);
  return deps.database.write([&](store::Connection& c) -> Response {
    auto company = admin_company(c, deps.pinpoint, request);
    if (auto* bad = std::get_if<Response>(&company)) return std::move(*bad);
    return work(c, std::get<Company>(company), std::get<json>(body));
  });
}

std::vector<StageSpec> stages_from(const json& body) {
  if (!body.contains("stages")) return default_stages();
  std::vector<StageSpec> stages;
  for (const auto& s : body["stages"])
    stages.push_back({s.value("name", ""), s.value("basic_type", "review")});
  return stages;
}

json all_permissions(const std::string& level) {
  json permissions = json::object();
  for (const auto& category : permission_categories()) permissions[category] = level;
  return permissions;
}

Response application_action(const AdminDeps& deps, const Request& request, const std::string& action) {
  return with_company(deps, request, [&](store::Connection& c, const Company& company, const json& body) {
    const auto id = id_from_text(request.path_param("id")).value_or(0);
    Result<void> done;
    if (action == "move")
      done = deps.pinpoint.move_to_stage(
          c, company.id, id, id_from_json(body.value("stage_id", json())).value_or(0), "recruiter");
    if (action == "hire") done = deps.pinpoint.move_to_stage_type(c, company.id, id, "hired", "recruiter");
    if (action == "reject")
      done = deps.pinpoint.move_to_stage_type(c, company.id, id, "rejected", "recruiter");
    if (action == "move_job")
      done = deps.pinpoint.move_to_job(c, company.id, id,
                                       id_from_json(body.value("job_id", json())).value_or(0), "recruiter");
    if (!done) return fail(done.error());
    return Response::json(200, {{"ok", true}});
  });
}

void company_routes(http::Router& router, const AdminDeps& deps) {
  router.post("/_sim/companies", [&deps](Request& request) {
    auto body = admin_body(request);
    if (auto* bad = std::get_if<Response>(&body)) return std::move(*bad);
    const auto& b = std::get<json>(body);
    auto company = deps.database.write([&](store::Connection& c) {
      return deps.pinpoint.create_company(c, b.value("subdomain", ""), b.value("name", ""),
                                          b.value("api_enabled", true));
    });
    if (!company) return fail(company.error());
    return Response::json(201, company->to_json());
  });
  router.put("/_sim/companies/{company}", [&deps](Request& request) {
    return with_company(deps, request, [&](store::Connection& c, const Company& company, const json& body) {
      if (body.contains("api_enabled"))
        c.execute(sql::set_api_enabled, {company.id, std::int64_t{body["api_enabled"].get<bool>() ? 1 : 0}});
      return Response::json(200, deps.pinpoint.company(c, company.id)->to_json());
    });
  });
  router.post("/_sim/companies/{company}/users", [&deps](Request& request) {
    return with_company(deps, request, [&](store::Connection& c, const Company& company, const json& b) {
      const auto id = deps.pinpoint.create_user(c, company.id, b.value("email", ""),
                                                b.value("first_name", ""), b.value("last_name", ""));
      return Response::json(201, {{"id", id}});
    });
  });
  router.post("/_sim/companies/{company}/job_seekers", [&deps](Request& request) {
    return with_company(deps, request, [&](store::Connection& c, const Company& company, const json& b) {
      const auto id = deps.pinpoint.create_job_seeker(c, company.id, b.value("email", ""),
                                                      b.value("first_name", ""), b.value("last_name", ""));
      if (!id) return fail(id.error());
      return Response::json(201, {{"id", *id}});
    });
  });
  router.post("/_sim/companies/{company}/hiring_workflows", [&deps](Request& request) {
    return with_company(deps, request, [&](store::Connection& c, const Company& company, const json& b) {
      const auto id =
          deps.pinpoint.create_workflow(c, company.id, b.value("name", "Workflow"), stages_from(b));
      return Response::json(201, {{"id", id}});
    });
  });
  router.post("/_sim/companies/{company}/jobs", [&deps](Request& request) {
    return with_company(deps, request, [&](store::Connection& c, const Company& company, const json& b) {
      const auto workflow =
          b.contains("hiring_workflow_id") ? id_from_json(b["hiring_workflow_id"]) : std::nullopt;
      const auto id =
          deps.pinpoint.create_job(c, company.id, b.value("title", ""), b.value("status", "open"), workflow);
      if (!id) return fail(id.error());
      return Response::json(201, {{"id", *id}});
    });
  });
}

void key_and_webhook_routes(http::Router& router, const AdminDeps& deps) {
  router.post("/_sim/companies/{company}/api_keys", [&deps](Request& request) {
    return with_company(deps, request, [&](store::Connection& c, const Company& company, const json& b) {
      json permissions = b.value("permissions", json::object());
      if (permissions.is_string()) permissions = all_permissions(permissions.get<std::string>());
      const auto [id, key] = deps.pinpoint.create_api_key(c, company.id, permissions);
      return Response::json(201, {{"id", id}, {"key", key}, {"permissions", permissions}});
    });
  });
  router.post("/_sim/companies/{company}/webhooks", [&deps](Request& request) {
    return with_company(deps, request, [&](store::Connection& c, const Company& company, const json& b) {
      const auto url = b.value("url", "");
      if (!url.starts_with("http://") && !url.starts_with("https://"))
        return fail(Error::invalid("url must be http:// or https://"));
      const auto secret = b.value("secret", "");
      if (secret.empty()) return fail(Error::invalid("secret is required"));
      const auto id =
          deps.pinpoint.create_endpoint(c, company.id, url, b.value("events", json::array()), secret);
      return Response::json(201, {{"id", id}});
    });
  });
  router.post("/_sim/webhooks/{id}/test", [&deps](Request& request) {
    auto body = admin_body(request);
    if (auto* bad = std::get_if<Response>(&body)) return std::move(*bad);
    const auto& b = std::get<json>(body);
    const auto count = b.contains("count") && b["count"].is_number_integer() ? b["count"].get<std::int64_t>()
                       : b.contains("count")                                 ? 0
                                                                             : 1;
    if (count < 1 || count > max_test_burst)
      return fail(Error::invalid(fmt::format("count must be between 1 and {}", max_test_burst)));
    const auto delivery =
        deps.webhooks.send_test(id_from_text(request.path_param("id")).value_or(0), static_cast<int>(count));
    if (!delivery) return fail(delivery.error());
    return Response::json(202, {{"delivery_id", *delivery}, {"count", count}});
  });
}

void application_routes(http::Router& router, const AdminDeps& deps) {
  router.post("/_sim/companies/{company}/applications", [&deps](Request& request) {
    return with_company(deps, request, [&](store::Connection& c, const Company& company, const json& b) {
      NewApplication app{id_from_json(b.value("job_id", json())).value_or(0),
                         b.value("first_name", ""),
                         b.value("last_name", ""),
                         b.value("email", ""),
                         b.value("phone", ""),
                         b.value("external_system_reference", ""),
                         b.value("attachments", json::array())};
      const auto id = deps.pinpoint.create_application(c, company.id, app, "recruiter");
      if (!id) return fail(id.error());
      return Response::json(201, {{"id", *id}});
    });
  });
  for (const char* action : {"move", "hire", "reject", "move_job"})
    router.post(std::string("/_sim/companies/{company}/applications/{id}/") + action,
                [&deps, action = std::string(action)](Request& request) {
                  return application_action(deps, request, action);
                });
}

}  // namespace

std::variant<json, Response> admin_body(const Request& request) {
  if (request.body.empty()) return json::object();
  auto body = json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    return Response::error(ErrorCode::invalid_input, "the body must be a JSON object");
  return body;
}

std::variant<Company, Response> admin_company(store::Connection& c, Pinpoint& pinpoint,
                                              const Request& request) {
  const std::string name(request.path_param("company"));
  auto company = pinpoint.company(c, name);
  if (!company) {
    if (const auto id = id_from_text(name)) company = pinpoint.company(c, *id);
  }
  if (!company) return Response::error(ErrorCode::not_found, "no company " + name);
  return *company;
}

void install_admin_setup_routes(http::Router& router, const AdminDeps& deps) {
  company_routes(router, deps);
  key_and_webhook_routes(router, deps);
  application_routes(router, deps);
}

}  // namespace pinbridge::sim
