#include "http/router.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace pinbridge::http {
namespace {

Request make_request(std::string method, std::string path) {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  request.request_id = "rid-1";
  return request;
}

Handler answer(std::string text) {
  return [text](Request&) { return Response::text(200, text); };
}

nlohmann::json error_of(const Response& response) {
  return nlohmann::json::parse(response.body)["error"];
}

TEST(Router, MatchesLiteralsAndFillsParams) {
  Router router;
  router.get("/api/v1/jobs/{id}/attempts/{n}", [](Request& request) {
    return Response::text(200,
                          std::string(request.path_param("id")) + ":" + std::string(request.path_param("n")));
  });
  auto request = make_request("GET", "/api/v1/jobs/42/attempts/3");
  const auto response = router.dispatch(request);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "42:3");
  EXPECT_EQ(request.route, "/api/v1/jobs/{id}/attempts/{n}");
  EXPECT_EQ(request.path_params.size(), 2U);
}

TEST(Router, LiteralBeatsParameterWhateverTheOrder) {
  Router router;
  router.get("/jobs/{id}", answer("param"));
  router.get("/jobs/new", answer("literal"));
  router.get("/{a}/x", answer("first-param"));
  router.get("/jobs/{id}/x", answer("second-param"));
  auto literal = make_request("GET", "/jobs/new");
  EXPECT_EQ(router.dispatch(literal).body, "literal");
  EXPECT_EQ(literal.route, "/jobs/new");
  auto param = make_request("GET", "/jobs/7");
  EXPECT_EQ(router.dispatch(param).body, "param");
  auto deeper = make_request("GET", "/jobs/7/x");
  EXPECT_EQ(router.dispatch(deeper).body, "second-param");
}

TEST(Router, UnknownPathIs404WithUnmatchedRoute) {
  Router router;
  router.get("/a", answer("a"));
  auto request = make_request("GET", "/b");
  const auto response = router.dispatch(request);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(error_of(response)["code"], "not_found");
  EXPECT_EQ(error_of(response)["request_id"], "rid-1");
  EXPECT_EQ(request.route, "unmatched");
}

TEST(Router, TrailingSlashIsADifferentPathButRootWorks) {
  Router router;
  router.get("/x", answer("x"));
  router.get("/", answer("root"));
  router.get("/items/{id}", answer("item"));
  auto slash = make_request("GET", "/x/");
  EXPECT_EQ(router.dispatch(slash).status, 404);
  auto root = make_request("GET", "/");
  EXPECT_EQ(router.dispatch(root).body, "root");
  auto empty_param = make_request("GET", "/items/");
  EXPECT_EQ(router.dispatch(empty_param).status, 404);
}

TEST(Router, OtherMethodIs405WithAllow) {
  Router router;
  router.get("/jobs/{id}", answer("get"));
  router.del("/jobs/{id}", answer("delete"));
  router.post("/jobs", answer("post"));
  auto request = make_request("PUT", "/jobs/1");
  const auto response = router.dispatch(request);
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(error_of(response)["code"], "method_not_allowed");
  EXPECT_EQ(response.headers.at("Allow"), "DELETE, GET, HEAD");
  EXPECT_EQ(request.route, "/jobs/{id}");
}

TEST(Router, HeadIsServedByGetUnlessHeadIsRegistered) {
  Router router;
  router.get("/a", answer("get-a"));
  router.get("/b", answer("get-b"));
  router.add("HEAD", "/b", answer("head-b"));
  router.post("/c", answer("post-c"));
  auto a = make_request("HEAD", "/a");
  EXPECT_EQ(router.dispatch(a).body, "get-a");
  auto b = make_request("HEAD", "/b");
  EXPECT_EQ(router.dispatch(b).body, "head-b");
  auto c = make_request("HEAD", "/c");
  EXPECT_EQ(router.dispatch(c).status, 405);
}

TEST(Router, MethodMatchPrefersTheMethodOverAMoreLiteralPattern) {
  Router router;
  router.post("/jobs/new", answer("post-new"));
  router.get("/jobs/{id}", answer("get-id"));
  auto request = make_request("GET", "/jobs/new");
  EXPECT_EQ(router.dispatch(request).body, "get-id");
}

