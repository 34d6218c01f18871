#include "http/server.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <thread>

// GCC 12 reports a -Wnull-dereference false positive inside Boost.Asio 1.74's scheduler
// (thread_info of the calling thread) in any file that runs an io_context; the pragma must precede
// the include because the warning is attributed to the header's lines.
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "core/crypto.hpp"
#include "http/server_core.hpp"
#include "http/session.hpp"

namespace pinbridge::http {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

// Accept errors such as EMFILE would spin the accept loop; a short pause lets descriptors free up.
constexpr std::chrono::milliseconds kAcceptRetryDelay{50};

[[noreturn]] void throw_system_error(const boost::system::error_code& ec, const std::string& what) {
  throw std::system_error(std::error_code(ec.value(), std::system_category()), what + ": " + ec.message());
}

}  // namespace

struct Server::Impl {
  detail::ServerCore core;
  // On a strand: accept completions and shutdown's close must not run concurrently.
  tcp::acceptor acceptor{asio::make_strand(core.io())};
  asio::steady_timer accept_retry{acceptor.get_executor()};
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::vector<std::thread> io_threads;
  std::uint16_t bound_port = 0;

  std::mutex state_mutex;
  std::condition_variable stopped_signal;
  bool started = false;
  bool stopping = false;
  bool stopped = false;

  Impl(ServerSettings settings, Router router, RequestObserver observer)
      : core(std::move(settings), std::move(router), std::move(observer)) {}

  void bind();
  void accept();
  void on_accept(const boost::system::error_code& ec, tcp::socket socket);
  void run_io();
  void drain_and_stop();
};

void Server::Impl::bind() {
  const auto& settings = core.settings();
  boost::system::error_code ec;
  tcp::resolver resolver(core.io());
  const auto results = resolver.resolve(settings.host, std::to_string(settings.port),
                                        tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) throw_system_error(ec, fmt::format("cannot resolve {}", settings.host));
  const tcp::endpoint endpoint = results.begin()->endpoint();
  const auto where = fmt::format("{}:{}", settings.host, settings.port);
  if (acceptor.open(endpoint.protocol(), ec)) throw_system_error(ec, "cannot open socket for " + where);
  if (acceptor.set_option(tcp::acceptor::reuse_address(true), ec)) throw_system_error(ec, "SO_REUSEADDR");
  if (acceptor.bind(endpoint, ec)) throw_system_error(ec, "cannot bind " + where);
  if (acceptor.listen(asio::socket_base::max_listen_connections, ec))
    throw_system_error(ec, "cannot listen on " + where);
  bound_port = acceptor.local_endpoint().port();
}

void Server::Impl::accept() {
  // Each connection gets its own strand, so its handlers never run concurrently.
  acceptor.async_accept(
      asio::make_strand(core.io()),
      [this](const boost::system::error_code& ec, tcp::socket socket) { on_accept(ec, std::move(socket)); });
}

void Server::Impl::on_accept(const boost::system::error_code& ec, tcp::socket socket) {
  if (!acceptor.is_open() || ec == asio::error::operation_aborted) return;  // shutting down
  if (ec) {
    spdlog::warn("accept failed: {}; retrying", ec.message());
    accept_retry.expires_after(kAcceptRetryDelay);
    accept_retry.async_wait([this](const boost::system::error_code& wait_ec) {
      if (!wait_ec && acceptor.is_open()) accept();
    });
    return;
  }
  try {
    std::make_shared<detail::Session>(core, std::move(socket))->start();
  } catch (const std::exception& e) {
    spdlog::error("could not start a connection: {}", e.what());
  }
  accept();
}

// An exception escaping a completion handler would end run(); log it and keep serving.
void Server::Impl::run_io() {
  while (true) {
    try {
      core.io().run();
      return;
    } catch (const std::exception& e) {
      spdlog::error("uncaught exception on an HTTP I/O thread: {}", e.what());
    } catch (...) {
      spdlog::error("uncaught non-standard exception on an HTTP I/O thread");
    }
  }
}

void Server::Impl::drain_and_stop() {
  core.start_draining();
  asio::post(acceptor.get_executor(), [this] {
    boost::system::error_code ignored;
    acceptor.close(ignored);
    accept_retry.cancel();
  });
  for (const auto& session : core.sessions()) session->drain();
  if (!core.wait_until_idle(core.settings().shutdown_timeout))
    spdlog::warn("HTTP shutdown timeout passed with requests still in flight; closing them");
  work.reset();
  core.io().stop();
  for (auto& thread : io_threads) thread.join();
  // No I/O thread runs now, so touching the sockets from here is safe.
  for (const auto& session : core.sessions()) session->close_now();
  // Queued handlers for connections that are gone are dropped; running ones are waited for.
  core.handler_pool().stop();
  core.handler_pool().join();
}

Server::Server(ServerSettings settings, Router router, RequestObserver observer)
    : impl_(std::make_unique<Impl>(std::move(settings), std::move(router), std::move(observer))) {}

Server::~Server() {
  try {
    shutdown();
  } catch (const std::exception& e) {
    spdlog::error("HTTP server destroyed improperly: {}", e.what());
  }
}

void Server::start() {
  std::lock_guard lock(impl_->state_mutex);
  if (impl_->started || impl_->stopping) throw std::logic_error("Server::start() may be called only once");
  crypto::initialize();  // request ids are drawn from generators seeded by libsodium
  try {
    impl_->bind();
  } catch (...) {
    boost::system::error_code ignored;
    impl_->acceptor.close(ignored);  // so a corrected retry of start() can open it again
    throw;
  }
  impl_->accept();
  impl_->work.emplace(impl_->core.io().get_executor());
  const int threads = std::max(1, impl_->core.settings().io_threads);
  for (int i = 0; i < threads; ++i) impl_->io_threads.emplace_back([this] { impl_->run_io(); });
  impl_->started = true;
  spdlog::info("HTTP server listening on {}:{}", impl_->core.settings().host, impl_->bound_port);
}

std::uint16_t Server::port() const {
  return impl_->bound_port;
}

void Server::shutdown() {
  // Shutdown joins the I/O threads and the handler pool; from one of them it would wait for itself.
  if (impl_->core.io().get_executor().running_in_this_thread() ||
      impl_->core.handler_pool().get_executor().running_in_this_thread()) {
    throw std::logic_error("Server::shutdown() must not be called from a handler or an I/O thread");
  }
  {
    std::unique_lock lock(impl_->state_mutex);
    if (impl_->stopping) {  // another caller runs it; wait for that one
      impl_->stopped_signal.wait(lock, [this] { return impl_->stopped; });
      return;
    }
    impl_->stopping = true;
    if (!impl_->started) {
      impl_->stopped = true;
      impl_->stopped_signal.notify_all();
      return;
    }
  }
  try {
    impl_->drain_and_stop();
  } catch (const std::exception& e) {
    spdlog::error("HTTP server shutdown failed: {}", e.what());
  }
  std::lock_guard lock(impl_->state_mutex);
  impl_->stopped = true;
  impl_->stopped_signal.notify_all();
  spdlog::info("HTTP server stopped");
}

void Server::wait() {
  std::unique_lock lock(impl_->state_mutex);
  impl_->stopped_signal.wait(lock, [this] { return impl_->stopped; });
}

}  // namespace pinbridge::http
