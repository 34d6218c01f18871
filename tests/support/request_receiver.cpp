#include "support/request_receiver.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace pinbridge::testing {
namespace {

constexpr const char* script_imports = R"py(
import base64, hashlib, hmac, http.server, json, os, sys
)py";

// Runs after the test's signature_valid(). Each record is written to a temporary file and renamed,
// so the test never reads half of one. HTTPServer answers one request at a time, so `count` needs
// no lock.
constexpr const char* script_server = R"py(
out = sys.argv[1]
ok_status, failing_status, fail_first_requests = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
fail_first_per_header = sys.argv[5].lower()
count = 0
seen = {}

# The status for request n (0 for the first).
def answer(n, headers):
    if n < fail_first_requests:
        return failing_status
    if fail_first_per_header:
        value = headers.get(fail_first_per_header)
        seen[value] = seen.get(value, 0) + 1
        if seen[value] == 1:
            return failing_status
    return ok_status

def secret():
    path = os.path.join(out, 'secret')
    return open(path).read().strip() if os.path.exists(path) else ''

class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        global count
        body = self.rfile.read(int(self.headers['Content-Length']))
        headers = {name.lower(): value for name, value in self.headers.items()}
        n, count = count, count + 1
        status = answer(n, headers)
        record = {'path': self.path, 'headers': headers, 'body': json.loads(body), 'answered': status,
                  'valid': signature_valid(headers, body, secret())}
        with open(os.path.join(out, '%d.tmp' % n), 'w') as f:
            json.dump(record, f)
        os.rename(os.path.join(out, '%d.tmp' % n), os.path.join(out, '%d.json' % n))
        self.send_response(status)
        self.send_header('Content-Length', '0')
        self.end_headers()

    def log_message(self, *args):
        pass

server = http.server.HTTPServer(('127.0.0.1', 0), Receiver)
with open(os.path.join(out, 'port.tmp'), 'w') as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(out, 'port.tmp'), os.path.join(out, 'port'))
server.serve_forever()
)py";

}  // namespace

RequestReceiver::RequestReceiver(const ReceiverSettings& settings) {
  const std::string script = dir_.path() + "/receiver.py";
  std::ofstream(script) << script_imports << settings.signature_check << '\n' << script_server;
  process_ = std::make_unique<ChildProcess>(
      "/usr/bin/python3",
      std::vector<std::string>{script, dir_.path(), std::to_string(settings.ok_status),
                               std::to_string(settings.failing_status),
                               std::to_string(settings.fail_first_requests), settings.fail_first_per_header},
      std::map<std::string, std::string>{}, dir_.path());
  port_ = wait_for_file(dir_.path() + "/port");
  if (port_.empty()) ADD_FAILURE() << "the receiver did not start: " << process_->standard_error();
}

std::string RequestReceiver::url(const std::string& path) const {
  return "http://127.0.0.1:" + port_ + path;
}

void RequestReceiver::set_secret(const std::string& secret) {
  std::ofstream(dir_.path() + "/secret") << secret;
}

std::vector<nlohmann::json> RequestReceiver::received() const {
  std::vector<nlohmann::json> out;
  for (std::size_t n = 0; std::filesystem::exists(record_path(n)); ++n)
    out.push_back(nlohmann::json::parse(std::ifstream(record_path(n))));
  return out;
}

nlohmann::json RequestReceiver::wait_for(std::size_t n, std::chrono::milliseconds limit) const {
  const auto text = wait_for_file(record_path(n), limit);
  return text.empty() ? nlohmann::json() : nlohmann::json::parse(text);
}

std::string RequestReceiver::record_path(std::size_t n) const {
  return dir_.path() + "/" + std::to_string(n) + ".json";
}

std::map<std::string, std::string> local_delivery_settings() {
  return {{"PINBRIDGE_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true"},
          {"PINBRIDGE_QUEUE_BACKOFF_BASE_MS", "50"},
          {"PINBRIDGE_QUEUE_POLL_INTERVAL_MS", "50"}};
}

}  // namespace pinbridge::testing
