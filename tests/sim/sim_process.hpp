#pragma once
// Runs the real pinpoint-sim binary on port 0 for a test and offers the admin-API shortcuts the
// tests need (a company, keys with chosen permissions, applications).
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/child_process.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"

namespace pinbridge::testing {

class SimProcess {
 public:
  explicit SimProcess(std::vector<std::string> extra_args = {}) {
    std::vector<std::string> args{"--port",      "0",   "--ready-file", dir_.path() + "/ready",
                                  "--log-level", "warn"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    process_ = std::make_unique<ChildProcess>(PINPOINT_SIM_BINARY, args, std::map<std::string, std::string>{},
                                              dir_.path());
    url_ = wait_for_file(dir_.path() + "/ready");
    while (!url_.empty() && (url_.back() == '\n')) url_.pop_back();
  }
  const std::string& url() const { return url_; }
  std::string output() const { return process_->standard_output(); }
  pid_t pid() const { return process_->pid(); }

  nlohmann::json admin(const std::string& method, const std::string& path, const nlohmann::json& body = {}) {
    HttpClient client(url_);
    const auto result = client.request(method, path, body.is_null() ? "" : body.dump(),
                                       {{"Content-Type", "application/json"}});
    auto parsed = nlohmann::json::parse(result.body, nullptr, false);
    if (result.status >= 300)
      ADD_FAILURE() << method << " " << path << " -> " << result.status << " " << result.body;
    return parsed;
  }

 private:
  TempDir dir_;
  std::unique_ptr<ChildProcess> process_;
  std::string url_;
};

}  // namespace pinbridge::testing
