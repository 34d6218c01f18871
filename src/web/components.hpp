#pragma once
// Pieces that several pages share, so forms, notices and empty states look and behave alike.
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "web/html.hpp"

namespace pinbridge::web {

// The hidden field that carries the session's (or the sign-in form's) CSRF token.
void csrf_input(Html& html, std::string_view token);

struct Field {
  std::string_view name = {};
  std::string_view label = {};
  std::string_view value = {};
  std::string_view type = "text";
  std::string_view error = {};  // shown under the input and announced with it
  std::string_view hint = {};
  std::string_view autocomplete = "off";
  std::string_view id_prefix = "";  // keeps ids unique when two forms on a page share a field name
  bool required = true;
};
// A labelled input with its hint and error tied to it through aria-describedby.
void text_field(Html& html, const Field& field);

// A read-only value with a button that copies it (app.js); `label` names both for screen readers.
void copyable(Html& html, std::string_view id, std::string_view value, std::string_view label);

enum class Tone { success, error, info };
// A message box: role="status" for news, role="alert" for errors so screen readers speak it.
void notice(Html& html, Tone tone, std::string_view text);

// What a page shows before there is anything on it: what will appear, and how it gets there.
void empty_state(Html& html, std::string_view title, std::string_view body);

// The page's <h1> with a line that says what the page is for.
void page_heading(Html& html, std::string_view title, std::string_view description);

// "2024-11-29" in UTC.
std::string format_date(Timestamp when);

}  // namespace pinbridge::web
