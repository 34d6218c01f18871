#include "web/security.hpp"

#include <gtest/gtest.h>

#include "http/message.hpp"
#include "web/html.hpp"

namespace pinbridge::web {
namespace {

TEST(SafeNextPath, AcceptsLocalPaths) {
  EXPECT_EQ(safe_next_path("/"), "/");
  EXPECT_EQ(safe_next_path("/settings"), "/settings");
  EXPECT_EQ(safe_next_path("/integrations?tab=plugin"), "/integrations?tab=plugin");
}

TEST(SafeNextPath, RefusesAnythingThatCouldLeaveTheSite) {
  for (const char* next : {"", "settings", "//evil.example", "/\\evil.example", "https://evil.example",
                           "javascript:alert(1)", "/\t/evil.example", "/a\\b", "/a\nb"}) {
    EXPECT_FALSE(safe_next_path(next)) << next;
  }
  EXPECT_FALSE(safe_next_path("/" + std::string(3000, 'a')));
}

http::Request with_headers(std::initializer_list<std::pair<std::string, std::string>> headers) {
  http::Request request;
  for (const auto& [name, value] : headers) request.headers[name] = value;
  return request;
}

TEST(OriginAllowed, WithoutAnOriginHeaderPasses) {
  EXPECT_TRUE(origin_allowed(with_headers({{"Host", "a.test"}})));
}

TEST(OriginAllowed, ComparesHostAndPortIgnoringTheScheme) {
  EXPECT_TRUE(
      origin_allowed(with_headers({{"Host", "127.0.0.1:8080"}, {"Origin", "http://127.0.0.1:8080"}})));
  EXPECT_TRUE(
      origin_allowed(with_headers({{"Host", "127.0.0.1:8080"}, {"Origin", "https://127.0.0.1:8080"}})));
  EXPECT_TRUE(origin_allowed(with_headers({{"Host", "Dash.Example"}, {"Origin", "https://dash.example"}})));
  EXPECT_TRUE(origin_allowed(with_headers({{"Host", "dash.example"}, {"Origin", "http://dash.example"}})));
  EXPECT_TRUE(origin_allowed(with_headers({{"Host", "[::1]:9000"}, {"Origin", "http://[::1]:9000"}})));
}

TEST(OriginAllowed, RefusesOtherOrigins) {
  EXPECT_FALSE(
      origin_allowed(with_headers({{"Host", "127.0.0.1:8080"}, {"Origin", "http://127.0.0.1:8081"}})));
  EXPECT_FALSE(origin_allowed(with_headers({{"Host", "dash.example"}, {"Origin", "https://evil.example"}})));
  EXPECT_FALSE(
      origin_allowed(with_headers({{"Host", "dash.example"}, {"Origin", "https://dash.example:8443"}})));
  EXPECT_FALSE(origin_allowed(with_headers({{"Host", "dash.example"}, {"Origin", "null"}})));
  EXPECT_FALSE(origin_allowed(with_headers({{"Origin", "https://dash.example"}})));
  EXPECT_FALSE(
      origin_allowed(with_headers({{"Host", "dash.example"}, {"Origin", "https://dash.example/x"}})));
}

TEST(OriginAllowed, AcceptsTheConfiguredPublicUrlBehindAProxy) {
  const auto proxied = with_headers({{"Host", "10.0.0.5:8080"}, {"Origin", "https://pinbridge.example.com"}});
  EXPECT_TRUE(origin_allowed(proxied, "https://pinbridge.example.com"));
  EXPECT_TRUE(origin_allowed(proxied, "https://pinbridge.example.com/"));
  EXPECT_FALSE(origin_allowed(proxied, "https://other.example.com"));
  EXPECT_FALSE(origin_allowed(proxied));
}

TEST(UrlEncode, KeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(url_encode("/a b?c=d&e"), "%2Fa%20b%3Fc%3Dd%26e");
  EXPECT_EQ(url_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(url_encode("é"), "%C3%A9");
}

TEST(Html, EscapesTextAndAttributeValues) {
  Html html;
  html.element("a", {{"href", "/x?a=1&b=\"2\""}, {"", "dropped"}, {"title", "<it's>"}}, "<b>&</b>");
  EXPECT_EQ(html.str(),
            "<a href=\"/x?a=1&amp;b=&quot;2&quot;\" title=\"&lt;it&#39;s&gt;\">&lt;b&gt;&amp;&lt;/b&gt;</a>");
}

TEST(Html, RawIsTakenAsIs) {
  Html html;
  html.open("p").raw("<em>ok</em>").close("p").empty("br", {});
  EXPECT_EQ(html.str(), "<p><em>ok</em></p><br>");
}

}  // namespace
}  // namespace pinbridge::web
