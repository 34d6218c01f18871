#pragma once
// A real SMTP server for tests: Debian's python3-aiosmtpd on a free loopback port, in a child
// process. Each message it accepts is written as JSON (envelope, raw text, headers and body as
// Python's email package decodes them, an independent reading of what we sent). A recipient
// starting with "reject" is refused with 550, for the permanent-failure path.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "support/child_process.hpp"
#include "support/test_database.hpp"

namespace pinbridge::testing {

class SmtpServer {
 public:
  SmtpServer();
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // The n-th accepted message (0-based), waiting for it briefly; null when it never came.
  nlohmann::json message(int n) const;

 private:
  TempDir dir_;
  std::unique_ptr<ChildProcess> process_;
  int port_ = 0;
};

// A loopback port with nothing listening on it.
int closed_port();

}  // namespace pinbridge::testing
