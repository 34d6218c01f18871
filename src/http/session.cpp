#include "http/session.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <mutex>

namespace pinbridge::http::detail {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using beast::error_code;

namespace {

constexpr std::size_t kFirstReadBytes = 4096;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
// After an error answer we read and discard what the client still sends for a while, so that
// closing with unread data (which makes the kernel send a RST) does not destroy our response.
constexpr std::chrono::seconds kLingerTime{2};

bool is_http_error(const error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category();
}

// Complete the read as a request only when it is one; these mean the peer went away.
bool is_disconnect(const error_code& ec) {
  return ec == http::error::end_of_stream || ec == http::error::partial_message || !is_http_error(ec);
}

}  // namespace

struct Session::Exchange {
  Request request;
  Response response;
  ResponseFrame frame;
};

// The way back from a handler to this connection: the answer is written on the connection's
// strand. It keeps the session alive until the answer comes, unless shutdown cuts it first
// (close_now), so that a completion arriving after the server is gone touches nothing of it.
struct Session::ReplyPath {
  std::mutex mutex;
  std::shared_ptr<Session> session;
  std::shared_ptr<Exchange> exchange;
};

Session::Session(ServerCore& core, asio::ip::tcp::socket socket) : core_(core), stream_(std::move(socket)) {
  error_code ec;
  const auto address = stream_.socket().remote_endpoint(ec).address();
  if (ec) return;
  // On a dual-stack listener IPv4 peers appear as ::ffff:a.b.c.d; logs and rate limits want a.b.c.d.
  const bool mapped = address.is_v6() && address.to_v6().is_v4_mapped();
  remote_address_ = mapped ? asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).to_string()
                           : address.to_string();
}

Session::~Session() {
  finish_in_flight();
  core_.remove_session(this);
}

void Session::start() {
  asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    self->core_.add_session(self.get(), self);
    // Registered before the check, so shutdown either sees this session or we see the flag.
    if (self->core_.draining()) return self->close();
    self->wait_for_request();
  });
}

void Session::drain() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] {
    if (self->state_ == State::idle) self->close();
  });
}

void Session::close_now() {
  if (auto path = reply_path_.lock()) {  // an answer still to come will find nobody to write to
    std::lock_guard lock(path->mutex);
    path->session.reset();
    path->exchange.reset();
  }
  error_code ec;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  stream_.socket().close(ec);
}

void Session::wait_for_request() {
  if (buffer_.size() > 0) return read_header();  // a pipelined request is already here
  state_ = State::idle;
  const auto& settings = core_.settings();
  stream_.expires_after(first_request_ ? settings.read_timeout : settings.idle_timeout);
  stream_.async_read_some(buffer_.prepare(kFirstReadBytes),
                          [self = shared_from_this()](error_code ec, std::size_t bytes) {
                            if (ec) return self->close();  // idle timeout, peer closed, or drained
                            self->buffer_.commit(bytes);
                            self->read_header();
                          });
}

void Session::read_header() {
  state_ = State::reading;
  request_started_ = Clock::now();
  deadline_ = request_started_ + core_.settings().read_timeout;
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(core_.settings().max_header_bytes));
  parser_->body_limit(core_.settings().max_body_bytes);
  stream_.expires_at(deadline_);
  http::async_read_header(stream_, buffer_, *parser_,
                          [self = shared_from_this()](error_code ec, std::size_t) { self->on_header(ec); });
}

void Session::on_header(error_code ec) {
  if (ec) return on_read_error(ec);
  const auto& message = parser_->get();
  const bool expects_continue = beast::iequals(message[http::field::expect], "100-continue");
  if (!expects_continue || parser_->is_done()) return read_body();
  // The body fits the limit (the parser checked Content-Length), so invite the client to send it.
  stream_.expires_at(deadline_);
  asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                    [self = shared_from_this()](error_code write_ec, std::size_t) {
                      if (write_ec) return self->close();
                      self->read_body();
                    });
}

void Session::read_body() {
  if (parser_->is_done()) return on_request({});
  stream_.expires_at(deadline_);
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](error_code ec, std::size_t) { self->on_request(ec); });
}

void Session::on_request(error_code ec) {
  if (ec) return on_read_error(ec);
  auto exchange = std::make_shared<Exchange>();
  const auto& message = parser_->get();
  exchange->frame = {message.version(), message.keep_alive(), message.method() == http::verb::head, {}};
  fill_request_head(message, exchange->request);
  exchange->request.body = std::move(parser_->get().body());
  exchange->request.remote_address = remote_address_;
  exchange->request.request_id = choose_request_id(exchange->request.header("X-Request-Id"));
  parser_.reset();
  state_ = State::handling;
  in_flight_ = true;
  core_.begin_request();
  if (auto problem = fill_request_target(exchange->request)) {
    exchange->request.route = "unmatched";
    exchange->response =
        Response::error(ErrorCode::invalid_input, std::move(*problem), exchange->request.request_id);
    return write(std::move(exchange), false);
  }
  dispatch(exchange);
}

