#include "http/message.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace pinbridge::http {
namespace {

Request with_cookie_header(std::string value) {
  Request request;
  request.headers["Cookie"] = std::move(value);
  return request;
}

TEST(Headers, LookupIsCaseInsensitive) {
  Request request;
  request.headers["Content-Type"] = "text/plain";
  EXPECT_EQ(request.header("content-type"), "text/plain");
  EXPECT_EQ(request.header("CONTENT-TYPE"), "text/plain");
  EXPECT_EQ(request.header("Content-Length"), std::nullopt);
}

TEST(Request, PathParamIsEmptyWhenAbsent) {
  Request request;
  request.path_params["id"] = "42";
  EXPECT_EQ(request.path_param("id"), "42");
  EXPECT_EQ(request.path_param("other"), "");
}

TEST(Cookies, FindsValueAmongSeveralWithWhitespace) {
  const auto request = with_cookie_header("  a=1 ;session = abc123 ;  theme=dark  ");
  EXPECT_EQ(request.cookie("a"), "1");
  EXPECT_EQ(request.cookie("session"), "abc123");
  EXPECT_EQ(request.cookie("theme"), "dark");
  EXPECT_EQ(request.cookie("missing"), std::nullopt);
}

TEST(Cookies, SkipsPairsWithoutEqualsAndUnquotes) {
  const auto request = with_cookie_header("flag; quoted=\"hello world\"; empty=; x=a=b");
  EXPECT_EQ(request.cookie("flag"), std::nullopt);
  EXPECT_EQ(request.cookie("quoted"), "hello world");
  EXPECT_EQ(request.cookie("empty"), "");
  EXPECT_EQ(request.cookie("x"), "a=b");
}

TEST(Cookies, FirstOfDuplicatesWinsAndNamesAreExact) {
  const auto request = with_cookie_header("sid=first; sid=second; SID=upper");
  EXPECT_EQ(request.cookie("sid"), "first");
  EXPECT_EQ(request.cookie("SID"), "upper");
  EXPECT_EQ(Request{}.cookie("sid"), std::nullopt);
  EXPECT_EQ(with_cookie_header("").cookie("sid"), std::nullopt);
  EXPECT_EQ(with_cookie_header(";;;=;").cookie("sid"), std::nullopt);
}

TEST(PercentDecode, DecodesValidSequences) {
  EXPECT_EQ(percent_decode("a%20b%2Fc%41%7e", false), "a b/cA~");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_decode("%2B", true), "+");
  EXPECT_EQ(percent_decode("", false), "");
  EXPECT_EQ(percent_decode("%00", false), std::string(1, '\0'));
}

TEST(PercentDecode, RejectsMalformedSequences) {
  EXPECT_EQ(percent_decode("%", false), std::nullopt);
  EXPECT_EQ(percent_decode("abc%2", false), std::nullopt);
  EXPECT_EQ(percent_decode("%zz", false), std::nullopt);
  EXPECT_EQ(percent_decode("%2g", true), std::nullopt);
  EXPECT_EQ(percent_decode("ok%", true), std::nullopt);
}

TEST(Form, ParsesUrlencodedBody) {
  Request request;
  request.body = "name=Ada+Lovelace&email=ada%40example.com&empty=&flag&a=1&a=2&&bad=%zz&%zz=1";
  const auto form = request.form();
  EXPECT_EQ(form.at("name"), "Ada Lovelace");
  EXPECT_EQ(form.at("email"), "ada@example.com");
  EXPECT_EQ(form.at("empty"), "");
  EXPECT_EQ(form.at("flag"), "");
  EXPECT_EQ(form.at("a"), "2");  // last one wins
  EXPECT_EQ(form.count("bad"), 0U);
  EXPECT_EQ(form.size(), 5U);
  EXPECT_TRUE(parse_urlencoded("").empty());
}

TEST(SetCookie, BuildsAllAttributes) {
  CookieOptions options;
  options.secure = true;
  options.same_site = "Strict";
  options.max_age_seconds = 3600;
  EXPECT_EQ(set_cookie("sid", "abc", options),
            "sid=abc; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Strict");
}

