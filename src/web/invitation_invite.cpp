// Inviting from the dashboard: one candidate, or a pasted list with a report line per row. The
// http layer reads only urlencoded forms, so a CSV file is pasted rather than uploaded.
#include <fmt/format.h>

#include "web/components.hpp"
#include "web/invitation_bulk.hpp"
#include "web/invitation_pages.hpp"

namespace pinbridge::web {
namespace {

using accounts::SessionContext;

void assessment_select(Html& html, const std::vector<assessments::Assessment>& active, std::string_view id,
                       std::string_view selected, std::string_view error) {
  html.open("div", {{"class", error.empty() ? "field" : "field field-invalid"}});
  html.element("label", {{"for", id}}, "Assessment");
  html.open("select", {{"id", id},
                       {"name", "assessment_id"},
                       {error.empty() ? "" : "aria-describedby", std::string(id) + "-error"},
                       {error.empty() ? "" : "aria-invalid", "true"}});
  for (const auto& a : active) {
    const auto value = std::to_string(a.id);
    html.element("option", {{"value", value}, {value == selected ? "selected" : "", "selected"}},
                 a.content.name);
  }
  html.close("select");
  if (!error.empty())
    html.element("p", {{"class", "field-error"}, {"id", std::string(id) + "-error"}}, error);
  html.close("div");
}

void submit(Html& html, std::string_view label) {
  html.open("div", {{"class", "form-actions"}});
  html.element("button", {{"type", "submit"}, {"class", "button button-primary"}}, label);
  html.close("div");
}

void invite_one(Html& html, const SessionContext& session, const std::vector<assessments::Assessment>& active,
                const InviteView& view) {
  html.element("h2", {{"id", "invite-one-title"}}, "Invite a candidate");
  html.open("form", {{"method", "post"},
                     {"action", "/invitations"},
                     {"class", "form-grid"},
                     {"aria-labelledby", "invite-one-title"}});
  csrf_input(html, session.csrf_token);
  assessment_select(html, active, "invite-assessment", view.assessment_id, view.assessment_error);
  text_field(html, {.name = "name",
                    .label = "Candidate name",
                    .value = view.name,
                    .error = view.name_error,
                    .id_prefix = "invite-"});
  text_field(html, {.name = "email",
                    .label = "Candidate email",
                    .value = view.email,
                    .type = "email",
                    .error = view.email_error,
                    .id_prefix = "invite-"});
  submit(html, "Send invitation");
  html.close("form");
}

void bulk_report(Html& html, const InviteView& view) {
  html.open("table", {{"class", "table"}, {"id", "bulk-report"}});
  html.element("caption", "What happened to each line");
  html.open("thead").open("tr");
  for (const char* h : {"Line", "As pasted", "Outcome"}) html.element("th", {{"scope", "col"}}, h);
  html.close("tr").close("thead").open("tbody");
  for (const auto& row : view.bulk_report) {
    html.open("tr", {{"class", "bulk-" + row.outcome}});
    html.element("td", std::to_string(row.line)).element("td", row.text);
    html.open("td");
    if (row.invitation_id != 0) {
      html.element("a", {{"href", fmt::format("/invitations/{}", row.invitation_id)}},
                   row.outcome == "invited" ? "Invited" : "Already invited");
    } else {
      html.element("strong", "Failed: ").text(row.detail);
    }
    html.close("td").close("tr");
  }
  html.close("tbody").close("table");
  if (view.bulk_truncated)
    html.element("p", {{"class", "field-error"}},
                 fmt::format("Only the first {} lines were read. Send the rest separately.", max_bulk_rows));
}

void invite_many(Html& html, const SessionContext& session,
                 const std::vector<assessments::Assessment>& active, const InviteView& view) {
  html.element("h2", {{"id", "invite-many-title"}}, "Invite several candidates");
  html.open("form", {{"method", "post"},
                     {"action", "/invitations/bulk"},
                     {"class", "form-stack form-wide"},
                     {"aria-labelledby", "invite-many-title"}});
  csrf_input(html, session.csrf_token);
  assessment_select(html, active, "bulk-assessment", view.bulk_assessment_id, "");
  const bool invalid = !view.bulk_error.empty();
  html.open("div", {{"class", invalid ? "field field-invalid" : "field"}});
  html.element("label", {{"for", "bulk-lines"}}, "Candidates");
  html.element("textarea",
               {{"id", "bulk-lines"},
                {"name", "lines"},
                {"rows", "5"},
                {"aria-describedby", invalid ? "bulk-lines-hint bulk-lines-error" : "bulk-lines-hint"},
                {invalid ? "aria-invalid" : "", "true"}},
               view.bulk_text);
  html.element("p", {{"class", "field-hint"}, {"id", "bulk-lines-hint"}},
               fmt::format("One candidate per line: \"Ada Lovelace, ada@example.com\" or \"Ada Lovelace "
                           "<ada@example.com>\". To import a CSV file, open it and paste its rows here (a "
                           "name,email header row is skipped). Up to {} at a time.",
                           max_bulk_rows));
  if (invalid) html.element("p", {{"class", "field-error"}, {"id", "bulk-lines-error"}}, view.bulk_error);
  html.close("div");
  submit(html, "Send invitations");
  html.close("form");
  if (!view.bulk_report.empty()) bulk_report(html, view);
}

}  // namespace

void invite_forms(Html& html, const Deps& deps, const SessionContext& session, const InviteView& view) {
  std::vector<assessments::Assessment> active;
  for (auto& a : deps.platform.assessments.list(session.account.id, false)) active.push_back(std::move(a));
  html.open("section", {{"class", "card"}, {"aria-label", "Invite candidates"}});
  if (active.empty()) {
    html.element("p", "To invite candidates, create an assessment first.");
    html.element("a", {{"class", "button button-primary"}, {"href", "/assessments/new"}}, "New assessment");
  } else {
    invite_one(html, session, active, view);
    invite_many(html, session, active, view);
  }
  html.close("section");
}

}  // namespace pinbridge::web
