// The Invitations section's writes: invite one, invite a pasted list, cancel. Every call is
// scoped to the signed-in account, so another account's ids read as not found.
#include <fmt/format.h>

#include "web/invitation_bulk.hpp"
#include "web/invitation_pages.hpp"

namespace pinbridge::web {

http::Response invitation_detail(const Deps& deps, const http::Request& request,
                                 const accounts::SessionContext& session);
http::Response outbox_page(const Deps& deps, const http::Request& request,
                           const accounts::SessionContext& session);
http::Response outbox_email_page(const Deps& deps, const http::Request& request,
                                 const accounts::SessionContext& session);

namespace {

using accounts::SessionContext;

http::Response list(const Deps& deps, const http::Request& request, const SessionContext& session) {
  return invitations_page(deps, request, session, 200, InviteView{});
}

assessments::InviteRequest request_for(const SessionContext& session, std::int64_t assessment_id,
                                       std::string name, std::string email) {
  assessments::InviteRequest invite;
  invite.account_id = session.account.id;
  invite.assessment_id = assessment_id;
  invite.candidate_name = std::move(name);
  invite.candidate_email = std::move(email);
  invite.source = assessments::InvitationSource::dashboard;
  return invite;
}

void place_invite_error(InviteView& view, const Error& error) {
  if (error.message.starts_with("Candidate name")) {
    view.name_error = error.message;
  } else if (error.message.starts_with("Candidate email")) {
    view.email_error = error.message;
  } else {
    view.assessment_error =
        error.code == ErrorCode::not_found ? "Choose one of your assessments" : error.message;
  }
}

http::Response invite(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const Fields fields = request.form();
  InviteView view;
  view.name = field(fields, "name");
  view.email = field(fields, "email");
  view.assessment_id = field(fields, "assessment_id");
  const auto assessment_id = parse_id(view.assessment_id).value_or(0);
  const auto invited =
      deps.platform.invitations.invite(request_for(session, assessment_id, view.name, view.email));
  if (invited) {
    return http::Response::redirect(fmt::format("/invitations/{}?notice={}", invited->invitation.id,
                                                invited->created ? "invited" : "existing"));
  }
  view.error = "The invitation was not sent. Check the form below.";
  place_invite_error(view, invited.error());
  return invitations_page(deps, request, session, http_status(invited.error().code), view);
}

BulkOutcome invite_row(const Deps& deps, const SessionContext& session, std::int64_t assessment_id,
                       const BulkRow& row) {
  BulkOutcome outcome{row.line, row.text, "failed", row.error, 0};
  if (!row.error.empty()) return outcome;
  const auto invited =
      deps.platform.invitations.invite(request_for(session, assessment_id, row.name, row.email));
  if (!invited) {
    outcome.detail = invited.error().message;
    return outcome;
  }
  outcome.outcome = invited->created ? "invited" : "existing";
  outcome.invitation_id = invited->invitation.id;
  return outcome;
}

http::Response invite_many(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const Fields fields = request.form();
  InviteView view;
  view.bulk_text = field(fields, "lines");
  view.bulk_assessment_id = field(fields, "assessment_id");
  const auto assessment_id = parse_id(view.bulk_assessment_id).value_or(0);
  const auto parsed = parse_bulk(view.bulk_text);
  if (parsed.rows.empty()) {
    view.bulk_error = "Paste at least one candidate, one per line.";
    return invitations_page(deps, request, session, 400, view);
  }
  if (!deps.platform.assessments.find(session.account.id, assessment_id)) {
    view.error = "Choose one of your assessments.";
    return invitations_page(deps, request, session, 404, view);
  }
  int counts[3] = {0, 0, 0};
  for (const auto& row : parsed.rows) {
    view.bulk_report.push_back(invite_row(deps, session, assessment_id, row));
    const auto& o = view.bulk_report.back().outcome;
    ++counts[o == "invited" ? 0 : o == "existing" ? 1 : 2];
  }
  view.bulk_truncated = parsed.truncated;
  const auto summary =
      fmt::format("{} invited, {} already invited, {} failed.", counts[0], counts[1], counts[2]);
  (counts[2] == 0 ? view.success : view.error) = summary + " The report is below the form.";
  if (counts[2] == 0)
    view.bulk_text.clear();  // done: an unchanged resend would only repeat "already invited"
  return invitations_page(deps, request, session, 200, view);
}

http::Response cancel(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const auto id = parse_id(request.path_param("id"));
  const auto cancelled = id ? deps.platform.invitations.cancel(session.account.id, *id)
                            : Result<assessments::Invitation>(Error::not_found("Invitation not found"));
  if (cancelled) return http::Response::redirect(fmt::format("/invitations/{}?notice=cancelled", *id));
  if (cancelled.error().code == ErrorCode::not_found)
    return dashboard_not_found(deps, session, Section::invitations, "invitation", "/invitations");
  return http::Response::redirect(fmt::format("/invitations/{}?notice=not_cancellable", *id));
}

}  // namespace

void add_invitation_routes(http::Router& router, const DepsPtr& deps) {
  router.get("/invitations", signed_in_page(deps, bind(deps, list)));
  router.post("/invitations", signed_in_action(deps, bind(deps, invite)));
  router.post("/invitations/bulk", signed_in_action(deps, bind(deps, invite_many)));
  router.get("/invitations/outbox", signed_in_page(deps, bind(deps, outbox_page)));
  router.get("/invitations/outbox/{id}", signed_in_page(deps, bind(deps, outbox_email_page)));
  router.get("/invitations/{id}", signed_in_page(deps, bind(deps, invitation_detail)));
  router.post("/invitations/{id}/cancel", signed_in_action(deps, bind(deps, cancel)));
}

}  // namespace pinbridge::web
