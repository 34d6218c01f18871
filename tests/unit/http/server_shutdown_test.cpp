// Start-up, timeouts and graceful shutdown of a real Server.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <system_error>
#include <thread>

#include "http/server.hpp"
#include "test_client.hpp"

namespace pinbridge::http {
namespace {

using test::get;
using test::TestClient;
using Clock = std::chrono::steady_clock;

ServerSettings test_settings() {
  ServerSettings settings;
  settings.port = 0;
  settings.io_threads = 2;
  settings.handler_threads = 2;
  return settings;
}

// A route that reports when it started and then blocks until released (or 10 s pass).
struct Gate {
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();

  Handler handler(std::string body) {
    return [this, body](Request&) {
      entered.set_value();
      released.wait_for(std::chrono::seconds(10));
      return Response::text(200, body);
    };
  }
  bool wait_entered() {
    return entered.get_future().wait_for(std::chrono::seconds(5)) == std::future_status::ready;
  }
};

TEST(ServerShutdown, InFlightRequestCompletesAndNewConnectionsAreRefused) {
  Router router;
  std::promise<void> entered;
  router.get("/slow", [&entered](Request&) {
    entered.set_value();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return Response::text(200, std::string(10000, 's'));
  });
  Server server(test_settings(), std::move(router));
  server.start();
  const auto port = server.port();
  TestClient client(port);
  ASSERT_FALSE(client.send(get("/slow")));
  ASSERT_EQ(entered.get_future().wait_for(std::chrono::seconds(5)), std::future_status::ready);
  std::thread stopper([&server] { server.shutdown(); });
  const auto [ec, response] = client.read();
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(response.result_int(), 200U);
  EXPECT_EQ(response.body(), std::string(10000, 's'));
  EXPECT_FALSE(response.keep_alive());  // draining: no more requests on this connection
  stopper.join();
  TestClient late(port);
  EXPECT_TRUE(late.connect_error()) << "a connection was accepted after shutdown";
}

TEST(ServerShutdown, IdleKeepAliveConnectionIsClosedWithoutWaitingForIt) {
  Router router;
  router.get("/hello", [](Request&) { return Response::text(200, "hi"); });
  Server server(test_settings(), std::move(router));  // idle_timeout is 60 s
  server.start();
  TestClient client(server.port());
  ASSERT_EQ(client.request(get("/hello")).response.result_int(), 200U);
  const auto started = Clock::now();
  server.shutdown();
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(5));
  EXPECT_TRUE(client.closed_by_server());
}

TEST(ServerShutdown, HandlerPastTheTimeoutLosesItsConnection) {
  Router router;
  Gate gate;
  router.get("/stuck", gate.handler("too late"));
  auto settings = test_settings();
  settings.shutdown_timeout = std::chrono::milliseconds(100);
  Server server(settings, std::move(router));
  server.start();
  TestClient client(server.port());
  ASSERT_FALSE(client.send(get("/stuck")));
  ASSERT_TRUE(gate.wait_entered());
  std::thread stopper([&server] { server.shutdown(); });
  EXPECT_TRUE(client.read().error);  // closed without an answer once the timeout passed
  gate.release.set_value();
  stopper.join();
}

TEST(ServerShutdown, IsIdempotentSafeFromManyThreadsAndReleasesWait) {
  Router router;
  Server server(test_settings(), std::move(router));
  server.start();
  std::atomic<bool> waited{false};
  std::thread waiter([&] {
    server.wait();
    waited = true;
  });
  std::thread first([&server] { server.shutdown(); });
  std::thread second([&server] { server.shutdown(); });
  first.join();
  second.join();
  waiter.join();
  EXPECT_TRUE(waited);
  server.shutdown();
  server.wait();
}

TEST(ServerShutdown, WithoutStartIsHarmless) {
  Server server(test_settings(), Router{});
  server.shutdown();
  server.wait();
  EXPECT_THROW(server.start(), std::logic_error);
}

TEST(ServerStart, PortInUseThrowsSystemError) {
  Server first(test_settings(), Router{});
  first.start();
  auto settings = test_settings();
  settings.port = first.port();
  Server second(settings, Router{});
  EXPECT_THROW(second.start(), std::system_error);
}

TEST(ServerStart, UnresolvableHostThrowsSystemError) {
  auto settings = test_settings();
  settings.host = "256.1.1.1";
  Server server(settings, Router{});
  EXPECT_THROW(server.start(), std::system_error);
}

TEST(ServerTimeouts, IdleKeepAliveConnectionIsClosedAfterIdleTimeout) {
  Router router;
  router.get("/hello", [](Request&) { return Response::text(200, "hi"); });
  auto settings = test_settings();
  settings.idle_timeout = std::chrono::milliseconds(200);
  Server server(settings, std::move(router));
  server.start();
  TestClient client(server.port());
  ASSERT_EQ(client.request(get("/hello")).response.result_int(), 200U);
  EXPECT_TRUE(client.closed_by_server());  // the client itself would wait 10 s
}

TEST(ServerTimeouts, SlowRequestIsCutOffAfterReadTimeout) {
  auto settings = test_settings();
  settings.read_timeout = std::chrono::milliseconds(200);
  Server server(settings, Router{});
  server.start();
  TestClient client(server.port());
  ASSERT_FALSE(client.send("GET /hello HTTP/1.1\r\nHost: t\r\n"));  // never finishes its headers
  EXPECT_TRUE(client.closed_by_server());
}

}  // namespace
}  // namespace pinbridge::http
