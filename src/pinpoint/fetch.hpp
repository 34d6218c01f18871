#pragma once
// Internal to the client: a call whose answer is one resource or a paged list of them.
#include <string>
#include <utility>
#include <vector>

#include "pinpoint/error.hpp"
#include "pinpoint/parse.hpp"
#include "pinpoint/transport.hpp"

namespace pinbridge::pinpoint {

inline PinpointError bad_response(const Error& parse_error, const ApiRequest& request) {
  PinpointError error;
  error.kind = ErrorKind::bad_response;
  error.status = 200;
  error.detail = parse_error.message;
  error.request = request.method + " /" + request.resource;
  return error;
}

template <typename T>
ApiResult<T> fetch_one(const Transport& transport, const ApiRequest& request, ResourceParser<T> parse) {
  auto document = transport.call(request);
  if (!document) return document.error();
  auto parsed = parse_single<T>(*document, parse);
  if (!parsed) return bad_response(parsed.error(), request);
  return std::move(parsed).value();
}

// Every page of a list: Pinpoint has no cursor and no links.next, so we ask page after page
// until one comes back shorter than page[size]. max_pages stops a server that ignores paging.
template <typename T>
ApiResult<std::vector<T>> fetch_all(const Transport& transport, ApiRequest request, ResourceParser<T> parse,
                                    int page_size, int max_pages) {
  std::vector<T> all;
  request.query.emplace_back("page[size]", std::to_string(page_size));
  request.query.emplace_back("page[number]", "1");
  for (int page = 1; page <= max_pages; ++page) {
    request.query.back().second = std::to_string(page);
    auto document = transport.call(request);
    if (!document) return document.error();
    auto items = parse_many<T>(*document, parse);
    if (!items) return bad_response(items.error(), request);
    const auto count = items->size();
    for (auto& item : *items) all.push_back(std::move(item));
    if (count < static_cast<std::size_t>(page_size)) return all;
  }
  return bad_response(Error::invalid("more than " + std::to_string(max_pages) + " pages"), request);
}

}  // namespace pinbridge::pinpoint
