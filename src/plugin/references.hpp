#pragma once
// How the plugin names our records to Pinpoint, and how Pinpoint's assessment statuses follow an
// invitation's.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "assessments/invitation.hpp"

namespace pinbridge::plugin {

// "inv_42": the externalIdentifier Pinpoint stores for invitation 42.
std::string invitation_reference(std::int64_t invitation_id);
std::optional<std::int64_t> parse_invitation_reference(std::string_view text);
// "as_7": an assessment's value in the action form's select.
std::string assessment_reference(std::int64_t assessment_id);
std::optional<std::int64_t> parse_assessment_reference(std::string_view text);

// Pinpoint's assessment status for an invitation's: invited, started and submitted (being graded)
// are "pending", completed is "completed", expired is "abandoned", cancelled is "cancelled".
std::string_view pinpoint_status(assessments::InvitationStatus status);

// The "event" of a result callback for a domain event kind ("assessment.completed" ->
// "assessment_completed"); nullopt for kinds that send no callback.
std::optional<std::string_view> callback_event(std::string_view event_kind);

}  // namespace pinbridge::plugin
