// One invitation: who, for what, its timeline, the candidate's link, the emails sent for it, its
// result versions, and the way to cancel it.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "web/components.hpp"
#include "web/invitation_pages.hpp"

namespace pinbridge::web {
namespace {

using accounts::SessionContext;
using assessments::Invitation;
using assessments::InvitationStatus;

constexpr std::array<std::pair<std::string_view, std::string_view>, 4> notices{{
    {"invited", "Invitation sent. The candidate's email is in the outbox below."},
    {"existing", "This candidate was already invited to this assessment; nothing new was sent."},
    {"cancelled", "Invitation cancelled. Its link no longer works."},
    {"not_cancellable", "Only an invitation that is invited or started can be cancelled."},
}};

void show_notice(Html& html, const http::Request& request) {
  const auto key = request.query.find("notice");
  if (key == request.query.end()) return;
  for (const auto& [name, text] : notices)
    if (name == key->second) notice(html, name == "not_cancellable" ? Tone::error : Tone::success, text);
}

void facts(Html& html, const Invitation& inv, const std::optional<assessments::Assessment>& assessment) {
  html.open("section", {{"class", "card"}, {"aria-labelledby", "facts-title"}});
  html.element("h2", {{"id", "facts-title"}}, "Invitation");
  html.open("dl", {{"class", "details"}});
  html.element("dt", "Candidate").element("dd", inv.candidate_name);
  html.element("dt", "Email").element("dd", inv.candidate_email);
  html.element("dt", "Assessment").open("dd");
  if (assessment)
    html.element("a", {{"href", fmt::format("/assessments/{}", assessment->id)}}, assessment->content.name);
  html.close("dd").element("dt", "Status").open("dd");
  status_badge(html, inv.status);
  html.close("dd");
  html.element("dt", "Source").element("dd", assessments::source_name(inv.source));
  if (!inv.external_ref.empty()) html.element("dt", "External reference").element("dd", inv.external_ref);
  html.element("dt", "Link expires").element("dd", format_datetime(inv.expires_at));
  html.close("dl").close("section");
}

void timeline(Html& html, const Invitation& inv) {
  std::vector<std::pair<Timestamp, std::string>> events{{inv.created_at, "Invited"}};
  const auto add = [&](const std::optional<Timestamp>& when, std::string label) {
    if (when) events.emplace_back(*when, std::move(label));
  };
  add(inv.reminded_at, "Reminder sent");
  add(inv.started_at, "Started");
  add(inv.submitted_at, "Submitted");
  add(inv.completed_at, "Completed (graded)");
  add(inv.expired_at, "Expired");
  add(inv.cancelled_at, "Cancelled");
  std::stable_sort(events.begin(), events.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  html.open("section", {{"class", "card"}, {"aria-labelledby", "timeline-title"}});
  html.element("h2", {{"id", "timeline-title"}}, "Timeline");
  html.open("ol", {{"class", "timeline"}});
  for (const auto& [when, label] : events) {
    html.open("li").element("strong", label).text(" ");
    html.element("time", {{"datetime", format_datetime(when)}}, format_datetime(when)).close("li");
  }
  html.close("ol").close("section");
}

void candidate_link(Html& html, const Deps& deps, const SessionContext& session, const Invitation& inv) {
  const auto link = deps.platform.invitations.candidate_link(session.account.id, inv.id);
  html.open("section", {{"class", "card"}, {"aria-labelledby", "link-title"}});
  html.element("h2", {{"id", "link-title"}}, "Candidate link");
  const bool usable = inv.status == InvitationStatus::invited || inv.status == InvitationStatus::started;
  html.element("p", {{"class", "card-description"}, {"id", "candidate-link-hint"}},
               usable ? "Private to this candidate and good for one attempt. It was emailed to them; you can "
                        "also copy it."
                      : "This link can no longer be used to take the assessment.");
  html.open("div", {{"class", "copy-row"}});
  html.element("label", {{"for", "candidate-link"}, {"class", "visually-hidden"}}, "Candidate link");
  html.empty("input", {{"id", "candidate-link"},
                       {"type", "text"},
                       {"readonly", "readonly"},
                       {"value", link.value_or("")},
                       {"aria-describedby", "candidate-link-hint"}});
  html.element("button",
               {{"type", "button"},
                {"class", "button button-secondary button-small"},
                {"data-copy", "#candidate-link"}},
               "Copy link");
  html.close("div").close("section");
}

void emails(Html& html, const Deps& deps, const SessionContext& session, const Invitation& inv) {
  html.open("section", {{"class", "card"}, {"aria-labelledby", "emails-title"}});
  html.element("h2", {{"id", "emails-title"}}, "Emails");
  html.open("table", {{"class", "table"}});
  html.open("thead").open("tr");
  for (const char* h : {"Subject", "To", "Kind", "Status", "Queued"})
    html.element("th", {{"scope", "col"}}, h);
  html.close("tr").close("thead").open("tbody");
  for (const auto& e : deps.platform.outbox.for_invitation(session.account.id, inv.id)) {
    html.open("tr").open("td");
    html.element("a", {{"href", fmt::format("/invitations/outbox/{}", e.id)}}, e.email.subject).close("td");
    html.element("td", e.email.to_address).element("td", e.email.kind);
    html.element("td", mail::status_name(e.status)).element("td", format_datetime(e.created_at));
    html.close("tr");
  }
  html.close("tbody").close("table").close("section");
}

void results(Html& html, const Deps& deps, const SessionContext& session, const Invitation& inv) {
  const auto versions = deps.platform.invitations.results(session.account.id, inv.id);
  html.open("section", {{"class", "card"}, {"aria-labelledby", "results-title"}});
  html.element("h2", {{"id", "results-title"}}, "Results");
  if (versions.empty()) {
    html.element("p", {{"class", "muted"}}, "No result yet: it appears once the candidate has submitted.");
    html.close("section");
    return;
  }
  html.element("a",
               {{"class", "button button-primary"}, {"href", fmt::format("/invitations/{}/report", inv.id)}},
               "Open report");
  html.open("table", {{"class", "table"}});
  html.element("caption", {{"class", "visually-hidden"}}, "Result versions");
  html.open("thead").open("tr");
  for (const char* h : {"Version", "Score", "Outcome", "Why", "When"})
    html.element("th", {{"scope", "col"}}, h);
  html.close("tr").close("thead").open("tbody");
  for (const auto& r : versions) {
    html.open("tr").element("td", std::to_string(r.version)).element("td", fmt::format("{}%", r.grade.score));
    html.element("td", r.grade.passed ? "Passed" : "Failed").element("td", r.reason);
    html.element("td", format_datetime(r.created_at)).close("tr");
  }
  html.close("tbody").close("table").close("section");
}

void cancel_form(Html& html, const SessionContext& session, const Invitation& inv) {
  if (inv.status != InvitationStatus::invited && inv.status != InvitationStatus::started) return;
  html.open("form", {{"method", "post"},
                     {"action", fmt::format("/invitations/{}/cancel", inv.id)},
                     {"data-confirm",
                      "Cancel the invitation of " + inv.candidate_name + "? Their link stops working."},
                     {"class", "danger-zone"}});
  csrf_input(html, session.csrf_token);
  html.element("button", {{"type", "submit"}, {"class", "button button-danger"}}, "Cancel invitation");
  html.close("form");
}

}  // namespace

http::Response invitation_detail(const Deps& deps, const http::Request& request,
                                 const SessionContext& session) {
  const auto id = parse_id(request.path_param("id"));
  const auto inv = id ? deps.platform.invitations.find(session.account.id, *id) : std::nullopt;
  if (!inv) return dashboard_not_found(deps, session, Section::invitations, "invitation", "/invitations");
  const auto assessment = deps.platform.assessments.find(session.account.id, inv->assessment_id);
  Html html;
  html.element("a", {{"class", "back-link"}, {"href", "/invitations"}}, "← All invitations");
  page_heading(html, inv->candidate_name, assessment ? assessment->content.name : "");
  show_notice(html, request);
  html.open("div", {{"class", "two-columns"}});
  facts(html, *inv, assessment);
  timeline(html, *inv);
  html.close("div");
  candidate_link(html, deps, session, *inv);
  results(html, deps, session, *inv);
  emails(html, deps, session, *inv);
  cancel_form(html, session, *inv);
  return html_response(
      200,
      render_dashboard(deps, session, {inv->candidate_name, Section::invitations, std::move(html).str()}));
}

}  // namespace pinbridge::web
