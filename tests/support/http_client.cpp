#include "support/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <stdexcept>

namespace pinbridge::testing {
namespace {

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}

std::size_t append_header(char* data, std::size_t size, std::size_t count, void* target) {
  std::string line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    value.erase(value.find_last_not_of("\r\n") + 1);
    (*static_cast<std::map<std::string, std::string>*>(target))[name] = value;
  }
  return size * count;
}

}  // namespace

std::string HttpResult::header(const std::string& name) const {
  const auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

HttpClient::HttpClient(std::string base_url) : base_url_(std::move(base_url)), curl_(curl_easy_init()) {
  if (!curl_) throw std::runtime_error("curl_easy_init failed");
  curl_easy_setopt(static_cast<CURL*>(curl_), CURLOPT_COOKIEFILE, "");  // enable the in-memory jar
}

HttpClient::~HttpClient() {
  curl_easy_cleanup(static_cast<CURL*>(curl_));
}

HttpResult HttpClient::get(const std::string& path, const std::map<std::string, std::string>& headers) {
  return request("GET", path, "", headers);
}

HttpResult HttpClient::post(const std::string& path, const std::string& body, const std::string& content_type,
                            const std::map<std::string, std::string>& headers) {
  auto all = headers;
  all["Content-Type"] = content_type;
  return request("POST", path, body, all);
}

HttpResult HttpClient::post_form(const std::string& path, const std::map<std::string, std::string>& fields,
                                 const std::map<std::string, std::string>& headers) {
  std::string body;
  for (const auto& [name, value] : fields) {
    char* escaped =
        curl_easy_escape(static_cast<CURL*>(curl_), value.c_str(), static_cast<int>(value.size()));
    body += (body.empty() ? "" : "&") + name + "=" + escaped;
    curl_free(escaped);
  }
  return post(path, body, "application/x-www-form-urlencoded", headers);
}

HttpResult HttpClient::request(const std::string& method, const std::string& path, const std::string& body,
                               const std::map<std::string, std::string>& headers) {
  auto* curl = static_cast<CURL*>(curl_);
  HttpResult result;
  const std::string url = base_url_ + path;
  curl_slist* header_list = nullptr;
  for (const auto& [name, value] : headers)
    header_list = curl_slist_append(header_list, (name + ": " + value).c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(curl, CURLOPT_NOBODY, method == "HEAD" ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_HTTPGET, method == "GET" ? 1L : 0L);
  if (method != "GET" && method != "HEAD") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, append_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &result.headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(header_list);
  if (code != CURLE_OK)
    throw std::runtime_error(std::string("HTTP request failed: ") + curl_easy_strerror(code));
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  return result;
}

std::string form_field_value(const std::string& html, const std::string& name) {
  const std::string marker = "name=\"" + name + "\"";
  const auto at = html.find(marker);
  if (at == std::string::npos) return {};
  const auto tag_start = html.rfind('<', at);
  const auto tag_end = html.find('>', at);
  const std::string tag = html.substr(tag_start, tag_end - tag_start);
  const auto value_at = tag.find("value=\"");
  if (value_at == std::string::npos) return {};
  const auto begin = value_at + 7;
  return tag.substr(begin, tag.find('"', begin) - begin);
}

}  // namespace pinbridge::testing
