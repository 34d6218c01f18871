#include "mail/message.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>

#include "core/crypto.hpp"

namespace pinbridge::mail {
namespace {

// An encoded word may be 75 characters long; "=?UTF-8?B?" and "?=" take 12, leaving 63 for base64,
// which is 45 bytes of text (a multiple of 3, so no padding in the middle of a name).
constexpr std::size_t max_word_bytes = 45;
constexpr std::size_t max_qp_line = 76;

bool is_plain_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7f;
  });
}

// Header values are one line: a CR or LF from user input would start a new header.
std::string single_line(std::string_view text) {
  std::string out(text);
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
  return out;
}

// Where a chunk of at most `limit` bytes may end without cutting a UTF-8 sequence in two.
std::size_t utf8_cut(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text.size();
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return cut == 0 ? limit : cut;
}

std::string encoded_words(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    const auto cut = utf8_cut(text, max_word_bytes);
    if (!out.empty()) out += "\r\n ";  // folding whitespace between words, ignored when decoding
    out += "=?UTF-8?B?" + crypto::base64_encode(text.substr(0, cut)) + "?=";
    text.remove_prefix(cut);
  }
  return out;
}

std::string hex_escape(unsigned char c) {
  return fmt::format("={:02X}", c);
}

std::string qp_line(std::string_view line) {
  std::string out;
  std::size_t width = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    const bool last = i + 1 == line.size();
    const bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
    const std::string piece = literal ? std::string(1, static_cast<char>(c)) : hex_escape(c);
    if (width + piece.size() > max_qp_line - 1) {  // leave room for the soft break's '='
      out += "=\r\n";
      width = 0;
    }
    out += piece;
    width += piece.size();
  }
  return out;
}

}  // namespace

std::string envelope_address(std::string_view mailbox) {
  const auto open = mailbox.rfind('<');
  const auto close = mailbox.rfind('>');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
    const auto first = mailbox.find_first_not_of(' ');
    const auto last = mailbox.find_last_not_of(' ');
    return first == std::string_view::npos ? "" : std::string(mailbox.substr(first, last - first + 1));
  }
  return std::string(mailbox.substr(open + 1, close - open - 1));
}

std::string encode_display_name(std::string_view name) {
  const std::string clean = single_line(name);
  if (!is_plain_ascii(clean)) return encoded_words(clean);
  std::string quoted = "\"";
  for (char c : clean) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

std::string encode_header_text(std::string_view text) {
  const std::string clean = single_line(text);
  return is_plain_ascii(clean) ? clean : encoded_words(clean);
}

std::string quoted_printable(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (start > 0) out += "\r\n";
    out += qp_line(line);
    start = end + 1;
  }
  return out;
}

std::string rfc5322_date(Timestamp when) {
  return fmt::format("{:%a, %d %b %Y %H:%M:%S} +0000", std::chrono::floor<std::chrono::seconds>(when));
}

std::string render_message(const MailMessage& message, Timestamp date, std::string_view message_id) {
  const std::string from_address = envelope_address(message.from);
  const auto angle = message.from.find('<');
  std::string from_name = angle == std::string::npos ? "" : message.from.substr(0, angle);
  from_name.erase(from_name.find_last_not_of(' ') + 1);
  const std::string from =
      from_name.empty() ? from_address : encode_display_name(from_name) + " <" + from_address + ">";
  const std::string to = message.to_name.empty() ? single_line(message.to_address)
                                                 : encode_display_name(message.to_name) + " <" +
                                                       single_line(message.to_address) + ">";
  std::string out;
  out += "From: " + from + "\r\n";
  out += "To: " + to + "\r\n";
  out += "Subject: " + encode_header_text(message.subject) + "\r\n";
  out += "Date: " + rfc5322_date(date) + "\r\n";
  out += "Message-ID: <" + std::string(message_id) + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n";
  out += "\r\n";
  out += quoted_printable(message.text_body) + "\r\n";
  return out;
}

}  // namespace pinbridge::mail
