#include "web/settings_page.hpp"

#include "web/components.hpp"
#include "web/layout.hpp"

namespace pinbridge::web {
namespace {

void submit(Html& html, std::string_view label) {
  html.open("div", {{"class", "form-actions"}});
  html.element("button", {{"type", "submit"}, {"class", "button button-primary"}}, label);
  html.close("div");
}

void card_start(Html& html, std::string_view id, std::string_view title, std::string_view description) {
  html.open("section", {{"class", "card"}, {"aria-labelledby", id}});
  html.element("h2", {{"id", id}}, title);
  if (!description.empty()) html.element("p", {{"class", "card-description"}}, description);
}

void account_card(Html& html, const accounts::SessionContext& session, const SettingsView& view) {
  card_start(html, "account-title", "Account", "");
  html.open("dl", {{"class", "details"}});
  html.element("dt", "Short name").element("dd", session.account.slug);
  html.close("dl");
  html.open("form", {{"method", "post"}, {"action", "/settings/account"}, {"class", "form-stack"}});
  csrf_input(html, session.csrf_token);
  text_field(html, {.name = "name",
                    .label = "Account name",
                    .value = view.account_name,
                    .error = view.account_error,
                    .hint = "Shown to your team across the dashboard.",
                    .id_prefix = "account-"});
  submit(html, "Save name");
  html.close("form").close("section");
}

void addons_card(Html& html, bool has_api) {
  card_start(html, "addons-title", "Add-ons", "Add-ons are switched on per account by your operator.");
  html.open("dl", {{"class", "details"}});
  html.element("dt", "API add-on");
  html.open("dd");
  html.element("span", {{"class", has_api ? "badge badge-on" : "badge badge-off"}},
               has_api ? "Enabled" : "Not enabled");
  html.element("span", {{"class", "muted"}}, " Public API and both Pinpoint integrations.");
  html.close("dd").close("dl");
  html.open("p").element("a", {{"href", "/settings/api"}}, "API keys and webhooks").close("p");
  html.close("section");
}

void sharing_card(Html& html, const accounts::SessionContext& session, bool shares) {
  card_start(html, "sharing-title", "Shareable reports",
             "Each report has a link with an unguessable token that works without signing in, for showing "
             "results inside Pinpoint. Turning sharing off stops every such link at once.");
  html.open("form", {{"method", "post"}, {"action", "/settings/reports"}, {"class", "inline-setting"}});
  csrf_input(html, session.csrf_token);
  html.empty("input", {{"type", "hidden"}, {"name", "share"}, {"value", shares ? "off" : "on"}});
  html.element("span", {{"class", shares ? "badge badge-on" : "badge badge-off"}},
               shares ? "Report links work" : "Report links are off");
  html.element("button", {{"type", "submit"}, {"class", "button button-secondary button-small"}},
               shares ? "Turn off report links" : "Turn on report links");
  html.close("form").close("section");
}

void member_row(Html& html, const accounts::SessionContext& session, const accounts::User& user) {
  html.open("tr");
  html.open("td").text(user.name);
  if (user.id == session.user.id) html.element("span", {{"class", "badge badge-self"}}, "You");
  html.close("td");
  html.element("td", user.email).element("td", format_date(user.created_at));
  html.open("td", {{"class", "cell-actions"}});
  if (user.id != session.user.id) {
    const std::string action = "/settings/users/" + std::to_string(user.id) + "/remove";
    const std::string label = "Remove " + user.name;
    html.open("form", {{"method", "post"}, {"action", action}, {"data-confirm", label + "?"}});
    csrf_input(html, session.csrf_token);
    html.element("button",
                 {{"type", "submit"}, {"class", "button button-danger button-small"}, {"aria-label", label}},
                 "Remove");
    html.close("form");
  }
  html.close("td").close("tr");
}

void members_table(Html& html, const accounts::SessionContext& session,
                   const std::vector<accounts::User>& users) {
  html.open("table", {{"class", "table"}});
  html.element("caption", {{"class", "visually-hidden"}}, "Team members");
  html.open("thead").open("tr");
  for (const char* heading : {"Name", "Email", "Added"}) html.element("th", {{"scope", "col"}}, heading);
  html.open("th", {{"scope", "col"}}).element("span", {{"class", "visually-hidden"}}, "Actions").close("th");
  html.close("tr").close("thead").open("tbody");
  for (const auto& user : users) member_row(html, session, user);
  html.close("tbody").close("table");
}

void add_member_form(Html& html, const accounts::SessionContext& session, const SettingsView& view) {
  html.element("h3", {{"id", "add-member-title"}}, "Add member");
  html.open("form", {{"method", "post"},
                     {"action", "/settings/users"},
                     {"class", "form-grid"},
                     {"aria-labelledby", "add-member-title"}});
  csrf_input(html, session.csrf_token);
  text_field(html, {.name = "name",
                    .label = "Name",
                    .value = view.member_name,
                    .error = view.name_error,
                    .autocomplete = "off",
                    .id_prefix = "member-"});
  text_field(html, {.name = "email",
                    .label = "Email",
                    .value = view.member_email,
                    .type = "email",
                    .error = view.email_error,
                    .autocomplete = "off",
                    .id_prefix = "member-"});
  text_field(html, {.name = "password",
                    .label = "Password",
                    .type = "password",
                    .error = view.password_error,
                    .hint = "At least 10 characters. Give it to them privately.",
                    .autocomplete = "new-password",
                    .id_prefix = "member-"});
  submit(html, "Add member");
  html.close("form");
}

void team_card(Html& html, const Deps& deps, const accounts::SessionContext& session,
               const SettingsView& view) {
  card_start(html, "team-title", "Team members", "People who can sign in to this account's dashboard.");
  members_table(html, session, deps.accounts.list_users(session.account.id));
  add_member_form(html, session, view);
  html.close("section");
}

}  // namespace

std::string render_settings(const Deps& deps, const accounts::SessionContext& session,
                            const SettingsView& view) {
  Html html;
  page_heading(html, "Settings", "Your account, its add-ons and the people who can sign in.");
  if (!view.success.empty()) notice(html, Tone::success, view.success);
  if (!view.error.empty()) notice(html, Tone::error, view.error);
  account_card(html, session, view);
  addons_card(html, deps.accounts.has_addon(session.account.id, accounts::Addon::api));
  sharing_card(html, session, deps.platform.assessments.shares_reports(session.account.id));
  team_card(html, deps, session, view);
  return render_dashboard(deps, session, {"Settings", Section::settings, std::move(html).str()});
}

}  // namespace pinbridge::web
