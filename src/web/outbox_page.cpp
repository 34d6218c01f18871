// The outbox: every email the account has sent or holds. Without SMTP the emails stay here
// ("held"), so a demo or a trial can still follow a candidate's link from its email.
#include <fmt/format.h>

#include "web/components.hpp"
#include "web/invitation_pages.hpp"

namespace pinbridge::web {
namespace {

using accounts::SessionContext;

constexpr int page_size = 50;

// The body as text, with its http(s) URLs as links: each piece still goes through the escaper.
void linked_text(Html& html, std::string_view body) {
  std::size_t at = 0;
  while (at < body.size()) {
    const auto start = std::min(body.find("http://", at), body.find("https://", at));
    if (start == std::string_view::npos) break;
    const auto end = std::min(body.find_first_of(" \t\r\n<>\"", start), body.size());
    const auto url = body.substr(start, end - start);
    html.text(body.substr(at, start - at));
    html.element("a", {{"href", url}, {"rel", "noreferrer"}}, url);
    at = end;
  }
  html.text(body.substr(at));
}

std::string status_note(const mail::StoredEmail& e) {
  switch (e.status) {
    case mail::EmailStatus::held:
      return "Held here: no SMTP server is configured.";
    case mail::EmailStatus::sent:
      return "Sent " + (e.sent_at ? format_datetime(*e.sent_at) : "");
    case mail::EmailStatus::failed:
      return "Failed: " + e.last_error.value_or("refused by the SMTP server");
    case mail::EmailStatus::queued:
      return "Waiting to be sent.";
  }
  return {};
}

void email_row(Html& html, const mail::StoredEmail& e) {
  html.open("tr").open("td");
  html.element("a", {{"href", fmt::format("/invitations/outbox/{}", e.id)}}, e.email.subject).close("td");
  html.open("td").text(e.email.to_name).element("span", {{"class", "cell-sub"}}, e.email.to_address);
  html.close("td").element("td", e.email.kind).element("td", mail::status_name(e.status));
  html.element("td", format_datetime(e.created_at)).close("tr");
}

}  // namespace

http::Response outbox_page(const Deps& deps, const http::Request& request, const SessionContext& session) {
  int page = 1;
  if (const auto it = request.query.find("page"); it != request.query.end())
    page = parse_int(it->second, 1, 1000000).value_or(1);
  const auto emails = deps.platform.outbox.list(session.account.id, page_size + 1, (page - 1) * page_size);
  Html html;
  page_heading(html, "Invitations", "");
  invitation_tabs(html, true);
  html.element(
      "p", {{"class", "page-description"}},
      "Every email sent to candidates, newest first. Without an SMTP server the emails are held here "
      "instead of sent: open one to read it and follow its link.");
  if (emails.empty() && page == 1) {
    empty_state(html, "No emails yet", "Invitation and reminder emails appear here as they are sent.");
  } else {
    html.open("table", {{"class", "table card-table"}});
    html.element("caption", {{"class", "visually-hidden"}}, "Emails, newest first");
    html.open("thead").open("tr");
    for (const char* h : {"Subject", "To", "Kind", "Status", "Queued"})
      html.element("th", {{"scope", "col"}}, h);
    html.close("tr").close("thead").open("tbody");
    for (std::size_t i = 0; i < emails.size() && i < static_cast<std::size_t>(page_size); ++i)
      email_row(html, emails[i]);
    html.close("tbody").close("table");
    html.open("nav", {{"class", "pager"}, {"aria-label", "Pages"}});
    if (page > 1)
      html.element("a", {{"href", fmt::format("/invitations/outbox?page={}", page - 1)}}, "Newer");
    if (emails.size() > static_cast<std::size_t>(page_size))
      html.element("a", {{"href", fmt::format("/invitations/outbox?page={}", page + 1)}}, "Older");
    html.close("nav");
  }
  return html_response(
      200, render_dashboard(deps, session, {"Outbox", Section::invitations, std::move(html).str()}));
}

http::Response outbox_email_page(const Deps& deps, const http::Request& request,
                                 const SessionContext& session) {
  const auto id = parse_id(request.path_param("id"));
  const auto email = id ? deps.platform.outbox.find(session.account.id, *id) : std::nullopt;
  if (!email) return dashboard_not_found(deps, session, Section::invitations, "email", "/invitations/outbox");
  Html html;
  html.element("a", {{"class", "back-link"}, {"href", "/invitations/outbox"}}, "← Outbox");
  page_heading(html, email->email.subject, status_note(*email));
  html.open("section", {{"class", "card"}, {"aria-label", "Email"}});
  html.open("dl", {{"class", "details"}});
  html.element("dt", "To").element("dd", email->email.to_name + " <" + email->email.to_address + ">");
  html.element("dt", "Kind").element("dd", email->email.kind);
  html.element("dt", "Queued").element("dd", format_datetime(email->created_at));
  if (email->email.invitation_id) {
    html.element("dt", "Invitation").open("dd");
    html.element("a", {{"href", fmt::format("/invitations/{}", *email->email.invitation_id)}},
                 "Open invitation");
    html.close("dd");
  }
  html.close("dl");
  html.open("pre", {{"class", "email-body"}});
  linked_text(html, email->email.text_body);
  html.close("pre").close("section");
  return html_response(
      200,
      render_dashboard(deps, session, {email->email.subject, Section::invitations, std::move(html).str()}));
}

}  // namespace pinbridge::web
