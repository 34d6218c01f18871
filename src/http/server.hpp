#pragma once
// The HTTP/1.1 server on Boost.Beast/Asio: a few I/O threads run every connection asynchronously
// (no thread per connection) and a separate handler pool runs the (blocking) handlers, so a slow
// database call never stalls other connections' I/O.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/router.hpp"

namespace pinbridge::http {

struct ServerSettings {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: pick a free port (see Server::port())
  int io_threads = 2;
  int handler_threads = 8;
  std::size_t max_body_bytes = 1 << 20;            // over this: 413
  std::size_t max_header_bytes = 16 << 10;         // over this: 431
  std::chrono::milliseconds read_timeout{10'000};  // to receive a whole request once it started
  std::chrono::milliseconds write_timeout{10'000};
  std::chrono::milliseconds idle_timeout{60'000};  // keep-alive connection with no request
  std::chrono::milliseconds shutdown_timeout{10'000};
};

// Observes every finished request (access log, metrics).
struct RequestRecord {
  const Request& request;
  int status;
  std::size_t response_bytes;
  std::chrono::microseconds duration;
};
using RequestObserver = std::function<void(const RequestRecord&)>;

class Server {
 public:
  Server(ServerSettings settings, Router router, RequestObserver observer = {});
  ~Server();

  // Binds and starts the threads; throws std::system_error when the address cannot be bound.
  void start();
  // The bound port (useful with port 0), valid after start().
  std::uint16_t port() const;
  // Stops accepting, lets in-flight requests finish (up to shutdown_timeout), closes the rest.
  void shutdown();
  // Blocks until shutdown() has completed.
  void wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pinbridge::http
