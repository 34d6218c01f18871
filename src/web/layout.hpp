#pragma once
// The page frames: the signed-in shell (sidebar navigation, header with the account, the user and
// Sign out) and the plain frame of the sign-in and message pages.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "accounts/sessions.hpp"
#include "http/message.hpp"
#include "web/routes.hpp"

namespace pinbridge::web {

enum class Section { assessments, invitations, integrations, workflows, activity, settings };

struct SectionInfo {
  Section section;
  std::string_view path;
  std::string_view label;
};
// The sidebar, in order.
std::span<const SectionInfo> sections();
const SectionInfo& section_info(Section section);

struct Page {
  std::string title;
  std::optional<Section> active;  // the nav item marked aria-current="page"
  std::string content;            // markup inside <main>
};

std::string render_dashboard(const Deps& deps, const accounts::SessionContext& session, const Page& page);
// A centred card without navigation, for pages seen while signed out; wide for the candidate's
// test and shared reports, which hold more than a form.
std::string render_public(const Deps& deps, std::string_view title, std::string_view content,
                          bool wide = false);

// An HTML response with the security headers and Cache-Control: no-store.
http::Response html_response(int status, std::string body);

// A short page that says what went wrong and offers one way on.
http::Response message_page(const Deps& deps, int status, std::string_view title, std::string_view message,
                            std::string_view link_href, std::string_view link_label);

}  // namespace pinbridge::web
