#include "plugin/references.hpp"

#include <array>
#include <charconv>
#include <utility>

namespace pinbridge::plugin {
namespace {

constexpr std::string_view invitation_prefix = "inv_";
constexpr std::string_view assessment_prefix = "as_";

// A positive id after the prefix, digits only ("inv_042" and "inv_4x" are not references).
std::optional<std::int64_t> parse_id(std::string_view text, std::string_view prefix) {
  if (!text.starts_with(prefix)) return std::nullopt;
  text.remove_prefix(prefix.size());
  if (text.empty() || text.front() == '0') return std::nullopt;
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

using assessments::event_kind::assessment_completed;
using assessments::event_kind::candidate_started;
using assessments::event_kind::invitation_cancelled;
using assessments::event_kind::invitation_expired;
using assessments::event_kind::result_updated;

constexpr std::array<std::pair<std::string_view, std::string_view>, 5> callback_events{{
    {candidate_started, "assessment_started"},
    {assessment_completed, "assessment_completed"},
    {result_updated, "result_updated"},
    {invitation_expired, "assessment_expired"},
    {invitation_cancelled, "assessment_cancelled"},
}};

}  // namespace

std::string invitation_reference(std::int64_t invitation_id) {
  return std::string(invitation_prefix) + std::to_string(invitation_id);
}

std::optional<std::int64_t> parse_invitation_reference(std::string_view text) {
  return parse_id(text, invitation_prefix);
}

std::string assessment_reference(std::int64_t assessment_id) {
  return std::string(assessment_prefix) + std::to_string(assessment_id);
}

std::optional<std::int64_t> parse_assessment_reference(std::string_view text) {
  return parse_id(text, assessment_prefix);
}

std::string_view pinpoint_status(assessments::InvitationStatus status) {
  using assessments::InvitationStatus;
  switch (status) {
    case InvitationStatus::invited:
    case InvitationStatus::started:
    case InvitationStatus::submitted:
      return "pending";
    case InvitationStatus::completed:
      return "completed";
    case InvitationStatus::expired:
      return "abandoned";
    case InvitationStatus::cancelled:
      return "cancelled";
  }
  return "pending";
}

std::optional<std::string_view> callback_event(std::string_view event_kind) {
  for (const auto& [kind, event] : callback_events)
    if (kind == event_kind) return event;
  return std::nullopt;
}

}  // namespace pinbridge::plugin