TEST(SetCookie, SessionCookieByDefault) {
  EXPECT_EQ(set_cookie("sid", "abc", {}), "sid=abc; Path=/; HttpOnly; SameSite=Lax");
  CookieOptions options;
  options.http_only = false;
  options.path = "/app";
  EXPECT_EQ(set_cookie("t", "1", options), "t=1; Path=/app; SameSite=Lax");
}

TEST(SetCookie, DeletionHasZeroMaxAgeAndPastExpiry) {
  CookieOptions options;
  options.max_age_seconds = 0;
  const auto value = set_cookie("sid", "", options);
  EXPECT_NE(value.find("sid=; "), std::string::npos);
  EXPECT_NE(value.find("Max-Age=0"), std::string::npos);
  EXPECT_NE(value.find("Expires=Thu, 01 Jan 1970 00:00:00 GMT"), std::string::npos);
}

TEST(SetCookie, RejectsValuesThatCouldInjectAttributes) {
  EXPECT_THROW(set_cookie("sid", "a; Domain=evil", {}), std::invalid_argument);
  EXPECT_THROW(set_cookie("sid", "a\r\nX: y", {}), std::invalid_argument);
  EXPECT_THROW(set_cookie("bad name", "a", {}), std::invalid_argument);
  EXPECT_THROW(set_cookie("", "a", {}), std::invalid_argument);
  CookieOptions options;
  options.same_site = "Sometimes";
  EXPECT_THROW(set_cookie("sid", "a", options), std::invalid_argument);
  options.same_site = "Lax";
  options.path = "/; Domain=evil";
  EXPECT_THROW(set_cookie("sid", "a", options), std::invalid_argument);
}

TEST(ResponseHelpers, ErrorUsesTheOneFormat) {
  const auto response = Response::error(ErrorCode::not_found, "no such job", "req-1");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.headers.at("content-type"), "application/json");
  const auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body, nlohmann::json::parse(
                      R"({"error":{"code":"not_found","message":"no such job","request_id":"req-1"}})"));
}

TEST(ResponseHelpers, ErrorFromErrorValueMapsStatus) {
  EXPECT_EQ(Response::error(Error::conflict("dup")).status, 409);
  EXPECT_EQ(Response::error(ErrorCode::headers_too_large, "x").status, 431);
  const auto body = nlohmann::json::parse(Response::error(Error::invalid("bad"), "id").body);
  EXPECT_EQ(body["error"]["code"], "invalid_input");
  EXPECT_EQ(body["error"]["message"], "bad");
}

TEST(ResponseHelpers, ContentTypes) {
  EXPECT_EQ(Response::html(200, "<p>").headers.at("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(Response::text(201, "hi").headers.at("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(Response::text(201, "hi").status, 201);
  const auto json = Response::json(202, {{"ok", true}});
  EXPECT_EQ(json.status, 202);
  EXPECT_EQ(json.body, R"({"ok":true})");
  EXPECT_EQ(json.headers.at("Content-Type"), "application/json");
}

TEST(ResponseHelpers, JsonWithInvalidUtf8DoesNotThrow) {
  EXPECT_NO_THROW(Response::json(200, {{"bad", std::string("\xff\xfe")}}));
}

TEST(ResponseHelpers, RedirectAndHeaderChaining) {
  const auto response = Response::redirect("/login");
  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(response.headers.at("location"), "/login");
  auto chained = Response::text(200, "x").header("X-A", "1").header("x-a", "2");
  EXPECT_EQ(chained.headers.size(), 2U);  // Content-Type plus one X-A
  EXPECT_EQ(chained.headers.at("X-A"), "2");
}

TEST(HtmlEscape, EscapesSpecialCharacters) {
  EXPECT_EQ(html_escape(R"(<a href="x">'&'</a>)"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(html_escape("plain"), "plain");
}

}  // namespace
}  // namespace pinbridge::http
