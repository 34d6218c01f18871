#pragma once
// Helpers that the assessment platform's pages share: reading form fields and ids, binding
// handlers to the dependencies, times, status badges and the signed-in "not found" page.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "accounts/sessions.hpp"
#include "assessments/invitation.hpp"
#include "core/clock.hpp"
#include "web/html.hpp"
#include "web/layout.hpp"
#include "web/session_guard.hpp"

namespace pinbridge::web {

using Fields = std::map<std::string, std::string>;

// The field's value, or "" when the form did not send it.
std::string field(const Fields& fields, const std::string& name);
// The field's value without surrounding white space (pasted keys and secrets often carry some).
std::string trimmed_field(const Fields& fields, const std::string& name);

// The messages a page shows for ?notice=KEY after a redirect: the URL names the message, so a
// link cannot make the page say something of its own.
using NoticeTexts = std::span<const std::pair<std::string_view, std::string_view>>;
// The text for the request's ?notice=, or "" when it names none of `texts`.
std::string notice_from(const http::Request& request, NoticeTexts texts);

// A positive id from a path segment or form field; nullopt for anything else.
std::optional<std::int64_t> parse_id(std::string_view text);
// A whole number within [min, max]; nullopt for anything else.
std::optional<int> parse_int(std::string_view text, int min, int max);

// "2024-11-29 14:05 UTC".
std::string format_datetime(Timestamp when);
// "12 min 5 s", "45 s".
std::string format_duration(std::int64_t milliseconds);

// A coloured pill with the invitation's status.
void status_badge(Html& html, assessments::InvitationStatus status);

// A 404 inside the dashboard's shell: another account's id reads exactly like a missing one.
http::Response dashboard_not_found(const Deps& deps, const accounts::SessionContext& session, Section section,
                                   std::string_view what, std::string_view back_href);

// Binds a handler written as fn(deps, request, session) to the shared dependencies.
template <typename Fn>
SessionHandler bind(const DepsPtr& deps, Fn fn) {
  return [deps, fn](http::Request& request, const accounts::SessionContext& session) {
    return fn(*deps, request, session);
  };
}

}  // namespace pinbridge::web
