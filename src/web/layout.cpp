#include "web/layout.hpp"

#include <array>

#include "web/assets.hpp"
#include "web/components.hpp"
#include "web/html.hpp"
#include "web/security.hpp"

namespace pinbridge::web {
namespace {

constexpr std::array<SectionInfo, 6> section_table{{
    {Section::assessments, "/assessments", "Assessments"},
    {Section::invitations, "/invitations", "Invitations"},
    {Section::integrations, "/integrations", "Integrations"},
    {Section::workflows, "/workflows", "Workflows"},
    {Section::activity, "/activity", "Activity"},
    {Section::settings, "/settings", "Settings"},
}};

void document_start(Html& html, const Deps& deps, std::string_view title, std::string_view body_class) {
  html.raw("<!doctype html>");
  html.open("html", {{"lang", "en"}}).open("head");
  html.empty("meta", {{"charset", "utf-8"}});
  html.empty("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
  html.element("title", std::string(title) + " · " + deps.settings.product_name);
  html.empty("link", {{"rel", "icon"}, {"href", asset_url("favicon.svg")}, {"type", "image/svg+xml"}});
  html.empty("link", {{"rel", "stylesheet"}, {"href", asset_url("app.css")}});
  html.open("script", {{"src", asset_url("app.js")}, {"defer", "defer"}}).close("script");
  html.close("head");
  html.open("body", {{"class", body_class}});
  html.element("a", {{"class", "skip-link"}, {"href", "#main"}}, "Skip to content");
}

void document_end(Html& html) {
  html.close("body").close("html");
}

void sidebar(Html& html, const Deps& deps, std::optional<Section> active) {
  html.open("aside", {{"class", "sidebar"}});
  html.element("a", {{"class", "brand"}, {"href", home_path}}, deps.settings.product_name);
  html.open("nav", {{"aria-label", "Main"}}).open("ul", {{"class", "nav-list"}});
  for (const auto& item : sections()) {
    const bool current = active == item.section;
    html.open("li");
    html.element("a", {{"class", "nav-link"}, {"href", item.path}, {current ? "aria-current" : "", "page"}},
                 item.label);
    html.close("li");
  }
  html.close("ul").close("nav").close("aside");
}

void topbar(Html& html, const accounts::SessionContext& session) {
  html.open("header", {{"class", "topbar"}});
  html.open("div", {{"class", "topbar-account"}});
  html.element("span", {{"class", "topbar-label"}}, "Account");
  html.element("strong", {{"class", "account-name"}}, session.account.name);
  html.close("div");
  html.open("div", {{"class", "topbar-user"}});
  html.element("span", {{"class", "user-name"}}, session.user.name);
  html.element("span", {{"class", "user-email"}}, session.user.email);
  html.open("form", {{"method", "post"}, {"action", "/sign-out"}});
  csrf_input(html, session.csrf_token);
  html.element("button", {{"type", "submit"}, {"class", "button button-secondary"}}, "Sign out");
  html.close("form").close("div").close("header");
}

}  // namespace

std::span<const SectionInfo> sections() {
  return section_table;
}

const SectionInfo& section_info(Section section) {
  for (const auto& item : section_table) {
    if (item.section == section) return item;
  }
  return section_table.front();
}

std::string render_dashboard(const Deps& deps, const accounts::SessionContext& session, const Page& page) {
  Html html;
  document_start(html, deps, page.title, "app");
  html.open("div", {{"class", "shell"}});
  sidebar(html, deps, page.active);
  html.open("div", {{"class", "workspace"}});
  topbar(html, session);
  html.open("main", {{"id", "main"}, {"class", "main"}, {"tabindex", "-1"}}).raw(page.content).close("main");
  html.close("div").close("div");
  document_end(html);
  return std::move(html).str();
}

std::string render_public(const Deps& deps, std::string_view title, std::string_view content, bool wide) {
  Html html;
  document_start(html, deps, title, "public");
  html.open(
      "main",
      {{"id", "main"}, {"class", wide ? "public-main public-wide" : "public-main"}, {"tabindex", "-1"}});
  html.element("p", {{"class", "brand brand-public"}}, deps.settings.product_name);
  html.open("div", {{"class", "card public-card"}}).raw(content).close("div");
  html.close("main");
  document_end(html);
  return std::move(html).str();
}

http::Response html_response(int status, std::string body) {
  auto response = http::Response::html(status, std::move(body));
  add_security_headers(response);
  return response;
}

http::Response message_page(const Deps& deps, int status, std::string_view title, std::string_view message,
                            std::string_view link_href, std::string_view link_label) {
  Html content;
  content.element("h1", title);
  content.element("p", message);
  content.element("a", {{"class", "button button-primary"}, {"href", link_href}}, link_label);
  return html_response(status, render_public(deps, title, std::move(content).str()));
}

}  // namespace pinbridge::web
