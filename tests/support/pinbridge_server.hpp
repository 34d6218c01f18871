#pragma once
// A real `pinbridge serve` process for integration tests: its own data folder, a free port, and
// the URL it writes to its ready file once it listens.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "support/child_process.hpp"
#include "support/test_database.hpp"

namespace pinbridge::testing {

class PinbridgeServer {
 public:
  // environment adds PINBRIDGE_* settings; args are added after "serve".
  explicit PinbridgeServer(std::map<std::string, std::string> environment = {},
                           std::vector<std::string> args = {"--demo"});
  const std::string& url() const { return url_; }
  const std::string& data_dir() const { return dir_.path(); }
  ChildProcess& process() { return *process_; }
  // Runs `pinbridge ARGS...` against the same data folder and settings.
  CommandResult admin(const std::vector<std::string>& args, const std::string& standard_input = "");

 private:
  TempDir dir_;
  std::map<std::string, std::string> environment_;
  std::unique_ptr<ChildProcess> process_;
  std::string url_;
};

// The path of the built pinbridge binary.
std::string pinbridge_binary();

}  // namespace pinbridge::testing