void Session::on_read_error(error_code ec) {
  if (ec == http::error::header_limit)
    return respond_with_error(ErrorCode::headers_too_large, "the request headers are too large");
  if (ec == http::error::body_limit)
    return respond_with_error(ErrorCode::payload_too_large, "the request body is too large");
  if (is_disconnect(ec)) {
    spdlog::debug("connection from {} ended while reading: {}", remote_address_, ec.message());
    return close();
  }
  respond_with_error(ErrorCode::invalid_input, "malformed HTTP request");
}

// Answers a request that could not be read completely; the connection closes afterwards because
// the rest of the stream can no longer be framed.
void Session::respond_with_error(ErrorCode code, std::string message) {
  auto exchange = std::make_shared<Exchange>();
  if (parser_ && parser_->is_header_done()) fill_request_head(parser_->get(), exchange->request);
  exchange->request.remote_address = remote_address_;
  exchange->request.request_id = choose_request_id(exchange->request.header("X-Request-Id"));
  exchange->request.route = "unmatched";
  exchange->response = Response::error(code, std::move(message), exchange->request.request_id);
  exchange->frame = {11, false, false, {}};
  parser_.reset();
  state_ = State::handling;
  write(std::move(exchange), true);
}

void Session::dispatch(const std::shared_ptr<Exchange>& exchange) {
  Respond respond(reply_path(exchange), exchange->request.request_id);
  // Plain handlers may block (database, outbound calls), so they run on the handler pool, never
  // here on the I/O thread; asynchronous ones promise not to block and run here.
  auto run_blocking = [self = shared_from_this(), exchange](std::function<void()> task) {
    asio::post(self->core_.handler_pool(), [self, exchange, task = std::move(task)] { task(); });
  };
  try {
    core_.router().dispatch(exchange->request, respond, run_blocking);
  } catch (...) {  // dispatch() promises not to throw; this keeps a broken promise from killing us
    respond(Response::error(ErrorCode::internal, "internal server error", exchange->request.request_id));
  }
}

Respond::Send Session::reply_path(const std::shared_ptr<Exchange>& exchange) {
  auto path = std::make_shared<ReplyPath>();
  path->session = shared_from_this();
  path->exchange = exchange;
  reply_path_ = path;
  return [path](Response response) {
    std::lock_guard lock(path->mutex);
    if (!path->session) return;  // the server has shut down
    path->exchange->response = std::move(response);
    // An answer given on the connection's own strand (a handler that answered on the I/O thread)
    // is written at once; from any other thread it is queued to the strand.
    auto executor = path->session->stream_.get_executor();
    asio::dispatch(executor,
                   [self = std::move(path->session), exchange = std::move(path->exchange)]() mutable {
                     self->write(std::move(exchange), false);
                   });
  };
}

void Session::write(std::shared_ptr<Exchange> exchange, bool close_after) {
  if (state_ == State::closed) return;  // the connection was closed while the handler ran
  if (exchange->response.drop_connection) {
    // Deliberately no bytes at all: the peer must see a connection closed mid-request.
    core_.observe({exchange->request, 0, 0,
                   std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - request_started_)});
    return close();
  }
  state_ = State::writing;
  linger_after_write_ = close_after;
  auto& frame = exchange->frame;
  frame.keep_alive = frame.keep_alive && !close_after && !core_.draining();
  frame.request_id = exchange->request.request_id;
  try {
    response_.emplace(to_beast_response(std::move(exchange->response), frame));
  } catch (const std::exception& e) {
    spdlog::error("request_id={} could not build the response: {}", frame.request_id, e.what());
    return close();
  }
  exchange->response.status = static_cast<int>(response_->result_int());
  exchange_ = std::move(exchange);
  stream_.expires_after(core_.settings().write_timeout);
  http::async_write(stream_, *response_, [self = shared_from_this()](error_code ec, std::size_t bytes) {
    self->on_write(ec, bytes);
  });
}

void Session::on_write(error_code ec, std::size_t bytes) {
  const auto duration =
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - request_started_);
  core_.observe({exchange_->request, exchange_->response.status, bytes, duration});
  const bool keep_alive = exchange_->frame.keep_alive;
  exchange_.reset();
  response_.reset();
  finish_in_flight();
  if (ec) {
    spdlog::debug("writing to {} failed: {}", remote_address_, ec.message());
    return close();
  }
  if (linger_after_write_) return linger_then_close();
  if (!keep_alive || core_.draining()) return close();
  first_request_ = false;
  wait_for_request();
}

void Session::linger_then_close() {
  state_ = State::closing;
  error_code ec;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  deadline_ = Clock::now() + kLingerTime;
  discard_until_eof();
}

void Session::discard_until_eof() {
  buffer_.clear();
  stream_.expires_at(deadline_);  // one deadline for all of it, so a trickling client cannot hold us
  stream_.async_read_some(buffer_.prepare(kFirstReadBytes),
                          [self = shared_from_this()](error_code ec, std::size_t) {
                            if (ec) return self->close();  // EOF, timeout or error: either way we are done
                            self->discard_until_eof();
                          });
}

void Session::close() {
  if (state_ == State::closed) return;
  state_ = State::closed;
  finish_in_flight();
  error_code ec;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  stream_.close();
}

void Session::finish_in_flight() {
  if (!in_flight_) return;
  in_flight_ = false;
  core_.end_request();
}

}  // namespace pinbridge::http::detail
