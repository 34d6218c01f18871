#pragma once
// Helpers for the public API's HTTP tests against a real pinbridge: sign in to the dashboard,
// create API keys through Settings › API (the only place a key is shown), and call the API.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "support/http_client.hpp"

namespace pinbridge::testing {

// Signs in through the form and returns the session's CSRF token.
inline std::string sign_in(HttpClient& client, const std::string& email, const std::string& password) {
  const auto form = client.get("/sign-in");
  const auto answer = client.post_form(
      "/sign-in",
      {{"_csrf", form_field_value(form.body, "_csrf")}, {"email", email}, {"password", password}});
  EXPECT_EQ(answer.status, 303) << answer.body;
  return form_field_value(client.get("/settings").body, "_csrf");
}

// The first match of pattern's group 1 in text, "" when none.
inline std::string capture(const std::string& text, const std::string& pattern) {
  std::smatch match;
  return std::regex_search(text, match, std::regex(pattern)) ? match[1].str() : "";
}

// Creates an API key in Settings › API and returns it, as shown once on the page.
inline std::string create_api_key(HttpClient& dashboard, const std::string& csrf, const std::string& name) {
  const auto page = dashboard.post_form("/settings/api/keys", {{"_csrf", csrf}, {"name", name}});
  EXPECT_EQ(page.status, 201) << page.body;
  return capture(page.body, "id=\"new-api-key\" value=\"(pb_live_[A-Za-z0-9_-]+)\"");
}

struct ApiAnswer {
  long status = 0;
  nlohmann::json body;
  HttpResult raw;
};

inline ApiAnswer call_api(HttpClient& client, const std::string& method, const std::string& path,
                          const std::string& key, const std::string& body = "",
                          std::map<std::string, std::string> headers = {}) {
  if (!key.empty()) headers["Authorization"] = "Bearer " + key;
  if (!body.empty()) headers.emplace("Content-Type", "application/json");
  auto raw = client.request(method, path, body, headers);
  return {raw.status, nlohmann::json::parse(raw.body, nullptr, false), raw};
}

}  // namespace pinbridge::testing