TEST(Router, HandlerExceptionBecomesGeneric500) {
  Router router;
  router.get("/boom", [](Request&) -> Response { throw std::runtime_error("secret database detail"); });
  router.get("/weird", [](Request&) -> Response { throw 42; });
  auto request = make_request("GET", "/boom");
  const auto response = router.dispatch(request);
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(error_of(response)["code"], "internal");
  EXPECT_EQ(error_of(response)["request_id"], "rid-1");
  EXPECT_EQ(response.body.find("secret"), std::string::npos);
  auto weird = make_request("GET", "/weird");
  EXPECT_EQ(router.dispatch(weird).status, 500);
}

TEST(Router, RejectsBadRegistrations) {
  Router router;
  router.get("/a/{id}", answer("a"));
  EXPECT_THROW(router.get("/a/{id}", answer("again")), std::invalid_argument);
  EXPECT_THROW(router.get("no-slash", answer("x")), std::invalid_argument);
  EXPECT_THROW(router.get("/b/{}", answer("x")), std::invalid_argument);
  EXPECT_THROW(router.get("/c/{id}/{id}", answer("x")), std::invalid_argument);
  EXPECT_THROW(router.get("/d", Handler{}), std::invalid_argument);
}

TEST(Router, IsMovable) {
  Router router;
  router.get("/a", answer("a"));
  Router moved = std::move(router);
  auto request = make_request("GET", "/a");
  EXPECT_EQ(moved.dispatch(request).body, "a");
}

TEST(Router, AsyncRouteAnswersThroughRespondAndSyncDispatchWaitsForIt) {
  Router router;
  router.add_async("POST", "/later/{id}", [](Request& request, const Respond& respond) {
    std::thread([respond, id = std::string(request.path_param("id"))] {
      respond(Response::text(202, "done " + id));
    }).detach();
  });
  auto request = make_request("POST", "/later/7");
  const auto response = router.dispatch(request);
  EXPECT_EQ(response.status, 202);
  EXPECT_EQ(response.body, "done 7");
  EXPECT_EQ(request.route, "/later/{id}");
}

TEST(Router, ServerDispatchRunsPlainHandlersThroughTheBlockingRunnerOnly) {
  Router router;
  router.get("/plain", answer("plain"));
  router.add_async("GET", "/async",
                   [](Request&, const Respond& respond) { respond(Response::text(200, "async")); });
  int handed_over = 0;
  const Router::BlockingRunner runner = [&](const std::function<void()>& task) {
    ++handed_over;
    task();
  };
  std::vector<std::string> answers;
  const Respond respond([&](Response response) { answers.push_back(response.body); }, "rid-1");
  auto plain = make_request("GET", "/plain");
  router.dispatch(plain, respond, runner);
  auto async = make_request("GET", "/async");
  router.dispatch(async, Respond([&](Response response) { answers.push_back(response.body); }, "rid-2"),
                  runner);
  auto missing = make_request("GET", "/missing");
  router.dispatch(
      missing,
      Respond([&](Response response) { answers.push_back(std::to_string(response.status)); }, "rid-3"),
      runner);
  EXPECT_EQ(handed_over, 1) << "only the plain handler needs a thread that may block";
  EXPECT_EQ(answers, (std::vector<std::string>{"plain", "async", "404"}));
}

TEST(Router, RespondAnswersOnceAndADroppedOneAnswers500) {
  std::vector<int> sent;
  {
    const Respond respond([&](Response response) { sent.push_back(response.status); }, "rid-1");
    const Respond copy = respond;
    copy(Response::text(201, "first"));
    respond(Response::text(200, "second"));
  }
  EXPECT_EQ(sent, std::vector<int>{201});
  sent.clear();
  {
    const Respond never_called([&](Response response) { sent.push_back(response.status); }, "rid-2");
  }
  EXPECT_EQ(sent, std::vector<int>{500});
}

TEST(Router, AsyncHandlerThatThrowsBeforeAnsweringIs500) {
  Router router;
  router.add_async("GET", "/boom",
                   [](Request&, const Respond&) { throw std::runtime_error("secret detail"); });
  auto request = make_request("GET", "/boom");
  const auto response = router.dispatch(request);
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("secret detail"), std::string::npos);
  EXPECT_EQ(error_of(response)["request_id"], "rid-1");
}

}  // namespace
}  // namespace pinbridge::http
