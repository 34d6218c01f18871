#pragma once
// A small libcurl client for tests: one request at a time, a cookie jar, no redirects followed
// (tests assert on them), and the raw status, headers and body.
#include <map>
#include <string>

namespace pinbridge::testing {

struct HttpResult {
  long status = 0;
  std::map<std::string, std::string> headers;  // lower-case names; the last value wins
  std::string body;
  std::string header(const std::string& name) const;
};

class HttpClient {
 public:
  explicit HttpClient(std::string base_url);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResult get(const std::string& path, const std::map<std::string, std::string>& headers = {});
  HttpResult post(const std::string& path, const std::string& body, const std::string& content_type,
                  const std::map<std::string, std::string>& headers = {});
  // POSTs a form; fields are URL-encoded.
  HttpResult post_form(const std::string& path, const std::map<std::string, std::string>& fields,
                       const std::map<std::string, std::string>& headers = {});
  HttpResult request(const std::string& method, const std::string& path, const std::string& body,
                     const std::map<std::string, std::string>& headers);
  const std::string& base_url() const { return base_url_; }

 private:
  std::string base_url_;
  void* curl_;  // CURL*, kept across requests so its cookie engine remembers cookies
};

// The value of name="..." hidden field, e.g. the CSRF token, from an HTML page.
std::string form_field_value(const std::string& html, const std::string& name);

}  // namespace pinbridge::testing
