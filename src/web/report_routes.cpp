// The report's routes: the recruiter's (signed in, with overrides) and the shareable one at
// /r/{token}, which works without signing in while the account shares reports.
#include <fmt/format.h>

#include "web/components.hpp"
#include "web/page_support.hpp"
#include "web/report_page.hpp"

namespace pinbridge::web {
namespace {

using accounts::SessionContext;

std::optional<ReportData> load(const Deps& deps, std::int64_t account_id,
                               const assessments::Invitation& inv) {
  auto result = deps.platform.invitations.latest_result(account_id, inv.id);
  auto assessment = deps.platform.assessments.find(account_id, inv.assessment_id);
  if (!result || !assessment) return std::nullopt;
  return ReportData{inv, std::move(*assessment), std::move(*result), {}};
}

http::Response recruiter_report(const Deps& deps, const SessionContext& session, std::int64_t id, int status,
                                std::string_view success, std::string_view error) {
  const auto inv = deps.platform.invitations.find(session.account.id, id);
  if (!inv) return dashboard_not_found(deps, session, Section::invitations, "invitation", "/invitations");
  Html html;
  html.element("a", {{"class", "back-link"}, {"href", fmt::format("/invitations/{}", id)}}, "← Invitation");
  auto data = load(deps, session.account.id, *inv);
  page_heading(html, "Report: " + inv->candidate_name, data ? data->assessment.content.name : "");
  if (!success.empty()) notice(html, Tone::success, success);
  if (!error.empty()) notice(html, Tone::error, error);
  if (!data) {
    empty_state(html, "No result yet",
                fmt::format("The report appears once the candidate has submitted and the answers are graded. "
                            "Status now: {}.",
                            assessments::status_name(inv->status)));
  } else {
    data->versions = deps.platform.invitations.results(session.account.id, id);
    ReportOptions options{true, session.csrf_token, ""};
    if (deps.platform.assessments.shares_reports(session.account.id))
      options.share_url = deps.platform.links.report(id);
    render_report(html, *data, options);
  }
  return html_response(
      status, render_dashboard(deps, session, {"Report", Section::invitations, std::move(html).str()}));
}

http::Response show(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const auto id = parse_id(request.path_param("id"));
  if (!id) return dashboard_not_found(deps, session, Section::invitations, "invitation", "/invitations");
  const bool overridden = request.query.contains("notice") && request.query.at("notice") == "overridden";
  return recruiter_report(deps, session, *id, 200, overridden ? "Verdict saved as a new result version." : "",
                          "");
}

http::Response override_question(const Deps& deps, const http::Request& request,
                                 const SessionContext& session) {
  const auto id = parse_id(request.path_param("id"));
  if (!id) return dashboard_not_found(deps, session, Section::invitations, "invitation", "/invitations");
  const Fields fields = request.form();
  const auto verdict = field(fields, "verdict");
  if (verdict != "correct" && verdict != "incorrect")
    return recruiter_report(deps, session, *id, 400, "",
                            "Choose whether the answer is correct or incorrect.");
  const auto done = deps.platform.invitations.override_question(
      session.account.id, *id, field(fields, "question_id"), verdict == "correct");
  if (done) return http::Response::redirect(fmt::format("/invitations/{}/report?notice=overridden", *id));
  return recruiter_report(deps, session, *id, http_status(done.error().code), "", done.error().message);
}

http::Response public_page(const Deps& deps, int status, std::string_view title, std::string_view text) {
  Html html;
  html.element("h1", title).element("p", text);
  return html_response(status, render_public(deps, title, std::move(html).str()));
}

http::Response shared_report(const Deps& deps, const http::Request& request) {
  const auto id = deps.platform.links.verify_report_token(request.path_param("token"));
  const auto found = id ? deps.platform.invitations.find_for_report(*id) : std::nullopt;
  if (!found)
    return public_page(deps, 404, "Report not found",
                       "This report link is not valid. Check that it was copied whole.");
  const auto& inv = *found;
  const auto account_id = inv.account_id;
  if (!deps.platform.assessments.shares_reports(account_id))
    return public_page(deps, 403, "Report sharing is off",
                       "The company that sent this assessment has turned off shareable report links. Sign in "
                       "to its dashboard to read the report.");
  const auto data = load(deps, account_id, inv);
  if (!data)
    return public_page(deps, 404, "No result yet", "The report appears once the candidate has submitted.");
  Html html;
  html.element("p", {{"class", "eyebrow"}}, data->assessment.content.name);
  html.element("h1", "Report: " + inv.candidate_name);
  render_report(html, *data, ReportOptions{});
  auto response = html_response(200, render_public(deps, "Report", std::move(html).str(), true));
  // The token is the credential: keep the page out of search engines and shared caches.
  response.header("X-Robots-Tag", "noindex");
  return response;
}

}  // namespace

void add_report_routes(http::Router& router, const DepsPtr& deps) {
  router.get("/invitations/{id}/report", signed_in_page(deps, bind(deps, show)));
  router.post("/invitations/{id}/report/override", signed_in_action(deps, bind(deps, override_question)));
  router.get("/r/{token}", [deps](http::Request& request) { return shared_report(*deps, request); });
}

}  // namespace pinbridge::web
