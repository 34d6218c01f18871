#include "support/pinbridge_server.hpp"

#include <stdexcept>

namespace pinbridge::testing {

std::string pinbridge_binary() {
  return PINBRIDGE_BINARY;
}

PinbridgeServer::PinbridgeServer(std::map<std::string, std::string> environment,
                                 std::vector<std::string> args)
    : environment_(std::move(environment)) {
  environment_.emplace("PINBRIDGE_DATA_DIR", dir_.path() + "/data");
  environment_.emplace("PINBRIDGE_SERVER_LISTEN", "127.0.0.1:0");
  const std::string ready_file = dir_.path() + "/ready";
  std::vector<std::string> full_args = {"serve", "--ready-file", ready_file};
  full_args.insert(full_args.end(), args.begin(), args.end());
  process_ = std::make_unique<ChildProcess>(pinbridge_binary(), full_args, environment_, dir_.path());
  // Stop waiting as soon as the server has exited: then it is never going to be ready.
  for (int tries = 0; url_.empty() && tries < 200 && !process_->wait_exit(std::chrono::milliseconds(0));
       ++tries) {
    url_ = wait_for_file(ready_file, std::chrono::milliseconds(100));
  }
  if (url_.empty()) {
    throw std::runtime_error("pinbridge serve did not become ready: " + process_->standard_error());
  }
  url_.erase(url_.find_last_not_of("\n") + 1);
}

CommandResult PinbridgeServer::admin(const std::vector<std::string>& args,
                                     const std::string& standard_input) {
  return run_command(pinbridge_binary(), args, environment_, dir_.path(), standard_input);
}

}  // namespace pinbridge::testing
