#pragma once
// A receiver on loopback for what pinbridge sends out (customer webhooks, plugin result callbacks):
// python's http.server in a child process, so each test checks signatures with Python's own HMAC
// rather than with our code. It records every POST, in arrival order, and can answer with an error
// for a while to make pinbridge retry.
#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/child_process.hpp"
#include "support/test_database.hpp"

namespace pinbridge::testing {

struct ReceiverSettings {
  // Python source of `signature_valid(headers, body, secret) -> bool`, given the headers (names in
  // lower case), the raw body bytes and the secret from set_secret(); hmac, hashlib and base64 are
  // imported.
  std::string signature_check;
  int ok_status = 200;
  int failing_status = 503;
  // Answers failing_status to the first `fail_first_requests` requests (the URL is down)...
  int fail_first_requests = 0;
  // ...and, when named, to the first request with each value of this header (each message's first
  // delivery fails once).
  std::string fail_first_per_header;
};

class RequestReceiver {
 public:
  // Starts the receiver; a failure of the test when it does not listen.
  explicit RequestReceiver(const ReceiverSettings& settings);
  RequestReceiver(const RequestReceiver&) = delete;
  RequestReceiver& operator=(const RequestReceiver&) = delete;

  bool listening() const { return !port_.empty(); }
  // The receiver's URL for `path` ("/hook").
  std::string url(const std::string& path) const;
  // The secret signature_valid() checks against; set it before the first request arrives.
  void set_secret(const std::string& secret);

  // One JSON object per request: path, headers (names in lower case), body (parsed), answered (the
  // status sent back) and valid (what signature_valid() said).
  std::vector<nlohmann::json> received() const;
  // Request n (0 for the first) once it has arrived; null if it does not arrive within the limit.
  nlohmann::json wait_for(std::size_t n, std::chrono::milliseconds limit = std::chrono::seconds(15)) const;

 private:
  std::string record_path(std::size_t n) const;

  TempDir dir_;
  std::unique_ptr<ChildProcess> process_;
  std::string port_;
};

// Settings for a pinbridge that delivers to a RequestReceiver: loopback targets allowed (they are
// refused in production), and retries and queue polls every 50 ms so a test sees them quickly.
std::map<std::string, std::string> local_delivery_settings();

}  // namespace pinbridge::testing
