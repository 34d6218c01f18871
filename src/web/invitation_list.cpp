// The Invitations list: newest first, filtered by status, 25 to a page, with the forms that invite
// one candidate or a pasted list of them.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "web/components.hpp"
#include "web/invitation_pages.hpp"
#include "web/security.hpp"

namespace pinbridge::web {
namespace {

using accounts::SessionContext;
using assessments::InvitationStatus;

constexpr int page_size = 25;

struct Listing {
  std::optional<InvitationStatus> status;
  int page = 1;
};

Listing listing_from(const http::Request& request) {
  Listing listing;
  if (const auto it = request.query.find("status"); it != request.query.end())
    listing.status = assessments::parse_invitation_status(it->second);
  if (const auto it = request.query.find("page"); it != request.query.end())
    listing.page = parse_int(it->second, 1, 1000000).value_or(1);
  return listing;
}

std::string list_url(const Listing& listing, int page) {
  std::string url = "/invitations?page=" + std::to_string(page);
  if (listing.status) url += "&status=" + std::string(assessments::status_name(*listing.status));
  return url;
}

void status_filter(Html& html, const Listing& listing) {
  html.open("form", {{"method", "get"}, {"action", "/invitations"}, {"class", "filter-bar"}});
  html.element("label", {{"for", "status-filter"}}, "Status");
  html.open("select", {{"id", "status-filter"}, {"name", "status"}});
  html.element("option", {{"value", ""}}, "All");
  for (const auto s : {InvitationStatus::invited, InvitationStatus::started, InvitationStatus::submitted,
                       InvitationStatus::completed, InvitationStatus::expired, InvitationStatus::cancelled}) {
    const auto name = assessments::status_name(s);
    html.element("option", {{"value", name}, {listing.status == s ? "selected" : "", "selected"}}, name);
  }
  html.close("select");
  html.element("button", {{"type", "submit"}, {"class", "button button-secondary button-small"}}, "Filter");
  html.close("form");
}

void invitation_row(Html& html, const Deps& deps, const SessionContext& session,
                    const assessments::Invitation& inv, const std::map<std::int64_t, std::string>& names) {
  const auto name = names.find(inv.assessment_id);
  html.open("tr");
  html.open("td").element("a", {{"href", fmt::format("/invitations/{}", inv.id)}}, inv.candidate_name);
  html.element("span", {{"class", "cell-sub"}}, inv.candidate_email).close("td");
  html.element("td", name == names.end() ? "" : name->second);
  html.open("td");
  status_badge(html, inv.status);
  html.close("td");
  html.element("td", assessments::source_name(inv.source));
  html.element("td", format_date(inv.created_at)).element("td", format_date(inv.updated_at));
  std::string score = "—";
  if (inv.status == InvitationStatus::completed)
    if (const auto r = deps.platform.invitations.latest_result(session.account.id, inv.id))
      score = fmt::format("{}% ({})", r->grade.score, r->grade.passed ? "pass" : "fail");
  html.element("td", score).close("tr");
}

void pager(Html& html, const Listing& listing, std::int64_t total) {
  const auto pages = std::max<std::int64_t>(1, (total + page_size - 1) / page_size);
  html.open("nav", {{"class", "pager"}, {"aria-label", "Pages"}});
  if (listing.page > 1)
    html.element("a", {{"href", list_url(listing, listing.page - 1)}, {"rel", "prev"}}, "Newer");
  html.element("span", fmt::format("Page {} of {} ({} invitations)", listing.page, pages, total));
  if (listing.page < pages)
    html.element("a", {{"href", list_url(listing, listing.page + 1)}, {"rel", "next"}}, "Older");
  html.close("nav");
}

void invitation_table(Html& html, const Deps& deps, const SessionContext& session, const Listing& listing) {
  assessments::InvitationFilter filter;
  filter.status = listing.status;
  const auto total = deps.platform.invitations.count(session.account.id, filter);
  status_filter(html, listing);
  if (total == 0) {
    empty_state(html, listing.status ? "No invitations with this status" : "No invitations yet",
                "When you invite a candidate, directly or through Pinpoint, the invitation and its status "
                "appear here.");
    return;
  }
  std::map<std::int64_t, std::string> names;
  for (const auto& a : deps.platform.assessments.list(session.account.id, true)) names[a.id] = a.content.name;
  html.open("table", {{"class", "table card-table"}});
  html.element("caption", {{"class", "visually-hidden"}}, "Invitations, newest first");
  html.open("thead").open("tr");
  for (const char* h : {"Candidate", "Assessment", "Status", "Source", "Invited", "Updated", "Score"})
    html.element("th", {{"scope", "col"}}, h);
  html.close("tr").close("thead").open("tbody");
  for (const auto& inv :
       deps.platform.invitations.list(session.account.id, filter, page_size, (listing.page - 1) * page_size))
    invitation_row(html, deps, session, inv, names);
  html.close("tbody").close("table");
  pager(html, listing, total);
}

}  // namespace

void invitation_tabs(Html& html, bool outbox) {
  html.open("nav", {{"class", "tabs"}, {"aria-label", "Invitations"}});
  html.element("a", {{"class", "tab"}, {"href", "/invitations"}, {outbox ? "" : "aria-current", "page"}},
               "Invitations");
  html.element("a",
               {{"class", "tab"}, {"href", "/invitations/outbox"}, {outbox ? "aria-current" : "", "page"}},
               "Outbox");
  html.close("nav");
}

void invite_forms(Html& html, const Deps& deps, const SessionContext& session, const InviteView& view);

http::Response invitations_page(const Deps& deps, const http::Request& request, const SessionContext& session,
                                int status, const InviteView& view) {
  Html html;
  page_heading(html, "Invitations",
               "Every candidate invited to an assessment, and where they are: invited, started, submitted, "
               "completed or expired.");
  invitation_tabs(html, false);
  if (!view.success.empty()) notice(html, Tone::success, view.success);
  if (!view.error.empty()) notice(html, Tone::error, view.error);
  invite_forms(html, deps, session, view);
  invitation_table(html, deps, session, listing_from(request));
  return html_response(
      status, render_dashboard(deps, session, {"Invitations", Section::invitations, std::move(html).str()}));
}

}  // namespace pinbridge::web
