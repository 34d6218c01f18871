// `pinbridge serve` as a user and an operator meet it: over real HTTP on loopback.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "schema/product_schema.hpp"
#include "support/http_client.hpp"
#include "support/pinbridge_server.hpp"

namespace pinbridge {
namespace {

using testing::HttpClient;
using testing::PinbridgeServer;

// Sends raw bytes and returns whatever the server answers before closing.
std::string raw_exchange(const std::string& url, const std::string& bytes) {
  const auto port = static_cast<std::uint16_t>(std::stoi(url.substr(url.rfind(':') + 1)));
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) return "connect failed";
  (void)!write(fd, bytes.data(), bytes.size());
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::string answer;
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;)
    answer.append(buffer, static_cast<std::size_t>(n));
  close(fd);
  return answer;
}

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ =
        new PinbridgeServer(std::map<std::string, std::string>{{"PINBRIDGE_SERVER_MAX_BODY_BYTES", "4096"}});
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static PinbridgeServer* server_;
};
PinbridgeServer* ServeTest::server_ = nullptr;

TEST_F(ServeTest, HealthAndReadiness) {
  HttpClient client(server_->url());
  const auto health = client.get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(nlohmann::json::parse(health.body)["status"], "ok");
  const auto ready = client.get("/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  EXPECT_EQ(nlohmann::json::parse(ready.body)["schema_version"], schema::product_migrations().back().version);
}

TEST_F(ServeTest, MetricsCountRequestsAndShowTheQueue) {
  HttpClient client(server_->url());
  client.get("/healthz");
  const auto metrics = client.get("/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("pinbridge_http_requests_total{"), std::string::npos);
  EXPECT_NE(metrics.body.find("route=\"/healthz\""), std::string::npos);
  EXPECT_NE(metrics.body.find("pinbridge_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(metrics.body.find("pinbridge_queue_jobs{state=\"scheduled\"} 3"), std::string::npos)
      << "the periodic jobs (session clean-up; webhook keys and call log clean-up; Pinpoint stage "
         "refresh) should be waiting:\n"
      << metrics.body;
}

TEST_F(ServeTest, UnknownRoutesAnswerTheJsonErrorWithARequestId) {
  HttpClient client(server_->url());
  const auto response = client.get("/no/such/page", {{"X-Request-Id", "trace-me-123"}});
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.header("x-request-id"), "trace-me-123");
  const auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["error"]["code"], "not_found");
  EXPECT_EQ(body["error"]["request_id"], "trace-me-123");
}

TEST_F(ServeTest, OversizedBodiesAre413AndHugeHeadersAre431) {
  HttpClient client(server_->url());
  EXPECT_EQ(client.post("/sign-in", std::string(5000, 'x'), "text/plain").status, 413);
  EXPECT_EQ(client.get("/healthz", {{"X-Padding", std::string(20'000, 'y')}}).status, 431);
  EXPECT_EQ(client.get("/healthz").status, 200) << "the server keeps serving";
}

TEST_F(ServeTest, MalformedRequestsAre400) {
  const std::string answer = raw_exchange(server_->url(), "THIS IS NOT HTTP\r\n\r\n");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 400")) << answer;
  HttpClient client(server_->url());
  EXPECT_EQ(client.get("/healthz").status, 200);
}

TEST_F(ServeTest, WritesAreRefusedWithoutASession) {
  HttpClient client(server_->url());
  const auto response = client.post_form("/settings/account", {{"name", "Hijacked"}});
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "unauthorized");
}

TEST(ServeProcess, GeneratesAPrivateMasterKeyAndStopsCleanlyOnSigterm) {
  PinbridgeServer server({}, {});
  struct stat info {};
  ASSERT_EQ(stat((server.data_dir() + "/data/master.key").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);
  server.process().signal(SIGTERM);
  EXPECT_EQ(server.process().wait_exit(), 0) << server.process().standard_error();
  EXPECT_NE(server.process().standard_error().find("\"msg\":\"stopped\""), std::string::npos);
}

TEST(ServeProcess, RefusesABadMasterKey) {
  EXPECT_THROW(
      PinbridgeServer(std::map<std::string, std::string>{{"PINBRIDGE_SECURITY_MASTER_KEY", "short"}}, {}),
      std::runtime_error);
}

TEST(ServeProcess, LogsAreJsonLinesWithoutSecrets) {
  PinbridgeServer server({}, {"--demo"});
  HttpClient client(server.url());
  client.get("/healthz");
  server.process().signal(SIGTERM);
  ASSERT_TRUE(server.process().wait_exit().has_value());
  const std::string log = server.process().standard_error();
  std::istringstream lines(log);
  int requests = 0;
  for (std::string line; std::getline(lines, line);) {
    const auto entry = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(entry.is_discarded()) << "not JSON: " << line;
    EXPECT_TRUE(entry["level"].is_string()) << line;
    EXPECT_TRUE(entry["time_ms"].is_number_integer()) << line;
    if (entry.value("msg", "") == "request") ++requests;
  }
  EXPECT_GE(requests, 1);
  EXPECT_EQ(log.find("pinbridge-demo"), std::string::npos) << "the demo password must not be logged";
}

}  // namespace
}  // namespace pinbridge
