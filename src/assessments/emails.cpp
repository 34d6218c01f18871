#include "assessments/emails.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace pinbridge::assessments {
namespace {

std::string expiry_line(const Invitation& invitation) {
  return fmt::format("The link works until {:%Y-%m-%d %H:%M} UTC.",
                     std::chrono::time_point_cast<std::chrono::seconds>(invitation.expires_at));
}

mail::OutgoingEmail addressed(const Invitation& invitation, std::string kind) {
  mail::OutgoingEmail email;
  email.account_id = invitation.account_id;
  email.kind = std::move(kind);
  email.invitation_id = invitation.id;
  email.to_address = invitation.candidate_email;
  email.to_name = invitation.candidate_name;
  return email;
}

}  // namespace

mail::OutgoingEmail invitation_email(const Invitation& invitation, const Assessment& assessment,
                                     const std::string& link, const std::string& product_name) {
  auto email = addressed(invitation, "invitation");
  email.subject = "You're invited to the " + assessment.content.name + " assessment";
  email.text_body = fmt::format(
      "Hello {},\n\n"
      "You have been invited to take the assessment \"{}\". It has {} questions and a time limit of {} "
      "minutes, which starts when you press Start.\n\n"
      "Open your private link:\n{}\n\n"
      "{} Please do not share it: it can be used once.\n\n"
      "Good luck!\n{}\n",
      invitation.candidate_name, assessment.content.name, assessment.content.questions.size(),
      assessment.content.time_limit_minutes, link, expiry_line(invitation), product_name);
  return email;
}

mail::OutgoingEmail reminder_email(const Invitation& invitation, const Assessment& assessment,
                                   const std::string& link, const std::string& product_name) {
  auto email = addressed(invitation, "reminder");
  email.subject = "Reminder: the " + assessment.content.name + " assessment is waiting for you";
  email.text_body = fmt::format(
      "Hello {},\n\n"
      "A reminder that your assessment \"{}\" has not been started yet.\n\n"
      "Open your private link:\n{}\n\n"
      "{}\n\n{}\n",
      invitation.candidate_name, assessment.content.name, link, expiry_line(invitation), product_name);
  return email;
}

}  // namespace pinbridge::assessments
