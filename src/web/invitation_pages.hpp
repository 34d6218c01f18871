#pragma once
// The Invitations section's pages: the list with its invite forms, the detail page and the
// outbox. Internal to web/.
#include <string>
#include <vector>

#include "accounts/sessions.hpp"
#include "web/page_support.hpp"

namespace pinbridge::web {

// One line of a bulk invite, as the report shows it.
struct BulkOutcome {
  std::size_t line = 0;
  std::string text;
  std::string outcome;  // "invited", "existing" or "failed"
  std::string detail;   // the reason it failed, or the invitation's candidate
  std::int64_t invitation_id = 0;
};

// What the list page shows besides stored data: the invite forms' input, errors and reports.
struct InviteView {
  std::string name{}, email{}, assessment_id{};
  std::string name_error{}, email_error{}, assessment_error{};
  std::string bulk_text{}, bulk_assessment_id{}, bulk_error{};
  std::vector<BulkOutcome> bulk_report{};
  bool bulk_truncated = false;
  std::string error{}, success{};
};

http::Response invitations_page(const Deps& deps, const http::Request& request,
                                const accounts::SessionContext& session, int status, const InviteView& view);

// "Invitations | Outbox" tabs at the top of the section.
void invitation_tabs(Html& html, bool outbox);

}  // namespace pinbridge::web
