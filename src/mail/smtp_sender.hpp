#pragma once
// Sends one message through an SMTP server with libcurl: smtp:// upgrades to TLS when the server
// offers STARTTLS (CURLUSESSL_TRY), smtps:// is TLS from the start. libcurl speaks the protocol
// (EHLO, AUTH, MAIL FROM, RCPT TO, DATA, dot-stuffing); this class only supplies the envelope,
// the rendered message and a timeout, and sorts failures into transient and permanent.
#include <optional>
#include <string>

#include "mail/message.hpp"
#include "mail/smtp_settings.hpp"

namespace pinbridge::mail {

struct SmtpFailure {
  std::string message;  // for the outbox's last_error; never contains the password
  // The server refused with a 5xx reply: sending again will not help. Everything else
  // (connection refused, timeout, 4xx) may pass on a later attempt.
  bool permanent = false;
  int smtp_code = 0;  // the last reply code, 0 when there was none
};

class SmtpSender {
 public:
  explicit SmtpSender(SmtpSettings settings);
  // nullopt: the server accepted the message.
  std::optional<SmtpFailure> send(const MailMessage& message, std::string_view rendered) const;
  // A Message-ID local part@domain, with the domain of the From address.
  std::string new_message_id() const;

 private:
  SmtpSettings settings_;
};

}  // namespace pinbridge::mail
