// The sections whose features arrive in later work: each says what will appear there, so a new
// account sees a guided dashboard rather than blank pages.
#include "web/components.hpp"
#include "web/layout.hpp"
#include "web/session_guard.hpp"

namespace pinbridge::web {
namespace {

struct SectionText {
  Section section;
  std::string_view description;
  std::string_view empty_title;
  std::string_view empty_body;
};

constexpr SectionText workflows_text{
    Section::workflows,
    "Rules that keep Pinpoint and your assessments in step without copying anything by hand.",
    "No workflows yet",
    "Workflows send assessments when an application reaches a stage, post results to the candidate's "
    "profile and move applications by outcome. Connect Pinpoint under Integrations first."};
constexpr SectionText activity_text{
    Section::activity, "What happened and why: every action taken in Pinpoint, with its cause.",
    "No activity yet",
    "Webhook deliveries from Pinpoint, workflow runs and the actions they took will be listed here, "
    "and failed actions can be retried."};

http::Response simple_section(const Deps& deps, const accounts::SessionContext& session,
                              const SectionText& text) {
  const auto& info = section_info(text.section);
  Html html;
  page_heading(html, info.label, text.description);
  empty_state(html, text.empty_title, text.empty_body);
  return html_response(
      200, render_dashboard(deps, session, {std::string(info.label), text.section, std::move(html).str()}));
}

void integration_tabs(Html& html, bool plugin_tab) {
  html.open("nav", {{"class", "tabs"}, {"aria-label", "Pinpoint integration"}});
  html.element("a", {{"class", "tab"}, {"href", "/integrations"}, {plugin_tab ? "" : "aria-current", "page"}},
               "Automations");
  html.element(
      "a",
      {{"class", "tab"}, {"href", "/integrations?tab=plugin"}, {plugin_tab ? "aria-current" : "", "page"}},
      "Pinpoint Plugin");
  html.close("nav");
}

void automations_placeholder(Html& html) {
  empty_state(html, "Pinpoint is not connected",
              "Here you will enter your Pinpoint subdomain and an API key, check its permissions, and set "
              "up the webhook that tells us when applications change stage.");
}

void plugin_placeholder(Html& html) {
  empty_state(html, "No plugin key yet",
              "Here you will find the Plugin API Key to paste into Pinpoint (Settings, Integrations), so "
              "recruiters can invite candidates to assessments from a candidate's profile.");
}

http::Response integrations(const Deps& deps, const http::Request& request,
                            const accounts::SessionContext& session) {
  const auto tab = request.query.find("tab");
  const bool plugin_tab = tab != request.query.end() && tab->second == "plugin";
  const bool has_api = deps.accounts.has_addon(session.account.id, accounts::Addon::api);
  Html html;
  page_heading(html, "Integrations", "Connect your applicant tracking system.");
  html.open("section", {{"class", "card"}, {"aria-labelledby", "pinpoint-title"}});
  html.open("div", {{"class", "card-header"}});
  html.element("p", {{"class", "eyebrow"}}, "Applicant tracking system");
  html.element("h2", {{"id", "pinpoint-title"}}, "ATS → Pinpoint");
  html.close("div");
  if (!has_api) {
    notice(html, Tone::info,
           "The API add-on is not enabled for this account. Ask your operator to enable it.");
  }
  integration_tabs(html, plugin_tab);
  html.open("div", {{"class", "tab-panel"}});
  plugin_tab ? plugin_placeholder(html) : automations_placeholder(html);
  html.close("div").close("section");
  return html_response(
      200, render_dashboard(deps, session, {"Integrations", Section::integrations, std::move(html).str()}));
}

}  // namespace

void add_section_routes(http::Router& router, const DepsPtr& deps) {
  for (const SectionText* text : {&workflows_text, &activity_text}) {
    router.get(section_info(text->section).path,
               signed_in_page(deps, [deps, text](http::Request&, const accounts::SessionContext& session) {
                 return simple_section(*deps, session, *text);
               }));
  }
  router.get("/integrations",
             signed_in_page(deps, [deps](http::Request& request, const accounts::SessionContext& session) {
               return integrations(*deps, request, session);
             }));
}

}  // namespace pinbridge::web
