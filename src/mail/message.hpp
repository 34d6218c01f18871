#pragma once
// Renders an outgoing email as an RFC 5322 message: the header block (From, To with the
// candidate's name, Subject, Date, Message-ID, MIME headers) and a UTF-8 plain-text body in
// quoted-printable, so the message is 7-bit clean and no line exceeds 76 characters whatever the
// server supports (curl does not announce 8BITMIME). Non-ASCII names and subjects become RFC 2047
// encoded words. The SMTP envelope and dot-stuffing are libcurl's job, not this file's.
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace pinbridge::mail {

struct MailMessage {
  std::string from;  // "Name <address>" or a bare address, as configured in smtp.from
  std::string to_address;
  std::string to_name;
  std::string subject;
  std::string text_body;  // UTF-8, lines separated by \n or \r\n
};

// The address inside "Name <address>", or the whole text when there are no angle brackets.
std::string envelope_address(std::string_view mailbox);

// A display name as a header phrase: a quoted string when ASCII, else RFC 2047 encoded words.
std::string encode_display_name(std::string_view name);
// Unstructured header text (Subject): as is when printable ASCII, else RFC 2047 encoded words.
std::string encode_header_text(std::string_view text);
// Quoted-printable (RFC 2045) with CRLF line breaks and soft breaks at 76 characters.
std::string quoted_printable(std::string_view text);
// "Tue, 14 Nov 2023 22:13:20 +0000".
std::string rfc5322_date(Timestamp when);

// The whole message, header and body, with CRLF line ends.
std::string render_message(const MailMessage& message, Timestamp date, std::string_view message_id);

}  // namespace pinbridge::mail
