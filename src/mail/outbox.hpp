#pragma once
// Every email the product sends goes through the outbox: a row written in the same transaction as
// the change that asks for it (an invitation, a reminder) plus a queue job that delivers it. With
// SMTP configured the job sends it and retries on failure; without, the row stays in the outbox,
// which the dashboard shows, so a demo or a test can still follow the candidate's link.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "jobs/job_store.hpp"
#include "store/database.hpp"

namespace pinbridge::mail {

// queued: waiting for the sender; sent: accepted by the SMTP server; held: no SMTP is configured,
// so it stays here to be read in the dashboard; failed: the SMTP server refused it for good.
enum class EmailStatus { queued, sent, held, failed };
std::string_view status_name(EmailStatus status);
EmailStatus parse_status(std::string_view name);

struct OutgoingEmail {
  std::int64_t account_id = 0;
  std::string kind;  // "invitation", "reminder"
  std::optional<std::int64_t> invitation_id;
  std::string to_address;
  std::string to_name;
  std::string subject;
  std::string text_body;
};

struct StoredEmail {
  std::int64_t id = 0;
  OutgoingEmail email;
  EmailStatus status = EmailStatus::queued;
  int attempts = 0;
  std::optional<std::string> last_error;
  Timestamp created_at;
  std::optional<Timestamp> sent_at;
};

inline constexpr std::string_view send_job_kind = "email.send";

class Outbox {
 public:
  Outbox(store::Database& database, jobs::JobStore& jobs, const Clock& clock);

  // Stores the email and enqueues its delivery, in the caller's transaction.
  std::int64_t queue(store::Connection& connection, const OutgoingEmail& email);

  // The account's emails, newest first.
  std::vector<StoredEmail> list(std::int64_t account_id, int limit, int offset);
  std::vector<StoredEmail> for_invitation(std::int64_t account_id, std::int64_t invitation_id);
  std::optional<StoredEmail> find(std::int64_t account_id, std::int64_t id);
  // For the sender, which works across accounts.
  std::optional<StoredEmail> find_for_delivery(std::int64_t id);

  // The sender's outcomes.
  void mark_sent(std::int64_t id);
  void mark_held(std::int64_t id);
  void record_attempt_failure(std::int64_t id, std::string_view error, bool final);

 private:
  store::Database& database_;
  jobs::JobStore& jobs_;
  const Clock& clock_;
};

}  // namespace pinbridge::mail
