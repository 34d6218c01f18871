#include "mail/delivery.hpp"

namespace pinbridge::mail {

EmailDelivery::EmailDelivery(Outbox& outbox, const SmtpSettings& settings, const Clock& clock)
    : outbox_(outbox), from_(settings.from), clock_(clock) {
  if (settings.configured()) sender_.emplace(settings);
}

jobs::JobResult EmailDelivery::run(const jobs::Job& job) {
  const auto id = job.args.at("email_id").get<std::int64_t>();
  const auto email = outbox_.find_for_delivery(id);
  if (!email) return jobs::JobResult::discard("email " + std::to_string(id) + " no longer exists");
  // A repeated run (a rescued lease) must not send twice what the server already accepted.
  if (email->status != EmailStatus::queued) return jobs::JobResult::done();
  if (!sender_) {
    outbox_.mark_held(id);
    return jobs::JobResult::done();
  }
  const MailMessage message{from_, email->email.to_address, email->email.to_name, email->email.subject,
                            email->email.text_body};
  const std::string rendered = render_message(message, clock_.now(), sender_->new_message_id());
  if (const auto failure = sender_->send(message, rendered)) return fail(*email, job, *failure);
  outbox_.mark_sent(id);
  return jobs::JobResult::done();
}

jobs::JobResult EmailDelivery::fail(const StoredEmail& email, const jobs::Job& job,
                                    const SmtpFailure& failure) {
  const bool final = failure.permanent || job.attempt >= job.max_attempts;
  outbox_.record_attempt_failure(email.id, failure.message, final);
  if (final) return jobs::JobResult::discard(failure.message);
  return jobs::JobResult::retry(failure.message);
}

}  // namespace pinbridge::mail
