// The candidate's routes under /t/{token}. There is no session: the unguessable token is the
// credential, and writes are refused when the browser says they come from another site. The
// deadline is enforced by CandidateSessions, whatever the browser's timer does.
#include <fmt/format.h>

#include "web/candidate_pages.hpp"
#include "web/layout.hpp"
#include "web/page_support.hpp"
#include "web/security.hpp"

namespace pinbridge::web {
namespace {

using assessments::CandidateView;
using assessments::InvitationStatus;
using assessments::QuestionKind;

std::string token_of(const http::Request& request) {
  return std::string(request.path_param("token"));
}

http::Response go(const std::string& location) {
  auto response = http::Response::redirect(location);
  add_security_headers(response);
  return response;
}

http::Response page(const Deps& deps, int status, std::string_view title, std::string_view text) {
  Html html;
  html.element("h1", title).element("p", text);
  return html_response(status, render_public(deps, title, std::move(html).str()));
}

http::Response unknown_link(const Deps& deps) {
  return page(deps, 404, "This link is not valid",
              "Check that the whole link from your invitation email was copied. If it still does not work, "
              "ask the company that invited you for a new one.");
}

// The page for the invitation's state: landing, test, or why the link no longer works.
http::Response page_for(const Deps& deps, const CandidateView& view, std::string_view token) {
  const auto& inv = view.invitation;
  switch (inv.status) {
    case InvitationStatus::invited:
      return html_response(200, render_landing(deps, view, token));
    case InvitationStatus::started: {
      const auto remaining = to_unix_ms(*inv.deadline_at) - to_unix_ms(deps.platform.clock.now());
      return html_response(200, render_test(deps, view, token, remaining));
    }
    case InvitationStatus::submitted:
    case InvitationStatus::completed:
      return page(
          deps, 410, "This link has already been used",
          fmt::format("The answers for this assessment were submitted on {}. Each link can be used once.",
                      format_datetime(inv.submitted_at.value_or(inv.updated_at))));
    case InvitationStatus::expired:
      return page(
          deps, 410, "This invitation has expired",
          "The time to start this assessment has passed. Ask the company that invited you for a new link.");
    case InvitationStatus::cancelled:
      return page(
          deps, 410, "This invitation was cancelled",
          "The company that invited you has cancelled this assessment. Nothing more is needed from you.");
  }
  return unknown_link(deps);
}

http::Response show(const Deps& deps, const http::Request& request) {
  const auto token = token_of(request);
  const auto view = deps.platform.candidates.open(token);
  return view ? page_for(deps, *view, token) : unknown_link(deps);
}

http::Response refused(const Deps& deps) {
  return page(deps, 403, "This form can't be accepted",
              "It was sent from another site. Open your invitation link again and continue from there.");
}

http::Response start(const Deps& deps, const http::Request& request) {
  if (!origin_allowed(request, deps.settings.public_url)) return refused(deps);
  const auto token = token_of(request);
  const auto started = deps.platform.candidates.start(token);
  if (!started && started.error().code == ErrorCode::not_found) return unknown_link(deps);
  // Refused (expired, cancelled, used): the link's own page says why.
  return go("/t/" + token);
}

// The answer to question `index` as the no-JavaScript form sends it; nullopt when the form has
// no field for it (leave what was saved).
std::optional<nlohmann::json> form_answer(const Fields& fields, const assessments::Question& q,
                                          std::size_t index) {
  const auto name = answer_field(index);
  if (q.kind == QuestionKind::multiple_choice) {
    if (!fields.contains(name + "_shown")) return std::nullopt;
    auto picked = nlohmann::json::array();
    for (std::size_t i = 0; i < q.options.size(); ++i)
      if (fields.contains(fmt::format("{}_{}", name, i))) picked.push_back(static_cast<int>(i));
    return picked.empty() ? nlohmann::json() : picked;
  }
  const auto it = fields.find(name);
  if (it == fields.end()) return std::nullopt;
  if (q.kind == QuestionKind::short_answer)
    return it->second.empty() ? nlohmann::json() : nlohmann::json(it->second);
  const auto option = parse_int(it->second, 0, static_cast<int>(q.options.size()) - 1);
  return option ? nlohmann::json(*option) : nlohmann::json();
}

http::Response submit(const Deps& deps, const http::Request& request) {
  if (!origin_allowed(request, deps.settings.public_url)) return refused(deps);
  const auto token = token_of(request);
  const auto view = deps.platform.candidates.open(token);
  if (!view) return unknown_link(deps);
  if (view->invitation.status == InvitationStatus::started) {
    const Fields fields = request.form();
    const auto& questions = view->assessment.content.questions;
    // Each save may be refused once time is up; submit() then keeps what was saved in time.
    for (std::size_t i = 0; i < questions.size(); ++i)
      if (const auto answer = form_answer(fields, questions[i], i))
        (void)deps.platform.candidates.save_answer(token, questions[i].id, *answer);
  }
  const auto submitted = deps.platform.candidates.submit(token);
  if (!submitted) return go("/t/" + token);
  return go("/t/" + token + "/submitted");
}

http::Response thanks(const Deps& deps, const http::Request& request) {
  const auto token = token_of(request);
  const auto view = deps.platform.candidates.open(token);
  if (!view) return unknown_link(deps);
  const auto status = view->invitation.status;
  if (status != InvitationStatus::submitted && status != InvitationStatus::completed)
    return go("/t/" + token);
  return page(deps, 200, "Thank you, your answers are submitted",
              "There is nothing more to do: you can close this page. The company that invited you will be in "
              "touch.");
}

}  // namespace

http::Response candidate_json(const Deps& deps, const http::Request& request, bool answers);

void add_candidate_routes(http::Router& router, const DepsPtr& deps) {
  router.get("/t/{token}", [deps](http::Request& request) { return show(*deps, request); });
  router.post("/t/{token}/start", [deps](http::Request& request) { return start(*deps, request); });
  router.post("/t/{token}/submit", [deps](http::Request& request) { return submit(*deps, request); });
  router.get("/t/{token}/submitted", [deps](http::Request& request) { return thanks(*deps, request); });
  router.post("/t/{token}/answers",
              [deps](http::Request& request) { return candidate_json(*deps, request, true); });
  router.post("/t/{token}/signals",
              [deps](http::Request& request) { return candidate_json(*deps, request, false); });
}

}  // namespace pinbridge::web
