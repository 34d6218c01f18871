// A real Server on 127.0.0.1 port 0, spoken to over loopback with exact bytes.
#include <gtest/gtest.h>

#include "server_fixture.hpp"

namespace pinbridge::http {
namespace {

using test::get;
using test::ServerTest;
using test::TestClient;
namespace beast = boost::beast;

TEST_F(ServerTest, BindsAnEphemeralPort) {
  EXPECT_NE(server_->port(), 0);
}

TEST_F(ServerTest, SimpleGet) {
  TestClient client(server_->port());
  const auto [ec, response] = client.request(get("/hello"));
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(response.result_int(), 200U);
  EXPECT_EQ(response.body(), "hello world");
  EXPECT_EQ(response[beast::http::field::content_length], "11");
  EXPECT_EQ(response[beast::http::field::content_type], "text/plain; charset=utf-8");
  EXPECT_FALSE(response[beast::http::field::date].empty());
}

TEST_F(ServerTest, EachCookieGetsItsOwnSetCookieHeader) {
  TestClient client(server_->port());
  const auto [ec, response] = client.request(get("/two-cookies"));
  ASSERT_FALSE(ec) << ec.message();
  std::vector<std::string> cookies;
  for (const auto& field : response) {
    if (field.name() == beast::http::field::set_cookie) cookies.emplace_back(field.value());
  }
  ASSERT_EQ(cookies.size(), 2u);
  EXPECT_TRUE(cookies[0].starts_with("a=1;"));
  EXPECT_TRUE(cookies[1].starts_with("b=2;"));
}

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  TestClient client(server_->port());
  const auto first = client.request(get("/items/1"));
  ASSERT_FALSE(first.error) << first.error.message();
  EXPECT_EQ(first.response.body(), "1");
  EXPECT_TRUE(first.response.keep_alive());
  const auto second = client.request(get("/items/2"));
  ASSERT_FALSE(second.error) << second.error.message();
  EXPECT_EQ(second.response.body(), "2");
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  TestClient client(server_->port());
  ASSERT_FALSE(client.send(get("/items/a") + get("/items/b")));
  EXPECT_EQ(client.read().response.body(), "a");
  EXPECT_EQ(client.read().response.body(), "b");
}

TEST_F(ServerTest, ConnectionCloseIsHonoured) {
  TestClient client(server_->port());
  const auto [ec, response] = client.request(get("/hello", "Connection: close\r\n"));
  ASSERT_FALSE(ec);
  EXPECT_FALSE(response.keep_alive());
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(ServerTest, HeadKeepsContentLengthButSendsNoBody) {
  TestClient client(server_->port());
  const auto head = client.request("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n", true);
  ASSERT_FALSE(head.error) << head.error.message();
  EXPECT_EQ(head.response.result_int(), 200U);
  EXPECT_EQ(head.response[beast::http::field::content_length], "11");
  // Had a body been sent, it would be misread as the start of this next response.
  const auto next = client.request(get("/items/after-head"));
  ASSERT_FALSE(next.error) << next.error.message();
  EXPECT_EQ(next.response.body(), "after-head");
}

TEST_F(ServerTest, PathIsPercentDecodedAndQueryParsed) {
  TestClient client(server_->port());
  EXPECT_EQ(client.request(get("/items/a%20b")).response.body(), "a b");
  const auto query = client.request(get("/query?x=1&y=a+b&z=%41"));
  EXPECT_EQ(nlohmann::json::parse(query.response.body()),
            nlohmann::json({{"x", "1"}, {"y", "a b"}, {"z", "A"}}));
}

TEST_F(ServerTest, UndecodablePathIs400) {
  TestClient client(server_->port());
  const auto [ec, response] = client.request(get("/items/%zz"));
  ASSERT_FALSE(ec);
  EXPECT_EQ(response.result_int(), 400U);
  EXPECT_EQ(error_of(response)["code"], "invalid_input");
}

TEST_F(ServerTest, UnknownRouteIs404Json) {
  TestClient client(server_->port());
  const auto [ec, response] = client.request(get("/nope"));
  ASSERT_FALSE(ec);
  EXPECT_EQ(response.result_int(), 404U);
  EXPECT_EQ(response[beast::http::field::content_type], "application/json");
  EXPECT_EQ(error_of(response)["request_id"], std::string(response["X-Request-Id"]));
}

TEST_F(ServerTest, PostBodyReachesHandler) {
  TestClient client(server_->port());
  const auto [ec, response] =
      client.request("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello");
  ASSERT_FALSE(ec);
  EXPECT_EQ(response.body(), "hello");
}

TEST_F(ServerTest, ChunkedBodyReachesHandler) {
  TestClient client(server_->port());
  const auto [ec, response] = client.request(
      "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
  ASSERT_FALSE(ec);
  EXPECT_EQ(response.body(), "abcde");
}

TEST_F(ServerTest, ExpectContinueGetsInterimResponse) {
  TestClient client(server_->port());
  const auto interim =
      client.request("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
  ASSERT_FALSE(interim.error) << interim.error.message();
  EXPECT_EQ(interim.response.result_int(), 100U);
  const auto [ec, response] = client.request("abc");
  ASSERT_FALSE(ec);
  EXPECT_EQ(response.body(), "abc");
}

TEST_F(ServerTest, RemoteAddressIsTheLoopbackPeer) {
  TestClient client(server_->port());
  const auto [ec, response] = client.request(get("/whoami"));
  ASSERT_FALSE(ec);
  EXPECT_EQ(nlohmann::json::parse(response.body())["remote"], "127.0.0.1");
}

}  // namespace
}  // namespace pinbridge::http
