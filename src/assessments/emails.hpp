#pragma once
// The emails candidates receive. Plain text, so every mail client shows the link as it is.
#include <string>

#include "assessments/assessment.hpp"
#include "assessments/invitation.hpp"
#include "mail/outbox.hpp"

namespace pinbridge::assessments {

mail::OutgoingEmail invitation_email(const Invitation& invitation, const Assessment& assessment,
                                     const std::string& link, const std::string& product_name);
mail::OutgoingEmail reminder_email(const Invitation& invitation, const Assessment& assessment,
                                   const std::string& link, const std::string& product_name);

}  // namespace pinbridge::assessments
