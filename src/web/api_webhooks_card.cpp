// Settings › API: the webhooks card. Endpoints with their events and signing secret, a form to add
// one, and the delivery log (each attempt's status, duration and error).
#include <fmt/format.h>

#include "web/api_settings_page.hpp"
#include "web/components.hpp"

namespace pinbridge::web {
namespace {

std::string event_label(std::string_view type) {
  return type == api::webhook_candidate_joined ? "Candidate joined (invitation.started)"
                                               : "Assessment completed (assessment.completed)";
}

void endpoint_item(Html& html, const Deps& deps, const accounts::SessionContext& session,
                   const api::WebhookEndpoint& endpoint) {
  const std::string id = std::to_string(endpoint.id);
  html.open("li", {{"class", "card-item"}});
  html.element("p", {{"class", "webhook-url"}}, endpoint.url);
  std::string events;
  for (const auto& type : endpoint.event_types) events += (events.empty() ? "" : ", ") + event_label(type);
  html.element("p", {{"class", "muted"}}, "Events: " + events);
  const auto secret = deps.platform.webhooks->secret(endpoint);
  html.open("details").element("summary", "Signing secret");
  html.open("div", {{"class", "copy-row"}});
  html.empty("input", {{"type", "text"},
                       {"id", "webhook-secret-" + id},
                       {"readonly", "readonly"},
                       {"value", secret ? secret->reveal() : "(unreadable)"},
                       {"aria-label", "Signing secret"}});
  html.element("button",
               {{"type", "button"},
                {"class", "button button-secondary button-small"},
                {"data-copy", "#webhook-secret-" + id},
                {"aria-label", "Copy the signing secret"}},
               "Copy");
  html.close("div").close("details");
  html.open("form", {{"method", "post"},
                     {"action", "/settings/api/webhooks/" + id + "/remove"},
                     {"data-confirm", "Remove the webhook to " + endpoint.url + "?"}});
  csrf_input(html, session.csrf_token);
  html.element("button", {{"type", "submit"}, {"class", "button button-danger button-small"}}, "Remove");
  html.close("form").close("li");
}

void endpoint_form(Html& html, const accounts::SessionContext& session, const ApiSettingsView& view) {
  html.element("h3", {{"id", "add-webhook-title"}}, "Add endpoint");
  html.open("form", {{"method", "post"},
                     {"action", "/settings/api/webhooks"},
                     {"class", "form-stack"},
                     {"aria-labelledby", "add-webhook-title"}});
  csrf_input(html, session.csrf_token);
  text_field(html, {.name = "url",
                    .label = "Endpoint URL",
                    .value = view.webhook_url,
                    .type = "url",
                    .error = view.webhook_error,
                    .hint = "An https:// address on the public internet.",
                    .id_prefix = "webhook-"});
  html.open("fieldset").element("legend", "Events");
  for (const auto type : api::webhook_event_types) {
    const std::string field_id = "webhook-event-" + std::string(type);
    html.open("label", {{"for", field_id}});
    html.empty("input", {{"type", "checkbox"},
                         {"id", field_id},
                         {"name", "event:" + std::string(type)},
                         {"value", "on"},
                         {"checked", "checked"}});
    html.text(" " + event_label(type)).close("label");
  }
  html.close("fieldset");
  html.open("div", {{"class", "form-actions"}});
  html.element("button", {{"type", "submit"}, {"class", "button button-primary"}}, "Add endpoint");
  html.close("div").close("form");
}

void attempts_table(Html& html, const std::vector<api::WebhookAttempt>& attempts) {
  html.element("h3", "Recent deliveries");
  if (attempts.empty()) {
    html.element("p", {{"class", "muted"}}, "No deliveries yet.");
    return;
  }
  html.open("table", {{"class", "table"}});
  html.element("caption", {{"class", "visually-hidden"}}, "Webhook delivery attempts");
  html.open("thead").open("tr");
  for (const char* heading : {"When", "Message", "Event", "Attempt", "Result", "Duration"})
    html.element("th", {{"scope", "col"}}, heading);
  html.close("tr").close("thead").open("tbody");
  for (const auto& a : attempts) {
    const std::string result =
        a.succeeded ? "HTTP " + std::to_string(a.status_code.value_or(0)) : a.error.value_or("failed");
    html.open("tr")
        .element("td", format_date(a.created_at))
        .element("td", a.message_id)
        .element("td", a.event_type);
    html.element("td", std::to_string(a.attempt));
    html.element("td", {{"class", a.succeeded ? "badge badge-on" : "badge badge-off"}}, result);
    html.element("td", std::to_string(a.duration_ms) + " ms").close("tr");
  }
  html.close("tbody").close("table");
}

}  // namespace

void render_webhooks_card(Html& html, const Deps& deps, const accounts::SessionContext& session,
                          const ApiSettingsView& view) {
  html.open("section", {{"class", "card"}, {"aria-labelledby", "webhooks-title"}});
  html.element("h2", {{"id", "webhooks-title"}}, "Webhooks");
  html.element("p", {{"class", "card-description"}},
               "We POST JSON to your endpoints when a candidate joins and when an assessment is completed, "
               "signed the Standard Webhooks way (webhook-id, webhook-timestamp, webhook-signature). "
               "Failed deliveries are retried with backoff.");
  const auto endpoints = deps.platform.webhooks->list(session.account.id);
  if (endpoints.empty()) html.element("p", {{"class", "muted"}}, "No endpoints yet.");
  html.open("ul", {{"class", "plain-list"}});
  for (const auto& endpoint : endpoints) endpoint_item(html, deps, session, endpoint);
  html.close("ul");
  endpoint_form(html, session, view);
  attempts_table(html, deps.platform.webhooks->attempts(session.account.id, 50));
  html.close("section");
}

}  // namespace pinbridge::web
