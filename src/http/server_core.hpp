#pragma once
// Internal: the state the Server and its connections share. Not part of the public surface.
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "http/server.hpp"

namespace pinbridge::http::detail {

class Session;

class ServerCore {
 public:
  ServerCore(ServerSettings settings, Router router, RequestObserver observer);

  const ServerSettings& settings() const { return settings_; }
  const Router& router() const { return router_; }
  boost::asio::io_context& io() { return io_; }
  boost::asio::thread_pool& handler_pool() { return handler_pool_; }

  // Once set, connections close after their current response instead of being kept alive.
  bool draining() const { return draining_.load(); }
  void start_draining() { draining_.store(true); }

  // Requests between "fully read" and "response written"; shutdown waits for them.
  void begin_request();
  void end_request();
  // True when no request was in flight before the timeout.
  bool wait_until_idle(std::chrono::milliseconds timeout);

  void add_session(Session* key, std::weak_ptr<Session> session);
  void remove_session(Session* key);
  std::vector<std::shared_ptr<Session>> sessions();

  // Runs the observer, if any; its failures are logged and swallowed.
  void observe(const RequestRecord& record) const noexcept;

 private:
  ServerSettings settings_;
  Router router_;
  RequestObserver observer_;
  std::atomic<bool> draining_{false};

  std::mutex in_flight_mutex_;
  std::condition_variable idle_;
  int in_flight_ = 0;

  std::mutex sessions_mutex_;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;

  // Declared last so they are destroyed first: queued handlers and pending I/O hold sessions, whose
  // destructors still use the members above.
  boost::asio::io_context io_;
  boost::asio::thread_pool handler_pool_;
};

}  // namespace pinbridge::http::detail
