#include "web/html.hpp"

#include "http/message.hpp"

namespace pinbridge::web {

template <typename Range>
void Html::start_tag(std::string_view tag, const Range& attrs) {
  out_ += '<';
  out_ += tag;
  for (const Attr& attr : attrs) {
    if (attr.name.empty()) continue;
    out_ += ' ';
    out_ += attr.name;
    out_ += "=\"";
    out_ += http::html_escape(attr.value);
    out_ += '"';
  }
  out_ += '>';
}

Html& Html::open(std::string_view tag, Attrs attrs) {
  start_tag(tag, attrs);
  return *this;
}

Html& Html::open(std::string_view tag, const std::vector<Attr>& attrs) {
  start_tag(tag, attrs);
  return *this;
}

Html& Html::close(std::string_view tag) {
  out_ += "</";
  out_ += tag;
  out_ += '>';
  return *this;
}

Html& Html::element(std::string_view tag, Attrs attrs, std::string_view text) {
  start_tag(tag, attrs);
  out_ += http::html_escape(text);
  return close(tag);
}

Html& Html::empty(std::string_view tag, Attrs attrs) {
  start_tag(tag, attrs);
  return *this;
}

Html& Html::empty(std::string_view tag, const std::vector<Attr>& attrs) {
  start_tag(tag, attrs);
  return *this;
}

Html& Html::text(std::string_view text) {
  out_ += http::html_escape(text);
  return *this;
}

Html& Html::raw(std::string_view markup) {
  out_ += markup;
  return *this;
}

}  // namespace pinbridge::web
