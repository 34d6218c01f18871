#pragma once
// The fixture of the server tests: a real Server on 127.0.0.1 port 0 with small limits, a few
// routes that exercise the server, and an observer that records every request.
#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "http/server.hpp"
#include "test_client.hpp"

namespace pinbridge::http::test {

struct Observed {
  std::string route;
  std::string request_id;
  int status;
  std::size_t bytes;
};

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Router router;
    router.get("/hello", [](Request&) { return Response::text(200, "hello world"); });
    router.get("/two-cookies", [](Request&) {
      return Response::text(200, "").cookie(set_cookie("a", "1", {})).cookie(set_cookie("b", "2", {}));
    });
    router.get("/items/{id}",
               [](Request& r) { return Response::text(200, std::string(r.path_param("id"))); });
    router.get("/query", [](Request& r) { return Response::json(200, r.query); });
    router.post("/echo", [](Request& r) { return Response::text(200, r.body); });
    router.get("/whoami", [](Request& r) { return Response::json(200, {{"remote", r.remote_address}}); });
    router.get("/boom", [](Request&) -> Response { throw std::runtime_error("leaky detail"); });
    router.get("/bad-header",
               [](Request&) { return Response::text(200, "x").header("X-Evil", "a\r\nInjected: 1"); });
    router.get("/gate", [this](Request&) {
      gate_entered_.set_value();
      gate_release_.wait_for(std::chrono::seconds(10));
      return Response::text(200, "through the gate");
    });
    ServerSettings settings;
    settings.port = 0;
    settings.io_threads = 1;  // one I/O thread: proves a blocked handler does not block I/O
    settings.handler_threads = 2;
    settings.max_body_bytes = 1024;
    settings.max_header_bytes = 4096;
    server_ = std::make_unique<Server>(settings, std::move(router), [this](const RequestRecord& record) {
      std::lock_guard lock(observed_mutex_);
      observed_.push_back(
          {record.request.route, record.request.request_id, record.status, record.response_bytes});
    });
    server_->start();
  }

  void TearDown() override { server_->shutdown(); }

  std::vector<Observed> observed() {
    std::lock_guard lock(observed_mutex_);
    return observed_;
  }

  nlohmann::json error_of(const ClientResponse& response) {
    return nlohmann::json::parse(response.body())["error"];
  }

  std::unique_ptr<Server> server_;
  std::promise<void> gate_entered_;
  std::promise<void> gate_release_promise_;
  std::shared_future<void> gate_release_ = gate_release_promise_.get_future().share();
  std::mutex observed_mutex_;
  std::vector<Observed> observed_;
};

}  // namespace pinbridge::http::test
