#pragma once
// Internal: one HTTP/1.1 connection. Every member runs on the connection's strand (the socket's
// executor) except close_now(), which the server calls only once the I/O threads have stopped.
//
// Timeouts: waiting for the first byte of a request uses read_timeout on a fresh connection and
// idle_timeout between keep-alive requests; from the first byte, one deadline of read_timeout covers
// the whole request (headers and body); writing a response has write_timeout.
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "http/beast_convert.hpp"
#include "http/server_core.hpp"

namespace pinbridge::http::detail {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(ServerCore& core, boost::asio::ip::tcp::socket socket);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void start();
  // Shutdown has begun: a connection waiting for its next request closes now; busy ones close later.
  void drain();
  // Only while no I/O thread runs: closes the socket so the peer sees the end at once.
  void close_now();

 private:
  enum class State { idle, reading, handling, writing, closing, closed };
  struct Exchange;
  using Clock = std::chrono::steady_clock;

  void wait_for_request();
  void read_header();
  void on_header(boost::beast::error_code ec);
  void read_body();
  void on_request(boost::beast::error_code ec);
  void on_read_error(boost::beast::error_code ec);
  void respond_with_error(ErrorCode code, std::string message);
  void dispatch(const std::shared_ptr<Exchange>& exchange);
  struct ReplyPath;
  Respond::Send reply_path(const std::shared_ptr<Exchange>& exchange);
  void write(std::shared_ptr<Exchange> exchange, bool close_after);
  void on_write(boost::beast::error_code ec, std::size_t bytes);
  void linger_then_close();
  void discard_until_eof();
  void close();
  void finish_in_flight();

  ServerCore& core_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::optional<BeastResponse> response_;
  std::shared_ptr<Exchange> exchange_;   // the request being answered, kept for the observer
  std::weak_ptr<ReplyPath> reply_path_;  // of the request being handled, for close_now()
  std::string remote_address_;
  State state_ = State::idle;
  bool first_request_ = true;
  bool in_flight_ = false;
  bool linger_after_write_ = false;
  Clock::time_point request_started_{};
  Clock::time_point deadline_{};
};

}  // namespace pinbridge::http::detail
