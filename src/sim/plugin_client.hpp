#pragma once
// Pinpoint's calls to an integration plugin: every one a POST of a JSON object, carrying the
// customer's configuration values twice, in the body as configurationValues and as the headers the
// meta's configurationFormFields name with useAsHttpHeader (sent lower-cased with '_' for '-', see
// plugin_header_name). The answer must be a 2xx JSON object; anything else (no answer, a timeout,
// another status, a body that is not JSON) is an upstream Error saying which, for the page to show.
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "net/http_client.hpp"
#include "sim/plugin_protocol.hpp"

namespace pinbridge::sim {

using Pairs = std::vector<std::pair<std::string, std::string>>;

// What a plugin's stored configuration adds to each call.
struct PluginCredentials {
  Pairs values;   // key -> value, for configurationValues (only the fields the customer filled in)
  Pairs headers;  // header name (Pinpoint's form) -> value
};
PluginCredentials plugin_credentials(const PluginMeta& meta,
                                     const std::map<std::string, std::string>& configuration);

class PluginClient {
 public:
  explicit PluginClient(std::chrono::milliseconds timeout) : timeout_(timeout) {}
  // POSTs body, with configurationValues added, to url; extra_headers go after the credentials'.
  Result<nlohmann::json> post(const std::string& url, nlohmann::json body,
                              const PluginCredentials& credentials, const Pairs& extra_headers = {}) const;

 private:
  std::chrono::milliseconds timeout_;
  net::HttpClient client_;
};

}  // namespace pinbridge::sim
