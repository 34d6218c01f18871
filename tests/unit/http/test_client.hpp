#pragma once
// A raw HTTP/1.1 client for the server tests: it sends exact bytes (including broken ones) and
// parses responses with Beast. Every operation has a deadline so a server bug fails a test instead
// of hanging it.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

// GCC 12 reports a -Wnull-dereference false positive inside Boost.Asio 1.74's scheduler; the pragma
// has to precede the first Asio include because the warning is attributed to the header's lines.
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

namespace pinbridge::http::test {

namespace beast = boost::beast;
using ClientResponse = beast::http::response<beast::http::string_body>;

struct ReadResult {
  beast::error_code error;
  ClientResponse response;
};

class TestClient {
 public:
  explicit TestClient(std::uint16_t port, std::chrono::seconds timeout = std::chrono::seconds(10))
      : timeout_(timeout) {
    const boost::asio::ip::tcp::endpoint endpoint(boost::asio::ip::make_address("127.0.0.1"), port);
    stream_.expires_after(timeout_);
    stream_.async_connect(endpoint, [this](beast::error_code ec) { connect_error_ = ec; });
    run();
  }

  // Non-empty when the connection could not be made (e.g. refused after shutdown).
  beast::error_code connect_error() const { return connect_error_; }

  beast::error_code send(std::string_view bytes) {
    beast::error_code result;
    stream_.expires_after(timeout_);
    boost::asio::async_write(stream_, boost::asio::buffer(bytes.data(), bytes.size()),
                             [&result](beast::error_code ec, std::size_t) { result = ec; });
    run();
    return result;
  }

  // Reads one response. For a response to HEAD pass head = true (no body follows the header).
  ReadResult read(bool head = false) {
    ReadResult result;
    beast::http::response_parser<beast::http::string_body> parser;
    parser.body_limit(64 << 20);
    parser.skip(head);
    stream_.expires_after(timeout_);
    beast::http::async_read(stream_, buffer_, parser,
                            [&result](beast::error_code ec, std::size_t) { result.error = ec; });
    run();
    if (!result.error) result.response = parser.release();
    return result;
  }

  ReadResult request(std::string_view raw, bool head = false) {
    if (auto ec = send(raw)) return {ec, {}};
    return read(head);
  }

  // True when the server closed the connection (EOF or reset) with no further bytes.
  bool closed_by_server() {
    if (buffer_.size() > 0) return false;
    char byte = 0;
    beast::error_code result;
    stream_.expires_after(timeout_);
    stream_.async_read_some(boost::asio::buffer(&byte, 1), [&result](beast::error_code ec, std::size_t n) {
      result = ec;
      if (n > 0) result = {};
    });
    run();
    return result == boost::asio::error::eof || result == boost::asio::error::connection_reset;
  }

 private:
  void run() {
    io_.restart();
    io_.run();
  }

  boost::asio::io_context io_;
  beast::tcp_stream stream_{io_};
  beast::flat_buffer buffer_;
  std::chrono::seconds timeout_;
  beast::error_code connect_error_;
};

inline std::string get(std::string_view target, std::string_view extra_headers = {}) {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n" + std::string(extra_headers) + "\r\n";
}

}  // namespace pinbridge::http::test
