#pragma once
// A small HTML writer that escapes by default: text and attribute values always go through
// http::html_escape, so user data cannot become markup unless a caller says raw() on purpose.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace pinbridge::web {

struct Attr {
  std::string_view name;  // an empty name drops the attribute, for attributes set conditionally
  std::string_view value;
};
using Attrs = std::initializer_list<Attr>;

class Html {
 public:
  Html& open(std::string_view tag, Attrs attrs = {});
  Html& open(std::string_view tag, const std::vector<Attr>& attrs);
  Html& close(std::string_view tag);
  // <tag attrs>text</tag>
  Html& element(std::string_view tag, Attrs attrs, std::string_view text);
  Html& element(std::string_view tag, std::string_view text) { return element(tag, {}, text); }
  // Elements without content or end tag, like <input> and <meta>.
  Html& empty(std::string_view tag, Attrs attrs);
  Html& empty(std::string_view tag, const std::vector<Attr>& attrs);
  Html& text(std::string_view text);
  // Markup we wrote ourselves or built with another Html; never user data.
  Html& raw(std::string_view markup);

  const std::string& str() const& { return out_; }
  std::string str() && { return std::move(out_); }

 private:
  template <typename Range>
  void start_tag(std::string_view tag, const Range& attrs);
  std::string out_;
};

}  // namespace pinbridge::web
