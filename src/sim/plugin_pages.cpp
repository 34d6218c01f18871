// The layout, the plugins settings page and the list of candidates.
#include "sim/plugin_pages.hpp"

#include <fmt/format.h>

#include <cctype>

namespace pinbridge::sim {
namespace {

using web::Html;

// Plain and readable; just enough colour to tell an error from a confirmation.
constexpr std::string_view stylesheet = R"css(
body { font-family: system-ui, sans-serif; margin: 0; color: #1f2933; background: #f7f8fa; }
header { display: flex; gap: 1.5rem; align-items: baseline; padding: .75rem 1.5rem; background: #243b53; color: #fff; }
header a { color: #fff; margin-right: 1rem; }
main { max-width: 56rem; margin: 1.5rem auto; padding: 0 1.5rem; }
section { background: #fff; border: 1px solid #d9e2ec; border-radius: 6px; padding: 1rem 1.25rem; margin: 1rem 0; }
label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
input, select { font: inherit; padding: .35rem .5rem; min-width: 20rem; }
input[readonly] { background: #eef2f6; color: #52606d; }
button { display: block; font: inherit; padding: .4rem .9rem; margin-top: .75rem; cursor: pointer; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid #d9e2ec; }
.notice { padding: .6rem .9rem; border-radius: 4px; margin: 1rem 0; }
.notice-success { background: #e3f9e5; border: 1px solid #57ae5b; }
.notice-error, .toast-error, .callout-danger { background: #ffe3e3; border: 1px solid #d64545; color: #610404; }
.toast-error { padding: .6rem .9rem; border-radius: 4px; margin: 1rem 0; }
.callout { padding: .6rem .9rem; border-radius: 4px; margin: .75rem 0; }
.callout-info, .callout-none, .callout-warning, .callout-success { background: #e6f6ff; border: 1px solid #2186eb; }
.field-error { color: #a61b1b; margin: .25rem 0; }
.hint { color: #52606d; font-size: .9em; margin: .25rem 0; }
)css";

void config_field(Html& html, const StoredPlugin& plugin, const ConfigurationField& field) {
  const auto id = fmt::format("config-{}-{}", plugin.id, field.key);
  const auto name = "config." + field.key;
  const auto saved = plugin.configuration.find(field.key);
  const bool set = saved != plugin.configuration.end() && !saved->second.empty();
  html.element("label", {{"for", id}}, field.label);
  // A secret is never written back into the page; a blank password input keeps the saved one.
  const std::string value = set && !field.sensitive ? saved->second : "";
  html.empty("input", {{"id", id},
                       {"name", name},
                       {"type", field.sensitive ? "password" : "text"},
                       {"value", value},
                       {"autocomplete", "off"},
                       {field.required && !set ? "required" : "", "required"}});
  if (field.sensitive && set)
    html.element("p", {{"class", "hint"}}, "A value is saved. Leave blank to keep it.");
  if (!field.http_header.empty())
    html.element("p", {{"class", "hint"}}, "Sent as the header " + plugin_header_name(field.http_header));
}

void plugin_section(Html& html, const Company& company, const StoredPlugin& plugin) {
  const auto heading = fmt::format("plugin-{}-name", plugin.id);
  const auto base = fmt::format("{}/plugins/{}", ui_base(company), plugin.id);
  html.open("section", {{"aria-labelledby", heading}}).element("h2", {{"id", heading}}, plugin.meta.name);
  html.open("p").text("URL: ").element("code", plugin.base_url).close("p");
  html.open("p").text("Actions: ");
  for (std::size_t i = 0; i < plugin.meta.actions.size(); ++i)
    html.text(i == 0 ? "" : ", ").text(plugin.meta.actions[i].label);
  html.close("p");
  html.open("form", {{"method", "post"}, {"action", base + "/refresh"}})
      .element("button", {{"type", "submit"}}, "Refresh meta")
      .close("form");
  html.element("h3", "Configuration");
  if (plugin.meta.configuration_fields.empty()) {
    html.element("p", "This plugin needs no configuration.");
  } else {
    html.open("form", {{"method", "post"}, {"action", base + "/configuration"}});
    for (const auto& field : plugin.meta.configuration_fields) config_field(html, plugin, field);
    html.element("button", {{"type", "submit"}}, "Save configuration").close("form");
  }
  html.close("section");
}

void register_section(Html& html, const Company& company) {
  html.open("section", {{"aria-labelledby", "register-heading"}})
      .element("h2", {{"id", "register-heading"}}, "Register a plugin")
      .open("form", {{"method", "post"}, {"action", ui_base(company) + "/plugins"}})
      .element("label", {{"for", "plugin-url"}}, "Plugin URL")
      .empty("input", {{"id", "plugin-url"}, {"name", "url"}, {"type", "url"}, {"required", "required"}})
      .element("p", {{"class", "hint"}}, "Pinpoint POSTs to this URL to read the plugin's meta.")
      .element("button", {{"type", "submit"}}, "Register plugin")
      .close("form")
      .close("section");
}

}  // namespace

std::string ui_base(const Company& company) {
  return "/ui/" + url_segment(company.subdomain);
}

std::string url_segment(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '-' || c == '_' || c == '.' || c == '~')
      out += c;
    else
      out += fmt::format("%{:02X}", u);
  }
  return out;
}

std::string action_path(const Company& company, std::int64_t application_id, std::int64_t plugin_id,
                        std::string_view action_key) {
  return fmt::format("{}/applications/{}/actions/{}/{}", ui_base(company), application_id, plugin_id,
                     url_segment(action_key));
}

void render_notice(Html& html, const Notice& notice) {
  if (notice.kind == Notice::Kind::none) return;
  const bool error = notice.kind == Notice::Kind::error;
  html.element("div",
               {{"class", error ? "notice notice-error" : "notice notice-success"},
                {"role", error ? "alert" : "status"}},
               notice.text);
}

std::string ui_page(const Company& company, std::string_view title, const Notice& notice,
                    std::string_view content) {
  Html html;
  html.raw("<!doctype html>")
      .open("html", {{"lang", "en"}})
      .open("head")
      .empty("meta", {{"charset", "utf-8"}});
  html.element("title", std::string(title) + " - Pinpoint (simulated)");
  html.open("style").raw(stylesheet).close("style").close("head").open("body");
  html.open("header")
      .element("strong", "Pinpoint")
      .element("span", company.name.empty() ? company.subdomain : company.name);
  html.open("nav", {{"aria-label", "Main"}})
      .element("a", {{"href", ui_base(company) + "/applications"}}, "Candidates")
      .text(" ")
      .element("a", {{"href", ui_base(company) + "/plugins"}}, "Plugins")
      .close("nav")
      .close("header");
  html.open("main").element("h1", title);
  render_notice(html, notice);
  html.raw(content).close("main").close("body").close("html");
  return std::move(html).str();
}

std::string plugins_page(const Company& company, const std::vector<StoredPlugin>& plugins,
                         const Notice& notice) {
  Html html;
  if (plugins.empty()) html.element("p", "No plugins are registered yet.");
  for (const auto& plugin : plugins) plugin_section(html, company, plugin);
  register_section(html, company);
  return ui_page(company, "Plugins", notice, html.str());
}

std::string applications_page(const Company& company, const std::vector<ApplicationCandidate>& candidates) {
  Html html;
  if (candidates.empty()) html.element("p", "No applications yet.");
  html.open("ul");
  for (const auto& c : candidates) {
    const auto href = fmt::format("{}/applications/{}", ui_base(company), c.application_id);
    html.open("li")
        .element("a", {{"href", href}}, c.first_name + " " + c.last_name)
        .text(" - " + c.job_title)
        .close("li");
  }
  html.close("ul");
  return ui_page(company, "Candidates", {}, html.str());
}

}  // namespace pinbridge::sim
