// The public API's reads: assessments, one invitation, one result. Each is scoped to the caller's
// account, so another account's id is simply not found.
#include "api/api_json.hpp"
#include "api/handlers.hpp"

namespace pinbridge::api::detail {
namespace {

using nlohmann::json;

bool link_usable(const assessments::Invitation& invitation) {
  return invitation.status == assessments::InvitationStatus::invited ||
         invitation.status == assessments::InvitationStatus::started;
}

}  // namespace

json invitation_body(const ApiServices& services, const assessments::Invitation& invitation) {
  const auto link = link_usable(invitation)
                        ? services.invitations.candidate_link(invitation.account_id, invitation.id)
                        : std::nullopt;
  return invitation_json(invitation, link,
                         services.invitations.latest_result(invitation.account_id, invitation.id));
}

http::Response list_assessments(const ApiServices& services, http::Request&, const Caller& caller) {
  json items = json::array();
  for (const auto& assessment : services.assessments.list(caller.account_id, false))
    if (assessment.status == assessments::AssessmentStatus::active)
      items.push_back(assessment_json(assessment));
  return json_response(200, {{"data", std::move(items)}});
}

http::Response get_invitation(const ApiServices& services, http::Request& request, const Caller& caller) {
  const auto id = parse_id(request.path_param("id"));
  const auto invitation = id ? services.invitations.find(caller.account_id, *id) : std::nullopt;
  if (!invitation) return error_response(Error::not_found("Invitation not found"), request);
  return json_response(200, invitation_body(services, *invitation));
}

http::Response get_result(const ApiServices& services, http::Request& request, const Caller& caller) {
  const auto id = parse_id(request.path_param("id"));
  const auto result = id ? services.invitations.result(caller.account_id, *id) : std::nullopt;
  const auto invitation =
      result ? services.invitations.find(caller.account_id, result->invitation_id) : std::nullopt;
  if (!result || !invitation) return error_response(Error::not_found("Result not found"), request);
  const auto assessment = services.assessments.find(caller.account_id, invitation->assessment_id);
  const auto report = services.assessments.shares_reports(caller.account_id)
                          ? std::optional(services.links.report(invitation->id))
                          : std::nullopt;
  return json_response(200, result_json(*result, *invitation, assessment, report));
}

}  // namespace pinbridge::api::detail
