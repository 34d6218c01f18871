// /ui/{company}/ pages: the plugins settings page, the candidates and their profiles, and plugin
// action forms; plus /plugin_redirects/{uuid}, the generatedUuidRedirectUrl of a record. Writes
// answer 303 to a page that says what happened (so a reload never repeats them) or, on failure,
// render the page again with the error.
#include <fmt/format.h>

#include "sim/admin_api.hpp"
#include "sim/jsonapi.hpp"
#include "sim/plugin_pages.hpp"
#include "sim/plugin_routes.hpp"

namespace pinbridge::sim {
namespace {

using http::Request;
using http::Response;

constexpr std::string_view field_prefix = "field.";
constexpr std::string_view config_prefix = "config.";

Response not_found_page(const std::string& what) {
  return Response::html(
      404, "<!doctype html><title>Not found</title><h1>Not found</h1><p>" + http::html_escape(what) + "</p>");
}

template <typename F>
Response with_company(const PluginDeps& deps, const Request& request, F&& work) {
  auto company =
      deps.database.read([&](store::Connection& c) { return admin_company(c, deps.pinpoint, request); });
  if (std::holds_alternative<Response>(company))
    return not_found_page("No company " + std::string(request.path_param("company")));
  return work(std::get<Company>(company));
}

std::int64_t id_param(const Request& request, std::string_view name) {
  return id_from_text(request.path_param(name)).value_or(0);
}

// The form's fields whose names start with prefix, keyed by the rest of the name.
std::map<std::string, std::string> prefixed_fields(const Request& request, std::string_view prefix) {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : request.form())
    if (name.starts_with(prefix)) out[name.substr(prefix.size())] = value;
  return out;
}

Response plugins_page_response(const PluginDeps& deps, const Company& company, const Notice& notice,
                               int status = 200) {
  const auto plugins =
      deps.database.read([&](store::Connection& c) { return PluginStore(c).plugins(company.id); });
  return Response::html(status, plugins_page(company, plugins, notice));
}

// What the settings page says after a successful write (?done=...&plugin=ID).
Notice settings_notice(const PluginDeps& deps, const Company& company, const Request& request) {
  const auto done = request.query.find("done");
  const auto id = request.query.find("plugin");
  if (done == request.query.end() || id == request.query.end()) return {};
  const auto plugin = deps.database.read([&](store::Connection& c) {
    return PluginStore(c).plugin(company.id, id_from_text(id->second).value_or(0));
  });
  if (!plugin) return {};
  if (done->second == "registered") return Notice::success("Registered " + plugin->meta.name + ".");
  if (done->second == "refreshed")
    return Notice::success("Fetched the meta of " + plugin->meta.name + " again.");
  if (done->second == "configured")
    return Notice::success("Saved the configuration of " + plugin->meta.name + ".");
  return {};
}

Response after_settings_write(const PluginDeps& deps, const Company& company,
                              const Result<StoredPlugin>& plugin, std::string_view done) {
  if (!plugin)
    return plugins_page_response(deps, company, Notice::error(plugin.error().message),
                                 http_status(plugin.error().code));
  return Response::redirect(fmt::format("{}/plugins?done={}&plugin={}", ui_base(company), done, plugin->id));
}

void settings_routes(http::Router& router, const PluginDeps& deps) {
  router.get("/ui/{company}/plugins", [&deps](Request& request) {
    return with_company(deps, request, [&](const Company& company) {
      return plugins_page_response(deps, company, settings_notice(deps, company, request));
    });
  });
  router.post("/ui/{company}/plugins", [&deps](Request& request) {
    return with_company(deps, request, [&](const Company& company) {
      const auto form = request.form();
      const auto url = form.contains("url") ? form.at("url") : std::string();
      const auto registered = deps.plugins.register_plugin(company.id, url);
      if (!registered) return after_settings_write(deps, company, registered.error(), "registered");
      return after_settings_write(deps, company, registered->plugin, "registered");
    });
  });
  router.post("/ui/{company}/plugins/{id}/refresh", [&deps](Request& request) {
    return with_company(deps, request, [&](const Company& company) {
      return after_settings_write(deps, company, deps.plugins.refresh(company.id, id_param(request, "id")),
                                  "refreshed");
    });
  });
  router.post("/ui/{company}/plugins/{id}/configuration", [&deps](Request& request) {
    return with_company(deps, request, [&](const Company& company) {
      const auto values = prefixed_fields(request, config_prefix);
      return after_settings_write(deps, company,
                                  deps.plugins.configure(company.id, id_param(request, "id"), values, true),
                                  "configured");
    });
  });
}

std::optional<ProfileView> profile_view(const PluginDeps& deps, const Company& company,
                                        std::int64_t application_id) {
  return deps.database.read([&](store::Connection& c) -> std::optional<ProfileView> {
    PluginStore store(c);
    auto candidate = store.candidate(company.id, application_id);
    if (!candidate) return std::nullopt;
    return ProfileView{std::move(*candidate), store.plugins(company.id),
                       store.application_assessments(company.id, application_id)};
  });
}

// After a submit the profile confirms it with the plugin's message (?created=RECORD_ID).
Notice profile_notice(const ProfileView& view, const Request& request) {
  const auto created = request.query.find("created");
  if (created == request.query.end()) return {};
  const auto id = id_from_text(created->second).value_or(0);
  for (const auto& r : view.assessments)
    if (r.id == id)
      return Notice::success(r.message.empty() ? "Created " + r.assessment_name + "." : r.message);
  return {};
}

void profile_routes(http::Router& router, const PluginDeps& deps) {
  router.get("/ui/{company}", [&deps](Request& request) {
    return with_company(deps, request, [&](const Company& company) {
      return Response::redirect(ui_base(company) + "/applications");
    });
  });
  router.get("/ui/{company}/applications", [&deps](Request& request) {
    return with_company(deps, request, [&](const Company& company) {
      const auto candidates =
          deps.database.read([&](store::Connection& c) { return PluginStore(c).candidates(company.id); });
      return Response::html(200, applications_page(company, candidates));
    });
  });
  router.get("/ui/{company}/applications/{id}", [&deps](Request& request) {
    return with_company(deps, request, [&](const Company& company) {
      const auto view = profile_view(deps, company, id_param(request, "id"));
      if (!view) return not_found_page("No such application");
      return Response::html(200, profile_page(company, *view, profile_notice(*view, request)));
    });
  });
}

ActionTarget target_of(const Company& company, const Request& request) {
  return {company.id, id_param(request, "id"), id_param(request, "plugin"),
          std::string(request.path_param("action"))};
}

Response action_failure(const PluginDeps& deps, const Company& company, const ActionTarget& target,
                        const Error& error) {
  const auto view = profile_view(deps, company, target.application_id);
  if (!view) return not_found_page("No such application");
  return Response::html(http_status(error.code),
                        action_error_page(company, view->candidate, Notice::error(error.message)));
}

// Shows the form again: after a failed submit (failure set) or a plugin that could not be reached.
Response form_again(const PluginDeps& deps, const Company& company, const OpenedForm& opened,
                    const Request& request, const SubmitResult* failure, const Notice& notice, int status) {
  const auto view = profile_view(deps, company, opened.target.application_id);
  if (!view) return not_found_page("No such application");
  const ActionFormView form{view->candidate, opened, prefixed_fields(request, field_prefix), failure};
  return Response::html(status, action_form_page(company, form, notice));
}

Response submit_action(const PluginDeps& deps, const Company& company, const Request& request) {
  const auto target = target_of(company, request);
  const auto form = request.form();
  const auto uuid = form.contains("callback_uuid") ? form.at("callback_uuid") : std::string();
  const auto outcome = deps.plugins.submit(target, uuid, prefixed_fields(request, field_prefix));
  if (!outcome) {
    const auto opened = deps.plugins.opened_form(uuid);
    if (!opened || opened->target.company_id != company.id)
      return action_failure(deps, company, target, outcome.error());
    return form_again(deps, company, *opened, request, nullptr, Notice::error(outcome.error().message),
                      http_status(outcome.error().code));
  }
  if (!outcome->result.success)
    return form_again(deps, company, outcome->opened, request, &outcome->result, {}, 422);
  return Response::redirect(fmt::format("{}/applications/{}?created={}#assessments", ui_base(company),
                                        target.application_id, outcome->record));
}

void action_routes(http::Router& router, const PluginDeps& deps) {
  constexpr std::string_view path = "/ui/{company}/applications/{id}/actions/{plugin}/{action}";
  router.get(path, [&deps](Request& request) {
    return with_company(deps, request, [&](const Company& company) {
      const auto target = target_of(company, request);
      const auto opened = deps.plugins.open_action(target);
      if (!opened) return action_failure(deps, company, target, opened.error());
      const auto view = profile_view(deps, company, target.application_id);
      if (!view) return not_found_page("No such application");
      return Response::html(200, action_form_page(company, {view->candidate, *opened, {}, nullptr}, {}));
    });
  });
  router.post(path, [&deps](Request& request) {
    return with_company(deps, request,
                        [&](const Company& company) { return submit_action(deps, company, request); });
  });
  router.get("/plugin_redirects/{uuid}", [&deps](Request& request) {
    return deps.database.read([&](store::Connection& c) {
      const auto record = PluginStore(c).assessment_by_uuid(std::string(request.path_param("uuid")));
      const auto company = record ? deps.pinpoint.company(c, record->company_id) : std::nullopt;
      if (!company) return not_found_page("No such record");
      return Response::redirect(
          fmt::format("{}/applications/{}#assessments", ui_base(*company), record->application_id));
    });
  });
}

}  // namespace

void install_plugin_ui_routes(http::Router& router, const PluginDeps& deps) {
  settings_routes(router, deps);
  profile_routes(router, deps);
  action_routes(router, deps);
}

}  // namespace pinbridge::sim
