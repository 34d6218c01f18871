#include "pinpoint/error.hpp"

#include <gtest/gtest.h>

namespace pinbridge::pinpoint {
namespace {

net::HttpResponse answer(int status, std::string detail) {
  net::HttpResponse response;
  response.status = status;
  response.body = R"({"errors":[{"code":"x","detail":")" + detail + R"(","status":")" +
                  std::to_string(status) + R"(","title":"T"}]})";
  return response;
}

TEST(ErrorTest, MapsEveryStatusInOnePlace) {
  const std::vector<std::tuple<int, std::string, ErrorKind, ErrorCode>> cases{
      {401, "Invalid API key", ErrorKind::unauthorized, ErrorCode::unauthorized},
      {403, "Integration not enabled", ErrorKind::api_disabled, ErrorCode::forbidden},
      {403, "API key lacks Comment write permission", ErrorKind::forbidden, ErrorCode::forbidden},
      {404, "Record not found", ErrorKind::not_found, ErrorCode::not_found},
      {422, "Stage is invalid", ErrorKind::validation, ErrorCode::invalid_input},
      {400, "unknown filter", ErrorKind::bad_request, ErrorCode::upstream},
      {409, "conflict", ErrorKind::bad_request, ErrorCode::upstream},
      {429, "Rate limit exceeded", ErrorKind::rate_limited, ErrorCode::rate_limited},
      {408, "slow", ErrorKind::timeout, ErrorCode::upstream},
      {500, "Internal server error", ErrorKind::upstream, ErrorCode::upstream},
      {503, "Service unavailable", ErrorKind::upstream, ErrorCode::upstream},
      {302, "", ErrorKind::upstream, ErrorCode::upstream},
  };
  for (const auto& [status, detail, kind, code] : cases) {
    const auto error = classify_response(answer(status, detail), "GET /api/v1/jobs", 1);
    EXPECT_EQ(error.kind, kind) << status << " " << detail;
    EXPECT_EQ(error.code(), code) << status;
    EXPECT_EQ(error.status, status);
    EXPECT_EQ(error.detail, detail);
    EXPECT_FALSE(error.message().empty());
  }
}

TEST(ErrorTest, NamesTheMissingPermission) {
  const auto error =
      classify_response(answer(403, "API key lacks Candidate Assessment write permission"), "POST /x", 1);
  EXPECT_EQ(error.permission, "Candidate Assessment write");
  EXPECT_EQ(error.message(), "The API key lacks the Candidate Assessment write permission in Pinpoint");
  const auto vague = classify_response(answer(403, "Nope"), "POST /x", 1);
  EXPECT_EQ(vague.permission, "");
  EXPECT_NE(vague.message().find("Nope"), std::string::npos);
}

TEST(ErrorTest, MessagesSayWhatToDo) {
  EXPECT_NE(classify_response(answer(401, "Invalid API key"), "GET /a", 1).message().find("API key"),
            std::string::npos);
  EXPECT_NE(
      classify_response(answer(403, "Integration not enabled"), "GET /a", 1).message().find("switched off"),
      std::string::npos);
  EXPECT_NE(
      classify_response(answer(422, "Stage is invalid"), "PUT /a", 1).message().find("Stage is invalid"),
      std::string::npos);
  EXPECT_NE(classify_response(answer(429, "x"), "GET /a", 5).message().find("5 attempts"), std::string::npos);
}

TEST(ErrorTest, BodiesThatAreNotJsonApiStillClassify) {
  net::HttpResponse html;
  html.status = 502;
  html.body = "<html>Bad gateway</html>";
  const auto error = classify_response(html, "GET /a", 3);
  EXPECT_EQ(error.kind, ErrorKind::upstream);
  EXPECT_EQ(error.detail, "");
  EXPECT_EQ(error.attempts, 3);
  EXPECT_TRUE(error.transient());
}

TEST(ErrorTest, TransportFailures) {
  const auto timeout =
      classify_transport({ErrorCode::upstream, "GET http://h/x timed out after 100 ms"}, "GET /x", 2);
  EXPECT_EQ(timeout.kind, ErrorKind::timeout);
  EXPECT_EQ(timeout.status, 0);
  EXPECT_TRUE(timeout.transient());
  const auto dropped = classify_transport(
      {ErrorCode::upstream, "GET http://h/x failed: Server returned nothing"}, "GET /x", 2);
  EXPECT_EQ(dropped.kind, ErrorKind::network);
  EXPECT_EQ(dropped.to_error().code, ErrorCode::upstream);
  EXPECT_FALSE(classify_response(answer(404, "x"), "GET /a", 1).transient());
}

}  // namespace
}  // namespace pinbridge::pinpoint
