// Response::drop_connection: the server closes the connection without writing a byte (the fault
// injector of pinpoint-sim relies on it), and keeps serving other connections.
#include <gtest/gtest.h>

#include "server_fixture.hpp"

namespace pinbridge::http {
namespace {

class DropConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Router router;
    router.get("/drop", [](Request&) {
      Response response = Response::text(200, "never sent");
      response.drop_connection = true;
      return response;
    });
    router.get("/hello", [](Request&) { return Response::text(200, "hello"); });
    ServerSettings settings;
    settings.port = 0;
    server_ = std::make_unique<Server>(settings, std::move(router));
    server_->start();
  }
  void TearDown() override { server_->shutdown(); }
  std::unique_ptr<Server> server_;
};

TEST_F(DropConnectionTest, ClosesWithoutAnyResponse) {
  test::TestClient client(server_->port());
  const auto [ec, response] = client.request(test::get("/drop"));
  // Beast reports a connection that ended before any byte of a response as end_of_stream.
  EXPECT_EQ(ec, boost::beast::http::error::end_of_stream) << ec.message() << " / " << response.result_int();
}

TEST_F(DropConnectionTest, OtherConnectionsAreServed) {
  test::TestClient dropped(server_->port());
  (void)dropped.request(test::get("/drop"));
  test::TestClient client(server_->port());
  EXPECT_EQ(client.request(test::get("/hello")).response.result_int(), 200U);
}

}  // namespace
}  // namespace pinbridge::http
