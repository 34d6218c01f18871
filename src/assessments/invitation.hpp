#pragma once
// An invitation: one candidate asked to take one assessment, through a private single-use link.
//   invited -> started -> submitted -> completed
//   invited -> expired (not started in time)      invited | started -> cancelled (by the recruiter)
// A result is written when grading completes; re-grading adds a new version of it.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "assessments/grading.hpp"
#include "core/clock.hpp"

namespace pinbridge::assessments {

enum class InvitationStatus { invited, started, submitted, completed, expired, cancelled };
std::string_view status_name(InvitationStatus status);
std::optional<InvitationStatus> parse_invitation_status(std::string_view name);

// Who asked for the invitation: shown in the dashboard and carried on its domain events.
enum class InvitationSource { dashboard, api, workflow, plugin };
std::string_view source_name(InvitationSource source);
std::optional<InvitationSource> parse_source(std::string_view name);

// Simple integrity signals the candidate page reports while the test runs.
struct IntegritySignals {
  int left_page = 0;  // times the page was hidden or lost focus
  int pastes = 0;     // paste events into answers
  nlohmann::json to_json() const { return {{"left_page", left_page}, {"pastes", pastes}}; }
};

struct Invitation {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::int64_t assessment_id = 0;
  std::string candidate_name;
  std::string candidate_email;  // lower-case
  std::string external_ref;     // e.g. the Pinpoint application id; "" when none
  InvitationSource source = InvitationSource::dashboard;
  std::optional<std::string> callback_url;  // the plugin's result callback
  InvitationStatus status = InvitationStatus::invited;
  Answers answers;
  IntegritySignals signals;
  Overrides overrides;
  Timestamp created_at;
  Timestamp expires_at;  // the link must be opened and started before this
  std::optional<Timestamp> remind_at, reminded_at, started_at, deadline_at, submitted_at, completed_at,
      expired_at, cancelled_at;
  Timestamp updated_at;
};

// One grading of an invitation. Version 1 is the first grade; re-grades add versions.
struct AssessmentResult {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::int64_t invitation_id = 0;
  int version = 1;
  int assessment_version = 1;
  Grade grade;
  std::int64_t time_taken_ms = 0;
  std::string reason;  // "graded", "regraded" (answers changed) or "override" (a recruiter's verdict)
  Timestamp created_at;
};

// Domain event kinds the platform records (see events/event_log.hpp).
namespace event_kind {
inline constexpr std::string_view invitation_created = "invitation.created";
inline constexpr std::string_view candidate_started = "invitation.started";
inline constexpr std::string_view assessment_completed = "assessment.completed";
inline constexpr std::string_view result_updated = "result.updated";
inline constexpr std::string_view invitation_expired = "invitation.expired";
inline constexpr std::string_view invitation_cancelled = "invitation.cancelled";
}  // namespace event_kind

}  // namespace pinbridge::assessments
