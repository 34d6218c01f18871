#include "web/page_support.hpp"

#include <fmt/format.h>

#include <charconv>
#include <chrono>

#include "web/components.hpp"

namespace pinbridge::web {

std::string field(const Fields& fields, const std::string& name) {
  const auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

std::string trimmed_field(const Fields& fields, const std::string& name) {
  const std::string value = field(fields, name);
  const auto first = value.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return value.substr(first, value.find_last_not_of(" \t\r\n") - first + 1);
}

std::string notice_from(const http::Request& request, NoticeTexts texts) {
  const auto key = request.query.find("notice");
  if (key == request.query.end()) return {};
  for (const auto& [name, text] : texts)
    if (name == key->second) return std::string(text);
  return {};
}

std::optional<std::int64_t> parse_id(std::string_view text) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::optional<int> parse_int(std::string_view text, int min, int max) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (value < min || value > max) return std::nullopt;
  return value;
}

std::string format_datetime(Timestamp when) {
  const auto minutes = std::chrono::floor<std::chrono::minutes>(when);
  const auto day = std::chrono::floor<std::chrono::days>(minutes);
  const auto time = std::chrono::hh_mm_ss(minutes - day);
  return fmt::format("{} {:02}:{:02} UTC", format_date(when), time.hours().count(), time.minutes().count());
}

std::string format_duration(std::int64_t milliseconds) {
  const std::int64_t seconds = milliseconds / 1000;
  if (seconds < 60) return fmt::format("{} s", seconds);
  if (seconds < 3600) return fmt::format("{} min {} s", seconds / 60, seconds % 60);
  return fmt::format("{} h {} min", seconds / 3600, (seconds % 3600) / 60);
}

void status_badge(Html& html, assessments::InvitationStatus status) {
  const std::string name(assessments::status_name(status));
  html.element("span", {{"class", "badge badge-status badge-" + name}}, name);
}

http::Response dashboard_not_found(const Deps& deps, const accounts::SessionContext& session, Section section,
                                   std::string_view what, std::string_view back_href) {
  Html html;
  page_heading(html, "Not found", "");
  html.element("p", fmt::format("There is no such {} in this account.", what));
  html.element("a", {{"class", "button button-secondary"}, {"href", back_href}}, "Go back");
  return html_response(404, render_dashboard(deps, session, {"Not found", section, std::move(html).str()}));
}

}  // namespace pinbridge::web
