#include "web/integrations_page.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <cctype>
#include <map>

#include "automations/webhook_routes.hpp"
#include "web/components.hpp"
#include "web/layout.hpp"
#include "web/page_support.hpp"
#include "web/plugin_pages.hpp"

namespace pinbridge::web {
namespace {

using accounts::SessionContext;
using automations::PinpointConnection;

std::string action(std::string_view name) {
  return std::string(pinpoint_actions_path) + std::string(name);
}

void submit_button(Html& html, std::string_view label, std::string_view kind = "button-primary") {
  html.element("button", {{"type", "submit"}, {"class", fmt::format("button {}", kind)}}, label);
}

// A form with a single button, for the actions that need no input; `confirm` asks first.
void button_form(Html& html, const SessionContext& session, std::string_view name, std::string_view label,
                 std::string_view kind, std::string_view confirm = {}) {
  const std::string target = action(name);
  html.open("form",
            {{"method", "post"}, {"action", target}, {confirm.empty() ? "" : "data-confirm", confirm}});
  csrf_input(html, session.csrf_token);
  submit_button(html, label, kind);
  html.close("form");
}

// The wizard's three steps, the current one marked for screen readers too.
void progress(Html& html, int current) {
  static constexpr std::array<std::string_view, 3> steps{"Connect Pinpoint", "Create the webhook", "Done"};
  html.open("ol", {{"class", "steps"}, {"aria-label", "Set-up steps"}});
  for (int i = 0; i < static_cast<int>(steps.size()); ++i) {
    const bool here = i + 1 == current;
    html.element(
        "li", {{"class", i + 1 < current ? "step step-done" : "step"}, {here ? "aria-current" : "", "step"}},
        steps.at(static_cast<std::size_t>(i)));
  }
  html.close("ol");
}

std::string capitalized(std::string_view word) {
  std::string out(word);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

void required_permissions(Html& html) {
  html.open("ul", {{"class", "permission-list"}});
  for (const auto& spec : pinpoint::required_permissions())
    html.element("li", fmt::format("{}: {}", spec.category, capitalized(pinpoint::access_name(spec.needed))));
  html.close("ul");
}

// Every permission with what the key has, so the recruiter fixes all the missing ones at once.
void permission_table(Html& html, const pinpoint::PermissionReport& report) {
  html.open("table", {{"class", "table permission-table"}});
  html.element("caption", "Permissions of the key you entered");
  html.open("thead").open("tr");
  for (const auto* heading : {"Permission", "Needed", "This key has", ""})
    html.element("th", {{"scope", "col"}}, heading);
  html.close("tr").close("thead").open("tbody");
  for (const auto& check : report.checks) {
    html.open("tr", {{"class", check.ok() ? "" : "row-missing"}});
    html.element("th", {{"scope", "row"}}, check.category);
    html.element("td", capitalized(pinpoint::access_name(check.needed)));
    html.element("td", capitalized(pinpoint::access_name(check.granted)));
    html.open("td");
    html.element("span", {{"class", check.ok() ? "badge badge-on" : "badge badge-fail"}},
                 check.ok() ? "OK" : "Missing");
    html.close("td").close("tr");
  }
  html.close("tbody").close("table");
}

void connect_form(Html& html, const SessionContext& session, const IntegrationsView& view,
                  const std::optional<PinpointConnection>& connection) {
  html.element("h3", view.replacing_key ? "Replace the API key" : "Connect your Pinpoint account");
  html.element("p",
               "In Pinpoint, open Settings → API & Webhooks → API Keys and create a key with these "
               "permissions:");
  required_permissions(html);
  if (view.permissions) permission_table(html, *view.permissions);
  html.open("form", {{"method", "post"}, {"action", action("connect")}, {"class", "form-stack"}});
  csrf_input(html, session.csrf_token);
  const std::string subdomain = !view.subdomain.empty() ? view.subdomain
                                : connection            ? connection->subdomain
                                                        : std::string();
  text_field(
      html, {.name = "subdomain",
             .label = "Pinpoint subdomain",
             .value = subdomain,
             .error = view.subdomain_error,
             .hint = "The first part of your Pinpoint address: for https://acme.pinpointhq.com enter acme."});
  text_field(html, {.name = "api_key",
                    .label = "API key",
                    .type = "password",
                    .error = view.key_error,
                    .hint = "We check it against Pinpoint now, then store it encrypted. It is never shown "
                            "again; only its last four characters are."});
  html.open("div", {{"class", "form-actions"}});
  submit_button(html, "Continue");
  if (view.replacing_key)
    html.element("a", {{"class", "button button-secondary"}, {"href", integrations_path}}, "Cancel");
  html.close("div").close("form");
}

std::string webhook_url(const Deps& deps, const PinpointConnection& connection) {
  return deps.platform.links.absolute(std::string(automations::webhook_path_prefix) +
                                      connection.webhook_token);
}

void webhook_details(Html& html, const Deps& deps, const PinpointConnection& connection) {
  html.open("dl", {{"class", "details details-stacked"}});
  html.element("dt", "Endpoint URL");
  html.open("dd");
  copyable(html, "webhook-url", webhook_url(deps, connection), "Copy the Endpoint URL");
  html.close("dd");
  html.element("dt", "Events to tick");
  html.open("dd").open("ul", {{"class", "event-list"}});
  html.element("li", "New application");
  html.element("li", "Application stage changed");
  html.open("li").text("Applicant hired ").element("span", {{"class", "muted"}}, "(optional)").close("li");
  html.close("ul").close("dd").close("dl");
}

void connection_summary(Html& html, const PinpointConnection& connection) {
  html.open("dl", {{"class", "details"}});
  html.element("dt", "Address").open("dd");
  const std::string site = fmt::format("https://{}.pinpointhq.com", connection.subdomain);
  html.element("a", {{"href", site}, {"rel", "noopener"}, {"target", "_blank"}}, site).close("dd");
  html.element("dt", "API key").element("dd", connection.api_key_hint);
  html.element("dt", "Connected since").element("dd", format_datetime(connection.created_at));
  html.close("dl");
}

void webhook_step(Html& html, const Deps& deps, const SessionContext& session,
                  const PinpointConnection& connection, const IntegrationsView& view) {
  connection_summary(html, connection);
  html.element("h3", "Create the webhook in Pinpoint");
  html.element("p",
               "In Pinpoint, open Settings → API & Webhooks → Webhooks and add a webhook with these details. "
               "Enter the URL exactly as shown.");
  webhook_details(html, deps, connection);
  html.open("form", {{"method", "post"}, {"action", action("webhook")}, {"class", "form-stack"}});
  csrf_input(html, session.csrf_token);
  text_field(html, {.name = "signing_secret",
                    .label = "Signing secret",
                    .type = "password",
                    .hint = "Pinpoint shows it on the webhook's page. With it we verify every delivery; "
                            "without it deliveries are accepted but marked unverified.",
                    .required = false});
  html.open("div", {{"class",
                     view.webhook_error.empty() ? "field field-check" : "field field-check field-invalid"}});
  html.open("label");
  html.empty("input", {{"type", "checkbox"},
                       {"name", "created"},
                       {"value", "yes"},
                       {view.webhook_error.empty() ? "" : "aria-invalid", "true"},
                       {view.webhook_error.empty() ? "" : "aria-describedby", "created-error"}});
  html.text(" I created the webhook in Pinpoint").close("label");
  if (!view.webhook_error.empty())
    html.element("p", {{"class", "field-error"}, {"id", "created-error"}}, view.webhook_error);
  html.close("div");
  html.open("div", {{"class", "form-actions"}});
  submit_button(html, "Continue");
  html.close("div").close("form");
}

void subsection_start(Html& html, std::string_view id, std::string_view title) {
  html.open("section", {{"class", "subsection"}, {"aria-labelledby", id}});
  html.element("h3", {{"id", id}}, title);
}

void account_section(Html& html, const SessionContext& session, const PinpointConnection& connection) {
  subsection_start(html, "pinpoint-account-title", "Pinpoint account");
  connection_summary(html, connection);
  html.open("div", {{"class", "button-row"}});
  html.element("a", {{"class", "button button-secondary"}, {"href", "/integrations?replace=key"}},
               "Replace the API key");
  button_form(html, session, "disconnect", "Disconnect", "button-danger",
              "Disconnect from Pinpoint? The API key and signing secret are deleted, and deliveries to the "
              "Endpoint URL are refused.");
  html.close("div").close("section");
}

void live_indicator(Html& html, const PinpointConnection& connection) {
  const auto status = delivery_status(connection);
  html.element("p",
               {{"class", "delivery-status delivery-" + status.tone},
                {"id", "delivery-status"},
                {"role", "status"},
                {"data-status-url", action("status")}},
               status.text);
}

void webhook_section(Html& html, const Deps& deps, const SessionContext& session,
                     const PinpointConnection& connection) {
  subsection_start(html, "pinpoint-webhook-title", "Webhook");
  live_indicator(html, connection);
  webhook_details(html, deps, connection);
  html.open("form", {{"method", "post"}, {"action", action("signing-secret")}, {"class", "form-stack"}});
  csrf_input(html, session.csrf_token);
  text_field(html,
             {.name = "signing_secret",
              .label = connection.has_signing_secret ? "Replace the signing secret" : "Signing secret",
              .type = "password",
              .hint = connection.has_signing_secret
                          ? "Set: every delivery is verified. Paste a new one if you change it in Pinpoint."
                          : "Not set: deliveries are accepted but not verified. Paste the secret Pinpoint "
                            "shows on the webhook's page.",
              .id_prefix = "secret-"});
  html.open("div", {{"class", "form-actions"}});
  submit_button(html, "Save signing secret", "button-secondary");
  html.close("div").close("form");
  button_form(
      html, session, "rotate-url", "New Endpoint URL", "button-secondary",
      "Make a new Endpoint URL? Deliveries to the current one are refused at once, until you paste the "
      "new one into Pinpoint.");
  html.close("section");
}

// "1 job", "3 jobs".
std::string counted(std::size_t count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

void stages_section(Html& html, const Deps& deps, const SessionContext& session) {
  subsection_start(html, "pinpoint-stages-title", "Jobs and stages");
  auto& stages = deps.automations->stages;
  const auto known = stages.list(session.account.id);
  std::map<std::pair<std::string, pinpoint::Id>, std::vector<std::string>> by_job;  // by title, then id
  for (const auto& row : known) by_job[{row.job_title, row.job_id}].push_back(row.stage.name);
  const auto synced = stages.synced_at(session.account.id);
  html.element("p", synced ? fmt::format("{} with {}, read from Pinpoint {}.", counted(by_job.size(), "job"),
                                         counted(known.size(), "stage"), format_datetime(*synced))
                           : std::string("Not read from Pinpoint yet. Workflows pick jobs and stages from "
                                         "this list, so refresh it once Pinpoint has jobs."));
  button_form(html, session, "refresh-stages", "Refresh from Pinpoint", "button-secondary");
  if (!by_job.empty()) {
    html.open("table", {{"class", "table"}});
    html.element("caption", {{"class", "visually-hidden"}}, "Jobs and their stages");
    html.open("thead").open("tr");
    html.element("th", {{"scope", "col"}}, "Job").element("th", {{"scope", "col"}}, "Stages");
    html.close("tr").close("thead").open("tbody");
    for (const auto& [job, names] : by_job) {
      html.open("tr").element("th", {{"scope", "row"}}, job.first);
      html.element("td", fmt::format("{}", fmt::join(names, " → "))).close("tr");
    }
    html.close("tbody").close("table");
  }
  html.close("section");
}

void automations_tab(Html& html, const Deps& deps, const SessionContext& session,
                     const IntegrationsView& view) {
  if (!deps.accounts.has_addon(session.account.id, accounts::Addon::api)) {
    notice(html, Tone::info,
           "Pinpoint Automations need the API add-on, which is not enabled for this account. Ask your "
           "operator to enable it; nothing can be set up until then.");
    return;
  }
  if (!deps.automations) {
    notice(html, Tone::error, "Pinpoint Automations are not available on this server.");
    return;
  }
  const auto connection = deps.automations->connections.find(session.account.id);
  if (!connection || view.replacing_key) {
    progress(html, 1);
    connect_form(html, session, view, connection);
  } else if (!connection->webhook_confirmed_at) {
    progress(html, 2);
    webhook_step(html, deps, session, *connection, view);
  } else {
    account_section(html, session, *connection);
    webhook_section(html, deps, session, *connection);
    stages_section(html, deps, session);
  }
}

void integration_tabs(Html& html, bool plugin_tab) {
  html.open("nav", {{"class", "tabs"}, {"aria-label", "Pinpoint integration"}});
  html.element("a",
               {{"class", "tab"}, {"href", integrations_path}, {plugin_tab ? "" : "aria-current", "page"}},
               "Automations");
  html.element(
      "a",
      {{"class", "tab"}, {"href", "/integrations?tab=plugin"}, {plugin_tab ? "aria-current" : "", "page"}},
      "Pinpoint Plugin");
  html.close("nav");
}

}  // namespace

DeliveryStatus delivery_status(const PinpointConnection& connection) {
  if (!connection.last_delivery_at)
    return {"waiting",
            "No delivery has arrived yet. In Pinpoint, open the webhook and send a test event; it shows here "
            "within seconds."};
  const auto when = format_datetime(*connection.last_delivery_at);
  if (connection.last_delivery_verified.value_or(false))
    return {"verified", fmt::format("Last delivery received {}, signature verified.", when)};
  return {"unverified",
          fmt::format("Last delivery received {}, not verified: no signing secret is set.", when)};
}

std::string render_integrations(const Deps& deps, const SessionContext& session,
                                const IntegrationsView& view) {
  Html html;
  page_heading(html, "Integrations", "Connect your applicant tracking system.");
  if (!view.success.empty()) notice(html, Tone::success, view.success);
  if (!view.error.empty()) notice(html, Tone::error, view.error);
  html.open("section", {{"class", "card"}, {"aria-labelledby", "pinpoint-title"}});
  html.open("div", {{"class", "card-header"}});
  html.element("p", {{"class", "eyebrow"}}, "Applicant tracking system");
  html.element("h2", {{"id", "pinpoint-title"}}, "ATS → Pinpoint");
  html.close("div");
  integration_tabs(html, view.plugin_tab);
  html.open("div", {{"class", "tab-panel"}});
  if (view.plugin_tab)
    plugin_tab(html, deps, session, view.confirming_rotation);
  else
    automations_tab(html, deps, session, view);
  html.close("div").close("section");
  return render_dashboard(deps, session, {"Integrations", Section::integrations, std::move(html).str()});
}

}  // namespace pinbridge::web
