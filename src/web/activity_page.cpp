// The Activity section: what Pinpoint sent us (webhook deliveries: verified or not, duplicates, and
// what processing made of them) and every call we made to Pinpoint, newest first, filtered and
// paged. Each kind of activity is a tab; workflow runs and plugin callbacks join as more entries
// in `tabs`. Every query is scoped to the session's account.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <nlohmann/json.hpp>
#include <vector>

#include "web/components.hpp"
#include "web/page_support.hpp"
#include "web/security.hpp"

namespace pinbridge::web {
namespace {

using accounts::SessionContext;
using automations::CallFilter;
using automations::DeliveryFilter;
using automations::DeliveryRecord;
using automations::LoggedCall;

constexpr int page_size = 50;

// "2024-11-29 14:05:09 UTC": deliveries and calls come seconds apart, so lists show the seconds.
std::string format_time(Timestamp when) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(when);
  const std::chrono::hh_mm_ss time(seconds - std::chrono::floor<std::chrono::days>(seconds));
  return fmt::format("{} {:02}:{:02}:{:02} UTC", format_date(when), time.hours().count(),
                     time.minutes().count(), time.seconds().count());
}

// A query parameter's value; nullopt when it is absent or empty (a form's "All" choice).
std::optional<std::string> query_value(const http::Request& request, const std::string& name) {
  const auto it = request.query.find(name);
  if (it == request.query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

int page_of(const http::Request& request) {
  return parse_int(query_value(request, "page").value_or("1"), 1, 1000000).value_or(1);
}

struct Choice {
  std::string value;  // "" for the choice that filters nothing
  std::string label;
};

void filter_select(Html& html, std::string_view name, std::string_view label,
                   const std::vector<Choice>& choices, std::string_view selected) {
  const std::string id = fmt::format("filter-{}", name);
  html.element("label", {{"for", id}}, label);
  html.open("select", {{"id", id}, {"name", name}});
  for (const auto& choice : choices)
    html.element("option",
                 {{"value", choice.value}, {choice.value == selected ? "selected" : "", "selected"}},
                 choice.label);
  html.close("select");
}

void filter_buttons(Html& html, bool filtered, std::string_view clear_href) {
  html.element("button", {{"type", "submit"}, {"class", "button button-secondary button-small"}}, "Filter");
  if (filtered) html.element("a", {{"href", clear_href}}, "Clear filters");
}

// "Newer" and "Older" around "Page 2 of 7 (312 deliveries)"; url_for(page) is each page's link.
template <typename UrlFor>
void pager(Html& html, int page, std::int64_t total, std::string_view noun, const UrlFor& url_for) {
  const auto pages = std::max<std::int64_t>(1, (total + page_size - 1) / page_size);
  html.open("nav", {{"class", "pager"}, {"aria-label", "Pages"}});
  if (page > 1) html.element("a", {{"href", url_for(page - 1)}, {"rel", "prev"}}, "Newer");
  html.element("span", fmt::format("Page {} of {} ({} {})", page, pages, total, noun));
  if (page < pages) html.element("a", {{"href", url_for(page + 1)}, {"rel", "next"}}, "Older");
  html.close("nav");
}

void table_head(Html& html, std::string_view caption, std::initializer_list<std::string_view> headings) {
  html.open("table", {{"class", "table card-table"}});
  html.element("caption", {{"class", "visually-hidden"}}, caption);
  html.open("thead").open("tr");
  for (const auto heading : headings) html.element("th", {{"scope", "col"}}, heading);
  html.close("tr").close("thead").open("tbody");
}

// --- Webhook deliveries ---------------------------------------------------------------------------

std::string deliveries_url(const DeliveryFilter& filter, int page) {
  std::string url = fmt::format("/activity?page={}", page);
  if (filter.event) url += "&event=" + url_encode(*filter.event);
  if (filter.outcome) url += "&outcome=" + *filter.outcome;
  if (filter.verified) url += *filter.verified ? "&verified=yes" : "&verified=no";
  return url;
}

DeliveryFilter delivery_filter(const http::Request& request) {
  DeliveryFilter filter;
  filter.event = query_value(request, "event");
  const auto outcome = query_value(request, "outcome");
  if (outcome &&
      std::ranges::find(automations::delivery_outcomes, *outcome) != automations::delivery_outcomes.end())
    filter.outcome = outcome;
  const auto verified = query_value(request, "verified");
  if (verified == "yes" || verified == "no") filter.verified = verified == "yes";
  return filter;
}

bool is_filtered(const DeliveryFilter& filter) {
  return filter.event || filter.outcome || filter.verified;
}

// The events seen lately, plus the one filtered on when it is older than those.
std::vector<Choice> event_choices(std::vector<std::string> events, const DeliveryFilter& filter) {
  if (filter.event && std::ranges::find(events, *filter.event) == events.end())
    events.push_back(*filter.event);
  std::vector<Choice> choices{{"", "All"}};
  for (const auto& event : events) choices.push_back({event, event});
  return choices;
}

void delivery_filters(Html& html, const std::vector<Choice>& events, const DeliveryFilter& filter) {
  html.open("form", {{"method", "get"}, {"action", "/activity"}, {"class", "filter-bar"}});
  filter_select(html, "event", "Event", events, filter.event.value_or(""));
  filter_select(html, "verified", "Signature", {{"", "Any"}, {"yes", "Verified"}, {"no", "Unverified"}},
                filter.verified ? (*filter.verified ? "yes" : "no") : "");
  std::vector<Choice> outcomes{{"", "All"}};
  for (const auto outcome : automations::delivery_outcomes)
    outcomes.push_back({std::string(outcome), std::string(outcome)});
  filter_select(html, "outcome", "Outcome", outcomes, filter.outcome.value_or(""));
  filter_buttons(html, is_filtered(filter), "/activity");
  html.close("form");
}

void signature_badge(Html& html, bool verified) {
  html.element("span", {{"class", verified ? "badge badge-verified" : "badge badge-unverified"}},
               verified ? "Verified" : "Unverified");
}

void outcome_badge(Html& html, std::string_view outcome) {
  html.element("span", {{"class", fmt::format("badge badge-status badge-{}", outcome)}}, outcome);
}

void delivery_row(Html& html, const DeliveryRecord& delivery) {
  html.open("tr").element("td", format_time(delivery.received_at)).open("td");
  html.element("a", {{"href", fmt::format("/activity/deliveries/{}", delivery.id)}}, delivery.event);
  html.close("td").open("td");
  signature_badge(html, delivery.verified);
  html.close("td").open("td");
  if (delivery.duplicate) {
    html.element("span", {{"class", "badge badge-status badge-duplicate"}}, "Duplicate");
  } else {
    html.text("No");
  }
  html.close("td").open("td");
  outcome_badge(html, delivery.outcome);
  if (delivery.outcome_detail) html.element("span", {{"class", "cell-sub"}}, *delivery.outcome_detail);
  html.close("td").close("tr");
}

void deliveries_tab(Html& html, const AutomationsServices& services, const http::Request& request,
                    std::int64_t account_id) {
  const auto filter = delivery_filter(request);
  const int page = page_of(request);
  const auto total = services.deliveries.count(account_id, filter);
  if (total == 0 && !is_filtered(filter)) {
    empty_state(html, "No deliveries yet",
                "Connect Pinpoint under Integrations and create the webhook; Pinpoint's test event shows up "
                "here, with whether its signature was verified and what we did with it.");
    return;
  }
  delivery_filters(html, event_choices(services.deliveries.recent_events(account_id), filter), filter);
  if (total == 0) {
    empty_state(html, "No deliveries match these filters",
                "Deliveries that match appear here as they arrive. Clear the filters to see them all.");
    return;
  }
  table_head(html, "Webhook deliveries, newest first",
             {"Received", "Event", "Signature", "Duplicate", "Outcome"});
  for (const auto& delivery : services.deliveries.list(account_id, filter, page_size, (page - 1) * page_size))
    delivery_row(html, delivery);
  html.close("tbody").close("table");
  pager(html, page, total, total == 1 ? "delivery" : "deliveries",
        [&filter](int to) { return deliveries_url(filter, to); });
}

// --- Calls to Pinpoint ----------------------------------------------------------------------------

CallFilter call_filter(const http::Request& request) {
  const auto result = query_value(request, "result");
  if (result == "failed") return CallFilter::failed;
  if (result == "succeeded") return CallFilter::succeeded;
  return CallFilter::all;
}

std::string_view filter_name(CallFilter filter) {
  switch (filter) {
    case CallFilter::failed:
      return "failed";
    case CallFilter::succeeded:
      return "succeeded";
    case CallFilter::all:
      break;
  }
  return "";
}

std::string calls_url(CallFilter filter, int page) {
  std::string url = fmt::format("/activity?tab=calls&page={}", page);
  if (filter != CallFilter::all) url += fmt::format("&result={}", filter_name(filter));
  return url;
}

void call_filters(Html& html, CallFilter filter) {
  html.open("form", {{"method", "get"}, {"action", "/activity"}, {"class", "filter-bar"}});
  html.empty("input", {{"type", "hidden"}, {"name", "tab"}, {"value", "calls"}});
  filter_select(html, "result", "Result", {{"", "All"}, {"failed", "Failed"}, {"succeeded", "Succeeded"}},
                filter_name(filter));
  filter_buttons(html, filter != CallFilter::all, "/activity?tab=calls");
  html.close("form");
}

// The HTTP status, or the transport's error when Pinpoint never answered (status 0).
void call_result(Html& html, const pinpoint::CallRecord& call) {
  if (call.status == 0) {
    html.element("span", {{"class", "badge badge-status badge-failed"}}, "No answer");
    html.element("span", {{"class", "cell-sub"}}, call.error);
    return;
  }
  const bool failed = call.status >= 400;
  html.element("span",
               {{"class", failed ? "badge badge-status badge-failed" : "badge badge-status badge-processed"}},
               std::to_string(call.status));
}

void call_row(Html& html, const LoggedCall& logged) {
  const auto& call = logged.call;
  html.open("tr").element("td", format_time(call.started_at)).element("td", call.method);
  html.open("td").element("code", {{"class", "activity-path"}}, call.path).close("td").open("td");
  call_result(html, call);
  html.close("td").element("td", fmt::format("{} ms", call.duration.count()));
  html.element("td", std::to_string(call.attempt)).close("tr");
}

void calls_tab(Html& html, const AutomationsServices& services, const http::Request& request,
               std::int64_t account_id) {
  const auto filter = call_filter(request);
  const int page = page_of(request);
  const auto total = services.calls.count(account_id, filter);
  if (total == 0 && filter == CallFilter::all) {
    empty_state(html, "No calls to Pinpoint yet",
                "Each request we make to Pinpoint (checking your API key, reading applications and jobs, "
                "moving stages) is listed here with its status and duration. The API key is never recorded.");
    return;
  }
  call_filters(html, filter);
  if (total == 0) {
    empty_state(html, filter == CallFilter::failed ? "No failed calls" : "No successful calls",
                "Calls that match appear here as they are made. Clear the filter to see them all.");
    return;
  }
  table_head(html, "Calls to Pinpoint, newest first",
             {"Started", "Method", "Path", "Result", "Duration", "Attempt"});
  for (const auto& call : services.calls.recent(account_id, page_size, (page - 1) * page_size, filter))
    call_row(html, call);
  html.close("tbody").close("table");
  pager(html, page, total, total == 1 ? "call" : "calls", [filter](int to) { return calls_url(filter, to); });
}

// --- Result callbacks to Pinpoint (the plugin) ------------------------------------------------------

void callback_result(Html& html, const plugin::CallbackAttempt& attempt) {
  if (!attempt.status_code) {
    html.element("span", {{"class", "badge badge-status badge-failed"}}, "No answer");
  } else {
    html.element("span",
                 {{"class", attempt.succeeded ? "badge badge-status badge-processed"
                                              : "badge badge-status badge-failed"}},
                 std::to_string(*attempt.status_code));
  }
  if (attempt.error) html.element("span", {{"class", "cell-sub"}}, *attempt.error);
}

void callback_row(Html& html, const plugin::CallbackAttempt& attempt) {
  html.open("tr").element("td", format_time(attempt.created_at)).open("td");
  html.element("a", {{"href", fmt::format("/invitations/{}", attempt.invitation_id)}},
               fmt::format("Invitation {}", attempt.invitation_id));
  html.close("td").open("td").element("code", attempt.event).close("td");
  html.open("td").element("code", {{"class", "activity-path"}}, attempt.url).close("td").open("td");
  callback_result(html, attempt);
  html.close("td").element("td", fmt::format("{} ms", attempt.duration_ms));
  html.element("td", std::to_string(attempt.attempt)).close("tr");
}

void callbacks_tab(Html& html, const AutomationsServices& services, const http::Request& request,
                   std::int64_t account_id) {
  if (!services.plugin) {
    empty_state(html, "No plugin callbacks", "The Pinpoint Plugin is not available on this server.");
    return;
  }
  auto& log = services.plugin->callbacks;
  const int page = page_of(request);
  const auto total = log.count(account_id);
  if (total == 0) {
    empty_state(html, "No plugin callbacks yet",
                "When a candidate invited from Pinpoint starts, completes, expires or is cancelled, we tell "
                "Pinpoint; each attempt is listed here with Pinpoint's answer.");
    return;
  }
  table_head(html, "Result callbacks to Pinpoint, newest first",
             {"Sent", "Invitation", "Event", "URL", "Result", "Duration", "Attempt"});
  for (const auto& attempt : log.recent(account_id, page_size, (page - 1) * page_size))
    callback_row(html, attempt);
  html.close("tbody").close("table");
  pager(html, page, total, total == 1 ? "attempt" : "attempts",
        [](int to) { return fmt::format("/activity?tab=plugin&page={}", to); });
}

// --- The page ---------------------------------------------------------------------------------------

struct Tab {
  std::string_view key;  // the ?tab= value; the first tab is the page without one
  std::string_view label;
  void (*render)(Html&, const AutomationsServices&, const http::Request&, std::int64_t account_id);
};

constexpr std::array<Tab, 3> tabs{{
    {"", "Webhook deliveries", deliveries_tab},
    {"calls", "Calls to Pinpoint", calls_tab},
    {"plugin", "Plugin callbacks", callbacks_tab},
}};

// The tab the request names; the first one for none or an unknown name.
const Tab& current_tab(const http::Request& request) {
  const auto key = query_value(request, "tab").value_or("");
  const auto found = std::ranges::find(tabs, std::string_view(key), &Tab::key);
  return found == tabs.end() ? tabs.front() : *found;
}

void tab_nav(Html& html, const Tab& current) {
  html.open("nav", {{"class", "tabs"}, {"aria-label", "Activity"}});
  for (const auto& tab : tabs) {
    const std::string href = tab.key.empty() ? "/activity" : fmt::format("/activity?tab={}", tab.key);
    html.element("a", {{"class", "tab"}, {"href", href}, {&tab == &current ? "aria-current" : "", "page"}},
                 tab.label);
  }
  html.close("nav");
}

http::Response activity_page(const Deps& deps, const http::Request& request, const SessionContext& session) {
  Html html;
  page_heading(html, "Activity", "What Pinpoint sent us and every call we made to it, newest first.");
  if (!deps.automations) {
    notice(html, Tone::info,
           "Pinpoint Automations are not running on this server, so there is no Pinpoint activity to show.");
  } else {
    if (!deps.accounts.has_addon(session.account.id, accounts::Addon::api)) {
      notice(
          html, Tone::info,
          "The API add-on is not enabled for this account, and the Pinpoint integration needs it: ask your "
          "operator to enable it. Activity recorded so far stays listed here.");
    }
    const Tab& tab = current_tab(request);
    tab_nav(html, tab);
    html.open("div", {{"class", "tab-panel"}});
    tab.render(html, *deps.automations, request, session.account.id);
    html.close("div");
  }
  return html_response(
      200, render_dashboard(deps, session, {"Activity", Section::activity, std::move(html).str()}));
}

// --- One delivery ---------------------------------------------------------------------------------

std::string_view outcome_meaning(std::string_view outcome) {
  if (outcome == "pending") return "Stored; waiting to be processed.";
  if (outcome == "duplicate")
    return "The same body as an earlier delivery (a retry or a replay): nothing was done.";
  if (outcome == "ignored") return "An event Pinpoint Automations do not act on: stored, nothing was done.";
  if (outcome == "processed") return "Processed: the application's details were read from Pinpoint.";
  if (outcome == "retrying") return "Pinpoint was busy or out of reach; processing will try again.";
  if (outcome == "failed") return "Processing failed and will not try again.";
  return "";
}

void delivery_details(Html& html, const DeliveryRecord& delivery) {
  html.open("dl", {{"class", "details"}});
  html.element("dt", "Received").element("dd", format_time(delivery.received_at));
  html.element("dt", "Event").open("dd").element("code", delivery.event).close("dd");
  html.element("dt", "Signature").open("dd");
  signature_badge(html, delivery.verified);
  html.text(delivery.verified ? "Signed with your Pinpoint webhook's signing secret."
                              : "No signing secret was set when it arrived, so it could not be checked.");
  html.close("dd").element("dt", "Outcome").open("dd");
  outcome_badge(html, delivery.outcome);
  html.text(outcome_meaning(delivery.outcome));
  if (delivery.outcome_detail) html.element("span", {{"class", "cell-sub"}}, *delivery.outcome_detail);
  html.close("dd");
  if (delivery.processed_at)
    html.element("dt", "Processed").element("dd", format_time(*delivery.processed_at));
  html.close("dl");
}

// Pretty-printed when it is JSON, as it always is once stored; verbatim otherwise.
std::string readable_body(const std::string& body) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  return json.is_discarded() ? body : json.dump(2);
}

http::Response delivery_page(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const auto id = parse_id(request.path_param("id"));
  // Another account's delivery reads exactly like a missing one.
  const auto delivery =
      id && deps.automations ? deps.automations->deliveries.find(session.account.id, *id) : std::nullopt;
  if (!delivery) return dashboard_not_found(deps, session, Section::activity, "delivery", "/activity");
  Html html;
  html.element("a", {{"class", "back-link"}, {"href", "/activity"}}, "← Activity");
  page_heading(html, "Webhook delivery",
               fmt::format("{}, received {}", delivery->event, format_time(delivery->received_at)));
  html.open("section", {{"class", "card"}, {"aria-label", "Delivery"}});
  delivery_details(html, *delivery);
  html.element("h2", "Payload");
  html.element("p", {{"class", "card-description"}},
               "As Pinpoint sent it. Pinpoint's payloads name the application, job and stage by id only.");
  html.element("pre", {{"class", "email-body"}}, readable_body(delivery->body));
  html.close("section");
  return html_response(
      200, render_dashboard(deps, session, {"Webhook delivery", Section::activity, std::move(html).str()}));
}

}  // namespace

void add_activity_routes(http::Router& router, const DepsPtr& deps) {
  router.get("/activity", signed_in_page(deps, bind(deps, activity_page)));
  router.get("/activity/deliveries/{id}", signed_in_page(deps, bind(deps, delivery_page)));
}

}  // namespace pinbridge::web
