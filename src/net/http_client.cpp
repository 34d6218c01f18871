#include "net/http_client.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <mutex>

#include "core/text.hpp"

namespace pinbridge::net {
namespace {

// curl_global_init is not thread-safe, so it runs exactly once, before the first handle exists.
void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

// Called once per header line, status lines included; a new status line (after 100 Continue)
// starts the header list afresh so only the final response's headers remain.
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& headers = *static_cast<std::vector<std::pair<std::string, std::string>>*>(user);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    headers.clear();
  } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    headers.emplace_back(ascii_lower(trim(line.substr(0, colon))), trim(line.substr(colon + 1)));
  }
  return size * count;
}

struct CurlDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// One easy handle per thread for clients that reuse connections; cleaned up when the thread ends.
CURL* thread_handle() {
  thread_local const std::unique_ptr<CURL, CurlDeleter> handle(curl_easy_init());
  return handle.get();
}

using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;

// The request's headers in order, then "Expect:": curl adds "Expect: 100-continue" to larger
// bodies, which costs a round trip per request. Empty (null) when curl runs out of memory.
HeaderList header_lines(const std::vector<std::pair<std::string, std::string>>& headers) {
  HeaderList list;
  const auto append = [&list](const std::string& line) {
    curl_slist* appended = curl_slist_append(list.get(), line.c_str());
    if (appended == nullptr) return false;
    (void)list.release();
    list.reset(appended);
    return true;
  };
  for (const auto& [name, value] : headers)
    if (!append(std::string(name).append(": ").append(value))) return nullptr;
  if (!append("Expect:")) return nullptr;
  return list;
}

void configure(CURL* curl, const HttpRequest& request, curl_slist* headers, HttpResponse& response) {
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  if (request.method == "HEAD") curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM for timeouts: required with threads
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  const std::string wanted = ascii_lower(name);
  for (const auto& [key, value] : headers)
    if (key == wanted) return value;
  return std::nullopt;
}

std::optional<std::chrono::milliseconds> HttpResponse::retry_after(std::chrono::milliseconds cap) const {
  const auto value = header("retry-after");
  if (!value) return std::nullopt;
  long long seconds = 0;
  const auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), seconds);
  if (error != std::errc() || end != value->data() + value->size() || seconds < 0) return std::nullopt;
  return std::min<std::chrono::milliseconds>(std::chrono::seconds(seconds), cap);
}

HttpClient::HttpClient() : HttpClient(HttpClientSettings{}) {}

HttpClient::HttpClient(HttpClientSettings settings) : settings_(settings) {
  global_init();
}

Result<HttpResponse> HttpClient::send(const HttpRequest& request) const {
  std::unique_ptr<CURL, CurlDeleter> owned;
  CURL* curl = nullptr;
  if (settings_.reuse_connections) {
    curl = thread_handle();
    if (curl != nullptr) curl_easy_reset(curl);  // forgets the options, keeps the connection cache
  } else {
    owned.reset(curl_easy_init());
    curl = owned.get();
  }
  if (curl == nullptr) return Error{ErrorCode::internal, "curl_easy_init failed"};
  auto header_list = header_lines(request.headers);
  if (!header_list) return Error{ErrorCode::internal, "curl_slist_append failed"};
  HttpResponse response;
  configure(curl, request, header_list.get(), response);
  const CURLcode code = curl_easy_perform(curl);
  if (code == CURLE_OPERATION_TIMEDOUT)
    return Error{ErrorCode::upstream, fmt::format("{} {} timed out after {} ms", request.method, request.url,
                                                  request.timeout.count())};
  if (code != CURLE_OK)
    return Error{ErrorCode::upstream,
                 fmt::format("{} {} failed: {}", request.method, request.url, curl_easy_strerror(code))};
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  return response;
}

}  // namespace pinbridge::net
