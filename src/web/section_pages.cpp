// The sections whose features arrive in later work: each says what will appear there, so a new
// account sees a guided dashboard rather than blank pages.
#include "web/components.hpp"
#include "web/layout.hpp"
#include "web/session_guard.hpp"

namespace pinbridge::web {
namespace {

struct SectionText {
  Section section;
  std::string_view description;
  std::string_view empty_title;
  std::string_view empty_body;
};

constexpr SectionText workflows_text{
    Section::workflows,
    "Rules that keep Pinpoint and your assessments in step without copying anything by hand.",
    "No workflows yet",
    "Workflows send assessments when an application reaches a stage, post results to the candidate's "
    "profile and move applications by outcome. Connect Pinpoint under Integrations first."};

http::Response simple_section(const Deps& deps, const accounts::SessionContext& session,
                              const SectionText& text) {
  const auto& info = section_info(text.section);
  Html html;
  page_heading(html, info.label, text.description);
  empty_state(html, text.empty_title, text.empty_body);
  return html_response(
      200, render_dashboard(deps, session, {std::string(info.label), text.section, std::move(html).str()}));
}

}  // namespace

void add_section_routes(http::Router& router, const DepsPtr& deps) {
  for (const SectionText* text : {&workflows_text}) {
    router.get(section_info(text->section).path,
               signed_in_page(deps, [deps, text](http::Request&, const accounts::SessionContext& session) {
                 return simple_section(*deps, session, *text);
               }));
  }
}

}  // namespace pinbridge::web
