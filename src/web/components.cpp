#include "web/components.hpp"

#include <fmt/format.h>

#include <chrono>
#include <vector>

#include "web/routes.hpp"

namespace pinbridge::web {

void csrf_input(Html& html, std::string_view token) {
  html.empty("input", {{"type", "hidden"}, {"name", csrf_field}, {"value", token}});
}

void text_field(Html& html, const Field& field) {
  const std::string id = fmt::format("{}{}", field.id_prefix, field.name);
  const std::string hint_id = id + "-hint";
  const std::string error_id = id + "-error";
  std::string described_by;
  if (!field.hint.empty()) described_by = hint_id;
  if (!field.error.empty()) described_by += (described_by.empty() ? "" : " ") + error_id;

  html.open("div", {{"class", field.error.empty() ? "field" : "field field-invalid"}});
  html.element("label", {{"for", id}}, field.label);
  html.empty("input", std::vector<Attr>{{"type", field.type},
                                        {"id", id},
                                        {"name", field.name},
                                        {"value", field.value},
                                        {"autocomplete", field.autocomplete},
                                        {field.required ? "required" : "", "required"},
                                        {described_by.empty() ? "" : "aria-describedby", described_by},
                                        {field.error.empty() ? "" : "aria-invalid", "true"}});
  // Hints sit under the input so that inputs side by side line up whether or not they have one.
  if (!field.hint.empty()) html.element("p", {{"class", "field-hint"}, {"id", hint_id}}, field.hint);
  if (!field.error.empty()) html.element("p", {{"class", "field-error"}, {"id", error_id}}, field.error);
  html.close("div");
}

void copyable(Html& html, std::string_view id, std::string_view value, std::string_view label) {
  html.open("div", {{"class", "copy-row"}});
  html.empty(
      "input",
      {{"type", "text"}, {"id", id}, {"value", value}, {"readonly", "readonly"}, {"aria-label", label}});
  html.element("button",
               {{"type", "button"},
                {"class", "button button-secondary button-small"},
                {"data-copy", "#" + std::string(id)},
                {"aria-label", label}},
               "Copy");
  html.close("div");
}

void notice(Html& html, Tone tone, std::string_view text) {
  const char* tone_class = tone == Tone::success ? "notice notice-success"
                           : tone == Tone::error ? "notice notice-error"
                                                 : "notice notice-info";
  html.element("div", {{"class", tone_class}, {"role", tone == Tone::error ? "alert" : "status"}}, text);
}

void empty_state(Html& html, std::string_view title, std::string_view body) {
  html.open("div", {{"class", "empty-state"}});
  html.element("h2", title);
  html.element("p", body);
  html.close("div");
}

void page_heading(Html& html, std::string_view title, std::string_view description) {
  html.open("div", {{"class", "page-heading"}});
  html.element("h1", title);
  if (!description.empty()) html.element("p", {{"class", "page-description"}}, description);
  html.close("div");
}

std::string format_date(Timestamp when) {
  const auto day = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(when));
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                     static_cast<unsigned>(day.day()));
}

}  // namespace pinbridge::web
