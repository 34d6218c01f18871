#include "sim/plugin_client.hpp"

#include <fmt/format.h>

namespace pinbridge::sim {
namespace {

using nlohmann::json;

// Enough of an unexpected answer to recognise it on the page, not a whole error page.
constexpr std::size_t answer_excerpt_chars = 200;

std::string excerpt(const std::string& body) {
  if (body.size() <= answer_excerpt_chars) return body;
  return body.substr(0, answer_excerpt_chars) + "...";
}

Error upstream(std::string message) {
  return {ErrorCode::upstream, std::move(message)};
}

}  // namespace

PluginCredentials plugin_credentials(const PluginMeta& meta,
                                     const std::map<std::string, std::string>& configuration) {
  PluginCredentials credentials;
  for (const auto& field : meta.configuration_fields) {
    const auto it = configuration.find(field.key);
    if (it == configuration.end() || it->second.empty()) continue;
    credentials.values.emplace_back(field.key, it->second);
    if (!field.http_header.empty())
      credentials.headers.emplace_back(plugin_header_name(field.http_header), it->second);
  }
  return credentials;
}

Result<json> PluginClient::post(const std::string& url, json body, const PluginCredentials& credentials,
                                const Pairs& extra_headers) const {
  body["configurationValues"] = key_values(credentials.values);
  net::HttpRequest request{"POST",
                           url,
                           {{"Content-Type", "application/json"}, {"Accept", "application/json"}},
                           body.dump(-1, ' ', false, json::error_handler_t::replace),
                           timeout_};
  request.headers.insert(request.headers.end(), credentials.headers.begin(), credentials.headers.end());
  request.headers.insert(request.headers.end(), extra_headers.begin(), extra_headers.end());
  const auto response = client_.send(request);
  if (!response)
    return upstream(fmt::format("the plugin at {} could not be reached: {}", url, response.error().message));
  if (response->status < 200 || response->status >= 300)
    return upstream(
        fmt::format("the plugin at {} answered HTTP {}: {}", url, response->status, excerpt(response->body)));
  auto answer = json::parse(response->body, nullptr, false);
  if (answer.is_discarded() || !answer.is_object())
    return upstream(fmt::format("the plugin at {} answered with something that is not a JSON object: {}", url,
                                excerpt(response->body)));
  return answer;
}

}  // namespace pinbridge::sim
