// Bad input, limits, failures and observability of a real Server: every case must end in a clear
// answer (or a closed connection) and the server must keep serving afterwards.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "server_fixture.hpp"
#include "support/eventually.hpp"

namespace pinbridge::http {
namespace {

using test::get;
using test::ServerTest;
using test::TestClient;
namespace beast = boost::beast;

// The observer runs after the write completes, possibly just after the client has read it.
using pinbridge::testing::eventually;

TEST_F(ServerTest, BodyOverLimitIs413AndConnectionCloses) {
  TestClient client(server_->port());
  const auto [ec, response] = client.request(
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2000\r\n\r\n" + std::string(2000, 'x'));
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(response.result_int(), 413U);
  EXPECT_EQ(error_of(response)["code"], "payload_too_large");
  EXPECT_FALSE(response.keep_alive());
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(ServerTest, ChunkedBodyOverLimitIs413) {
  TestClient client(server_->port());
  std::string request = "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 3; ++i) request += "200\r\n" + std::string(512, 'y') + "\r\n";
  request += "0\r\n\r\n";
  const auto [ec, response] = client.request(request);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(response.result_int(), 413U);
}

TEST_F(ServerTest, BodyAtLimitIsAccepted) {
  TestClient client(server_->port());
  const auto [ec, response] = client.request(
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1024\r\n\r\n" + std::string(1024, 'z'));
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(response.result_int(), 200U);
  EXPECT_EQ(response.body().size(), 1024U);
}

TEST_F(ServerTest, HugeHeadersAre431) {
  TestClient client(server_->port());
  const auto [ec, response] = client.request(get("/hello", "X-Big: " + std::string(8000, 'h') + "\r\n"));
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(response.result_int(), 431U);
  EXPECT_EQ(error_of(response)["code"], "headers_too_large");
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(ServerTest, GarbageIs400AndConnectionCloses) {
  TestClient client(server_->port());
  const auto [ec, response] = client.request(std::string("\x01\x02\xff garbage \x7f\r\n\r\n", 17));
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(response.result_int(), 400U);
  EXPECT_EQ(error_of(response)["code"], "invalid_input");
  EXPECT_FALSE(std::string(response["X-Request-Id"]).empty());
  EXPECT_TRUE(client.closed_by_server());
  TestClient next(server_->port());
  EXPECT_EQ(next.request(get("/hello")).response.result_int(), 200U);
}

TEST_F(ServerTest, BadHttpVersionAndBadContentLengthAre400) {
  TestClient version(server_->port());
  EXPECT_EQ(version.request("GET /hello HTTP/9\r\nHost: t\r\n\r\n").response.result_int(), 400U);
  TestClient length(server_->port());
  EXPECT_EQ(length.request("POST /echo HTTP/1.1\r\nContent-Length: -5\r\n\r\n").response.result_int(), 400U);
  TestClient target(server_->port());
  EXPECT_EQ(target.request("GET http://x/hello HTTP/1.1\r\nHost: t\r\n\r\n").response.result_int(), 400U);
}

TEST_F(ServerTest, ClientRequestIdIsEchoedWhenSane) {
  TestClient client(server_->port());
  const auto sane = client.request(get("/hello", "X-Request-Id: abc.DEF_123-x\r\n"));
  EXPECT_EQ(sane.response["X-Request-Id"], "abc.DEF_123-x");
  const auto error = client.request(get("/nope", "X-Request-Id: trace-9\r\n"));
  EXPECT_EQ(error_of(error.response)["request_id"], "trace-9");
}

TEST_F(ServerTest, InsaneRequestIdIsReplaced) {
  TestClient client(server_->port());
  for (const std::string& bad :
       std::vector<std::string>{"has space", std::string(65, 'a'), "semi;colon", "\"x\""}) {
    const auto [ec, response] = client.request(get("/hello", "X-Request-Id: " + bad + "\r\n"));
    ASSERT_FALSE(ec);
    const std::string id(response["X-Request-Id"]);
    EXPECT_NE(id, bad);
    EXPECT_EQ(id.size(), 16U) << id;  // 12 random bytes, base64url
  }
}

TEST_F(ServerTest, RequestIdIsGeneratedAndUnique) {
  TestClient client(server_->port());
  const std::string first(client.request(get("/hello")).response["X-Request-Id"]);
  const std::string second(client.request(get("/hello")).response["X-Request-Id"]);
  EXPECT_EQ(first.size(), 16U);
  EXPECT_NE(first, second);
}

TEST_F(ServerTest, HandlerExceptionIs500AndServingContinues) {
  TestClient client(server_->port());
  const auto [ec, response] = client.request(get("/boom"));
  ASSERT_FALSE(ec);
  EXPECT_EQ(response.result_int(), 500U);
  EXPECT_EQ(error_of(response)["code"], "internal");
  EXPECT_EQ(response.body().find("leaky"), std::string::npos);
  EXPECT_EQ(client.request(get("/hello")).response.body(), "hello world");  // same connection
  TestClient other(server_->port());
  EXPECT_EQ(other.request(get("/hello")).response.result_int(), 200U);
}

TEST_F(ServerTest, HeaderWithNewlineFromHandlerIsDropped) {
  TestClient client(server_->port());
  const auto [ec, response] = client.request(get("/bad-header"));
  ASSERT_FALSE(ec);
  EXPECT_EQ(response.result_int(), 200U);
  EXPECT_EQ(response.find("Injected"), response.end());
  EXPECT_EQ(response.find("X-Evil"), response.end());
}

TEST_F(ServerTest, ObserverSeesEveryRequest) {
  TestClient client(server_->port());
  const auto ok = client.request(get("/items/9", "X-Request-Id: obs-1\r\n"));
  ASSERT_FALSE(ok.error);
  const auto missing = client.request(get("/missing", "X-Request-Id: obs-2\r\n"));
  ASSERT_FALSE(missing.error);
  ASSERT_TRUE(eventually([&] { return observed().size() >= 2; }));
  const auto records = observed();
  EXPECT_EQ(records[0].route, "/items/{id}");
  EXPECT_EQ(records[0].request_id, "obs-1");
  EXPECT_EQ(records[0].status, 200);
  EXPECT_GT(records[0].bytes, 1U);
  EXPECT_EQ(records[1].route, "unmatched");
  EXPECT_EQ(records[1].status, 404);
}

TEST_F(ServerTest, ObserverSeesRejectedRequests) {
  TestClient client(server_->port());
  ASSERT_FALSE(client.request(get("/hello", "X-Big: " + std::string(8000, 'h') + "\r\n")).error);
  ASSERT_TRUE(eventually([&] { return !observed().empty(); }));
  EXPECT_EQ(observed()[0].status, 431);
  EXPECT_EQ(observed()[0].route, "unmatched");
}

TEST_F(ServerTest, BlockedHandlerDoesNotBlockOtherConnections) {
  TestClient blocked(server_->port());
  ASSERT_FALSE(blocked.send(get("/gate")));
  ASSERT_EQ(gate_entered_.get_future().wait_for(std::chrono::seconds(5)), std::future_status::ready);
  TestClient other(server_->port());  // the only I/O thread must still be free
  EXPECT_EQ(other.request(get("/hello")).response.body(), "hello world");
  gate_release_promise_.set_value();
  EXPECT_EQ(blocked.read().response.body(), "through the gate");
}

}  // namespace
}  // namespace pinbridge::http
