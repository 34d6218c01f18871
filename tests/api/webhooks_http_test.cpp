// Customer webhooks end to end against the pinbridge binary: an endpoint added in Settings › API,
// a candidate who joins and submits, and a real receiver on loopback (python's http.server) that
// answers 500 to each message's first delivery and checks every signature with Python's own HMAC.
#include <gtest/gtest.h>

#include <fstream>

#include "api_client.hpp"
#include "support/child_process.hpp"
#include "support/pinbridge_server.hpp"

namespace pinbridge {
namespace {

using nlohmann::json;

constexpr const char* receiver_script = R"py(
import base64, hashlib, hmac, http.server, json, os, sys
out = sys.argv[1]
seen = {}

class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers['Content-Length']))
        msg_id, stamp = self.headers['webhook-id'], self.headers['webhook-timestamp']
        secret = open(os.path.join(out, 'secret')).read().strip()
        key = base64.b64decode(secret[len('whsec_'):])
        expected = 'v1,' + base64.b64encode(hmac.new(key, b'%s.%s.%s' % (msg_id.encode(), stamp.encode(), body),
                                                     hashlib.sha256).digest()).decode()
        seen[msg_id] = seen.get(msg_id, 0) + 1
        status = 500 if seen[msg_id] == 1 else 204
        n = len([f for f in os.listdir(out) if f.endswith('.json')])
        record = {'id': msg_id, 'timestamp': stamp, 'signature': self.headers['webhook-signature'],
                  'valid': hmac.compare_digest(expected, self.headers['webhook-signature']),
                  'body': json.loads(body), 'answered': status}
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

class WebhooksOverHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = dir_.path() + "/receiver.py";
    std::ofstream(path) << receiver_script;
    receiver_ = std::make_unique<testing::ChildProcess>("/usr/bin/python3",
                                                        std::vector<std::string>{path, dir_.path()},
                                                        std::map<std::string, std::string>{}, dir_.path());
    port_ = testing::wait_for_file(dir_.path() + "/port");
    ASSERT_FALSE(port_.empty()) << receiver_->standard_error();
  }
  json delivery(int n) {
    const auto text =
        testing::wait_for_file(dir_.path() + "/" + std::to_string(n) + ".json", std::chrono::seconds(15));
    return text.empty() ? json() : json::parse(text);
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::ChildProcess> receiver_;
  std::string port_;
  testing::PinbridgeServer server_{{{"PINBRIDGE_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true"},
                                    {"PINBRIDGE_QUEUE_BACKOFF_BASE_MS", "50"},
                                    {"PINBRIDGE_QUEUE_POLL_INTERVAL_MS", "50"}}};
};

TEST_F(WebhooksOverHttp, SignedDeliveriesAreRetriedAfterA500AndLogged) {
  testing::HttpClient dashboard(server_.url());
  const auto csrf = testing::sign_in(dashboard, "demo@pinbridge.test", "pinbridge-demo");
  EXPECT_EQ(
      dashboard
          .post_form("/settings/api/webhooks",
                     {{"_csrf", csrf}, {"url", "ftp://127.0.0.1/x"}, {"event:assessment.completed", "on"}})
          .status,
      400);
  const auto added =
      dashboard.post_form("/settings/api/webhooks", {{"_csrf", csrf},
                                                     {"url", "http://127.0.0.1:" + port_ + "/hook"},
                                                     {"event:invitation.started", "on"},
                                                     {"event:assessment.completed", "on"}});
  ASSERT_EQ(added.status, 303) << added.body;
  const auto secret =
      testing::capture(dashboard.get("/settings/api").body, "value=\"(whsec_[A-Za-z0-9+/=]+)\"");
  ASSERT_FALSE(secret.empty());
  std::ofstream(dir_.path() + "/secret") << secret;

  testing::HttpClient api(server_.url());
  const auto key = testing::create_api_key(dashboard, csrf, "webhooks");
  const auto assessment = testing::call_api(api, "GET", "/api/v1/assessments", key).body["data"].at(0)["id"];
  const auto invited = testing::call_api(
      api, "POST", "/api/v1/invitations", key,
      json{{"assessment_id", assessment}, {"candidate_name", "Ada"}, {"candidate_email", "hook@example.com"}}
          .dump());
  ASSERT_EQ(invited.status, 201) << invited.raw.body;
  const auto url = invited.body["candidate_url"].get<std::string>();
  const auto path = url.substr(url.find("/t/"));
  testing::HttpClient candidate(server_.url());
  ASSERT_LT(candidate.post_form(path + "/start", {}).status, 400);

  const auto first = delivery(0), retried = delivery(1);
  ASSERT_FALSE(retried.is_null()) << "no retry arrived";
  EXPECT_EQ(first["body"]["type"], "invitation.started");
  EXPECT_EQ(first["answered"], 500);
  EXPECT_EQ(retried["answered"], 204);
  EXPECT_EQ(retried["id"], first["id"]) << "webhook-id is stable across retries";
  EXPECT_TRUE(first["valid"].get<bool>() && retried["valid"].get<bool>()) << first.dump();
  EXPECT_EQ(first["body"]["data"]["invitation_id"], invited.body["id"]);
  EXPECT_EQ(first["body"]["data"]["candidate"]["email"], "hook@example.com");

  ASSERT_LT(candidate.post_form(path + "/submit", {}).status, 400);
  const auto completed = delivery(2), completed_retry = delivery(3);
  ASSERT_FALSE(completed_retry.is_null());
  EXPECT_EQ(completed["body"]["type"], "assessment.completed");
  EXPECT_TRUE(completed_retry["valid"].get<bool>());
  EXPECT_TRUE(completed_retry["body"]["data"].contains("score"));
  EXPECT_TRUE(completed_retry["body"]["data"].contains("report_url"));

  const auto log = dashboard.get("/settings/api").body;
  EXPECT_NE(log.find(first["id"].get<std::string>()), std::string::npos);
  EXPECT_NE(log.find("HTTP 500"), std::string::npos);
  EXPECT_NE(log.find("HTTP 204"), std::string::npos);
}

}  // namespace
}  // namespace pinbridge
