#pragma once
// What the invitation side of the platform shares: its dependencies, settings and links.
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "assessments/assessment_store.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "events/event_log.hpp"
#include "jobs/job_store.hpp"
#include "mail/outbox.hpp"
#include "store/database.hpp"

namespace pinbridge::assessments {

struct InvitationSettings {
  std::chrono::milliseconds expiry{std::chrono::hours(24 * 7)};      // invited -> expired if not started
  std::chrono::milliseconds reminder_after{std::chrono::hours(48)};  // 0: no reminder
  // Answers and submissions still count this long after the deadline, for the network's sake; the
  // deadline job submits automatically once it has passed.
  std::chrono::milliseconds deadline_grace{std::chrono::seconds(5)};
  std::string product_name = "Pinbridge";
};

// The public addresses of candidate links and shareable reports. Report tokens are an HMAC of the
// invitation id under a key derived from the master key: unguessable, nothing to store, and valid
// only while the account shares reports.
class Links {
 public:
  Links(std::function<std::string()> base_url, std::string report_key);
  // The public URL of one of our paths ("/webhooks/pinpoint/abc" -> "https://host/webhooks/...").
  std::string absolute(std::string_view path) const;
  std::string candidate(std::string_view token) const;
  std::string report(std::int64_t invitation_id) const;
  std::string report_token(std::int64_t invitation_id) const;
  // The invitation a report token names, if the token is genuine.
  std::optional<std::int64_t> verify_report_token(std::string_view token) const;

 private:
  std::function<std::string()> base_url_;
  std::string report_key_;
};

struct PlatformDeps {
  store::Database& database;
  jobs::JobStore& jobs;
  events::EventLog& events;
  mail::Outbox& outbox;
  AssessmentStore& assessments;
  const Clock& clock;
  const crypto::SecretBox& secrets;  // seals candidate tokens so reminders can repeat the link
  const Links& links;
  InvitationSettings settings;
};

// Job kinds of the invitation lifecycle.
namespace job_kind {
inline constexpr std::string_view grade = "invitations.grade";
inline constexpr std::string_view expire = "invitations.expire";
inline constexpr std::string_view remind = "invitations.remind";
inline constexpr std::string_view deadline = "invitations.deadline";
}  // namespace job_kind

}  // namespace pinbridge::assessments
