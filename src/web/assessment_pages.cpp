// The Assessments section: the list, the editor for new and existing assessments, and archiving.
// Every lookup is scoped to the signed-in account, so another account's id reads as not found.
#include <fmt/format.h>

#include <array>

#include "web/assessment_form.hpp"
#include "web/components.hpp"

namespace pinbridge::web {
namespace {

using accounts::SessionContext;
using assessments::Assessment;

constexpr std::array<std::pair<std::string_view, std::string_view>, 4> notices{{
    {"created", "Assessment created. Invite candidates to it from Invitations."},
    {"saved", "Assessment saved."},
    {"archived", "Assessment archived. It can no longer be sent; its invitations and results stay."},
    {"unarchived", "Assessment restored. It can be sent again."},
}};

std::string notice_text(const http::Request& request) {
  const auto key = request.query.find("notice");
  if (key == request.query.end()) return {};
  for (const auto& [name, text] : notices)
    if (name == key->second) return std::string(text);
  return {};
}

std::string edit_path(std::int64_t id) {
  return fmt::format("/assessments/{}", id);
}

void archive_form(Html& html, const SessionContext& session, const Assessment& a) {
  const bool archived = a.status == assessments::AssessmentStatus::archived;
  const std::string action = edit_path(a.id) + (archived ? "/unarchive" : "/archive");
  const std::string label = (archived ? "Restore " : "Archive ") + a.content.name;
  html.open("form", {{"method", "post"},
                     {"action", action},
                     {archived ? "" : "data-confirm", "Archive " + a.content.name + "?"}});
  csrf_input(html, session.csrf_token);
  html.element("button",
               {{"type", "submit"}, {"class", "button button-secondary button-small"}, {"aria-label", label}},
               archived ? "Restore" : "Archive");
  html.close("form");
}

void assessment_row(Html& html, const Deps& deps, const SessionContext& session, const Assessment& a) {
  assessments::InvitationFilter filter;
  filter.assessment_id = a.id;
  const auto invitations = deps.platform.invitations.count(session.account.id, filter);
  const bool archived = a.status == assessments::AssessmentStatus::archived;
  html.open("tr");
  html.open("td").element("a", {{"href", edit_path(a.id)}}, a.content.name).close("td");
  html.element("td", std::to_string(a.content.questions.size()));
  html.element("td", fmt::format("{} min", a.content.time_limit_minutes));
  html.element("td", fmt::format("{}%", a.content.pass_mark));
  html.element("td", std::to_string(invitations));
  html.open("td").element("span", {{"class", archived ? "badge badge-off" : "badge badge-on"}},
                          archived ? "Archived" : "Active");
  html.close("td");
  html.open("td", {{"class", "cell-actions"}});
  archive_form(html, session, a);
  html.close("td").close("tr");
}

http::Response list_page(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const auto all = deps.platform.assessments.list(session.account.id, true);
  Html html;
  html.open("div", {{"class", "page-heading page-heading-actions"}});
  html.open("div").element("h1", "Assessments");
  html.element("p", {{"class", "page-description"}},
               "The tests your candidates take, with their questions, time limit and pass mark.");
  html.close("div");
  html.element("a", {{"class", "button button-primary"}, {"href", "/assessments/new"}}, "New assessment");
  html.close("div");
  if (const auto text = notice_text(request); !text.empty()) notice(html, Tone::success, text);
  if (all.empty()) {
    empty_state(html, "No assessments yet",
                "Assessments you create appear here. Each one can be sent to candidates by invitation, from "
                "a workflow, or from inside Pinpoint.");
  } else {
    html.open("table", {{"class", "table card-table"}});
    html.element("caption", {{"class", "visually-hidden"}}, "Assessments");
    html.open("thead").open("tr");
    for (const char* heading : {"Name", "Questions", "Time limit", "Pass mark", "Invitations", "Status"})
      html.element("th", {{"scope", "col"}}, heading);
    html.open("th", {{"scope", "col"}})
        .element("span", {{"class", "visually-hidden"}}, "Actions")
        .close("th");
    html.close("tr").close("thead").open("tbody");
    for (const auto& a : all) assessment_row(html, deps, session, a);
    html.close("tbody").close("table");
  }
  return html_response(
      200, render_dashboard(deps, session, {"Assessments", Section::assessments, std::move(html).str()}));
}

http::Response editor_page(const Deps& deps, const SessionContext& session, int status,
                           const AssessmentInput& input, const FormErrors& errors,
                           const std::optional<Assessment>& existing) {
  Html html;
  const std::string title = existing ? "Edit " + existing->content.name : "New assessment";
  page_heading(html, title,
               existing ? fmt::format("Version {}. Changing questions, answers or the pass mark re-grades "
                                      "completed invitations as a new result version.",
                                      existing->version)
                        : "Questions grade themselves: choice questions by their correct options, short "
                          "answers against the accepted answers.");
  const FormTarget target{existing ? edit_path(existing->id) : "/assessments",
                          existing ? "Save assessment" : "Create assessment", "/assessments"};
  assessment_form(html, session, input, errors, target);
  return html_response(status,
                       render_dashboard(deps, session, {title, Section::assessments, std::move(html).str()}));
}

http::Response new_page(const Deps& deps, const http::Request&, const SessionContext& session) {
  return editor_page(deps, session, 200, AssessmentInput{}, FormErrors{}, std::nullopt);
}

std::optional<Assessment> find(const Deps& deps, const http::Request& request,
                               const SessionContext& session) {
  const auto id = parse_id(request.path_param("id"));
  return id ? deps.platform.assessments.find(session.account.id, *id) : std::nullopt;
}

http::Response not_found(const Deps& deps, const SessionContext& session) {
  return dashboard_not_found(deps, session, Section::assessments, "assessment", "/assessments");
}

http::Response edit_page(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const auto existing = find(deps, request, session);
  if (!existing) return not_found(deps, session);
  return editor_page(deps, session, 200, input_from(existing->content), FormErrors{}, existing);
}

// Validates and saves; on a refusal shows the form again as it was sent, with the message placed.
http::Response save(const Deps& deps, const http::Request& request, const SessionContext& session,
                    const std::optional<Assessment>& existing) {
  const auto input = input_from(request.form());
  FormErrors errors;
  auto drafted = draft_from(input, errors);
  if (drafted) {
    auto saved = existing ? deps.platform.assessments.update(session.account.id, existing->id, drafted->draft)
                          : deps.platform.assessments.create(session.account.id, drafted->draft);
    if (saved)
      return http::Response::redirect(existing ? "/assessments?notice=saved" : "/assessments?notice=created");
    if (saved.error().code == ErrorCode::not_found) return not_found(deps, session);
    place_error(saved.error().message, drafted->slots, errors);
  }
  return editor_page(deps, session, 400, input, errors, existing);
}

http::Response create(const Deps& deps, const http::Request& request, const SessionContext& session) {
  return save(deps, request, session, std::nullopt);
}

http::Response update(const Deps& deps, const http::Request& request, const SessionContext& session) {
  const auto existing = find(deps, request, session);
  if (!existing) return not_found(deps, session);
  return save(deps, request, session, existing);
}

http::Response set_archived(const Deps& deps, const http::Request& request, const SessionContext& session,
                            bool archived) {
  const auto id = parse_id(request.path_param("id"));
  if (!id || !deps.platform.assessments.set_archived(session.account.id, *id, archived))
    return not_found(deps, session);
  return http::Response::redirect(archived ? "/assessments?notice=archived"
                                           : "/assessments?notice=unarchived");
}

}  // namespace

void add_assessment_routes(http::Router& router, const DepsPtr& deps) {
  router.get("/assessments", signed_in_page(deps, bind(deps, list_page)));
  router.get("/assessments/new", signed_in_page(deps, bind(deps, new_page)));
  router.post("/assessments", signed_in_action(deps, bind(deps, create)));
  router.get("/assessments/{id}", signed_in_page(deps, bind(deps, edit_page)));
  router.post("/assessments/{id}", signed_in_action(deps, bind(deps, update)));
  router.post("/assessments/{id}/archive",
              signed_in_action(deps, [deps](http::Request& request, const SessionContext& session) {
                return set_archived(*deps, request, session, true);
              }));
  router.post("/assessments/{id}/unarchive",
              signed_in_action(deps, [deps](http::Request& request, const SessionContext& session) {
                return set_archived(*deps, request, session, false);
              }));
}

}  // namespace pinbridge::web
