#pragma once
// The "email.send" job: delivers one outbox email. Without SMTP configured the email is marked
// held and stays in the outbox for the dashboard. With SMTP it is sent and marked sent; a failure
// is recorded on the email (attempts, last_error) and the job retries from the durable queue with
// its backoff, except a permanent 5xx refusal or the last attempt, which mark the email failed.
#include <optional>

#include "core/clock.hpp"
#include "jobs/job.hpp"
#include "mail/outbox.hpp"
#include "mail/smtp_sender.hpp"

namespace pinbridge::mail {

class EmailDelivery {
 public:
  EmailDelivery(Outbox& outbox, const SmtpSettings& settings, const Clock& clock);
  jobs::JobResult run(const jobs::Job& job);

 private:
  jobs::JobResult fail(const StoredEmail& email, const jobs::Job& job, const SmtpFailure& failure);

  Outbox& outbox_;
  std::string from_;
  const Clock& clock_;
  std::optional<SmtpSender> sender_;  // empty when SMTP is not configured
};

}  // namespace pinbridge::mail
