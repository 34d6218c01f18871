// Asynchronous routes on a real Server: a request waits for its answer without holding a handler
// thread, the answer may come from any thread, and a lost answer or a shutdown cannot leave a
// connection hanging or touch a server that is gone.
#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "http/server.hpp"
#include "support/eventually.hpp"
#include "test_client.hpp"

namespace pinbridge::http {
namespace {

using test::get;
using test::TestClient;

// Keeps the Respond of every request to /wait/{id} until the test answers them.
class Waiting {
 public:
  AsyncHandler handler() {
    return [this](Request& request, const Respond& respond) {
      std::lock_guard lock(mutex_);
      pending_.push_back({std::string(request.path_param("id")), respond});
    };
  }
  std::size_t count() {
    std::lock_guard lock(mutex_);
    return pending_.size();
  }
  // Answers each waiting request with its own id, from another thread.
  void answer_all() {
    std::vector<std::pair<std::string, Respond>> taken;
    {
      std::lock_guard lock(mutex_);
      taken.swap(pending_);
    }
    std::thread([taken] {
      for (const auto& [id, respond] : taken) respond(Response::text(200, "answer " + id));
    }).join();
  }
  void drop_all() {
    std::lock_guard lock(mutex_);
    pending_.clear();
  }

 private:
  std::mutex mutex_;
  std::vector<std::pair<std::string, Respond>> pending_;
};

class AsyncRouteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Router router;
    router.add_async("GET", "/wait/{id}", waiting_.handler());
    router.add_async("GET", "/throws",
                     [](Request&, const Respond&) { throw std::runtime_error("inner detail"); });
    router.get("/plain", [](Request&) { return Response::text(200, "plain"); });
    ServerSettings settings;
    settings.port = 0;
    settings.io_threads = 1;
    settings.handler_threads = 2;  // far fewer than the requests that wait at once below
    settings.shutdown_timeout = std::chrono::milliseconds(200);
    server_ = std::make_unique<Server>(settings, std::move(router));
    server_->start();
  }
  void TearDown() override {
    if (server_) server_->shutdown();
  }

  Waiting waiting_;
  std::unique_ptr<Server> server_;
};

TEST_F(AsyncRouteTest, ManyRequestsWaitAtOnceAndEachGetsItsOwnAnswer) {
  constexpr int connections = 20;
  std::vector<std::unique_ptr<TestClient>> clients;
  for (int i = 0; i < connections; ++i) {
    clients.push_back(std::make_unique<TestClient>(server_->port()));
    ASSERT_FALSE(clients.back()->send(get("/wait/" + std::to_string(i))));
  }
  ASSERT_TRUE(testing::eventually([&] { return waiting_.count() == connections; }))
      << "every request is waiting, though there are only 2 handler threads";
  TestClient plain(server_->port());
  EXPECT_EQ(plain.request(get("/plain")).response.body(), "plain") << "the server still serves others";
  waiting_.answer_all();
  for (int i = 0; i < connections; ++i) {
    const auto [ec, response] = clients[i]->read();
    ASSERT_FALSE(ec) << ec.message();
    EXPECT_EQ(response.result_int(), 200U);
    EXPECT_EQ(response.body(), "answer " + std::to_string(i));
    EXPECT_TRUE(response.keep_alive());
  }
}

TEST_F(AsyncRouteTest, AnswerDroppedUnansweredIsA500) {
  TestClient client(server_->port());
  ASSERT_FALSE(client.send(get("/wait/1")));
  ASSERT_TRUE(testing::eventually([&] { return waiting_.count() == 1; }));
  waiting_.drop_all();
  const auto [ec, response] = client.read();
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(response.result_int(), 500U);
  const auto next = client.request(get("/plain"));
  EXPECT_EQ(next.response.body(), "plain") << "the connection is still usable";
}

TEST_F(AsyncRouteTest, HandlerThatThrowsIsA500WithoutDetail) {
  TestClient client(server_->port());
  const auto [ec, response] = client.request(get("/throws"));
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(response.result_int(), 500U);
  EXPECT_EQ(response.body().find("inner detail"), std::string::npos);
}

TEST_F(AsyncRouteTest, AnAnswerAfterShutdownTouchesNothing) {
  TestClient client(server_->port());
  ASSERT_FALSE(client.send(get("/wait/late")));
  ASSERT_TRUE(testing::eventually([&] { return waiting_.count() == 1; }));
  server_->shutdown();  // waits for the request up to shutdown_timeout, then cuts it
  server_.reset();
  waiting_.answer_all();  // the server is gone: this must do nothing at all
  EXPECT_EQ(waiting_.count(), 0U);
}

}  // namespace
}  // namespace pinbridge::http
