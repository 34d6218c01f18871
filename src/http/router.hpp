#pragma once
// Routes method + path patterns such as "/api/v1/jobs/{id}" to handlers. Literal segments win over
// parameter segments; a path that matches with another method answers 405 with an Allow header;
// no match answers 404. Both in the one JSON error format.
//
// A handler either returns its Response (the usual kind: it may block, so the server runs it on its
// handler pool) or, registered with add_async(), answers later through a Respond: a route that
// waits for something shared, such as a group commit, then holds no thread while it waits, so many
// requests can wait together, and costs no hand-over to the pool.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace pinbridge::http {

struct Route;

using Handler = std::function<Response(Request&)>;

// Completes one asynchronous request. Call it once, from any thread; copies share the one
// completion and later calls are ignored. If every copy is dropped uncalled (a lost completion, a
// handler that threw), the client gets a 500 then, so a connection can never wait forever.
class Respond {
 public:
  using Send = std::function<void(Response)>;
  Respond(Send send, std::string request_id);
  void operator()(Response response) const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

// Runs on the server's I/O thread, so it must not block (a brief lock or a cached lookup at most):
// it starts the work and returns; the work answers through Respond. request lives until it returns.
using AsyncHandler = std::function<void(Request&, Respond)>;

class Router {
 public:
  Router();
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;

  void add(std::string_view method, std::string_view pattern, Handler handler);
  void get(std::string_view pattern, Handler h) { add("GET", pattern, std::move(h)); }
  void post(std::string_view pattern, Handler h) { add("POST", pattern, std::move(h)); }
  void put(std::string_view pattern, Handler h) { add("PUT", pattern, std::move(h)); }
  void del(std::string_view pattern, Handler h) { add("DELETE", pattern, std::move(h)); }
  void add_async(std::string_view method, std::string_view pattern, AsyncHandler handler);
  void post_async(std::string_view pattern, AsyncHandler h) { add_async("POST", pattern, std::move(h)); }

  // Finds the handler, fills request.path_params and request.route, and runs it. Never throws: a
  // handler's exception becomes a 500 in the JSON error format (and is logged with the request id).
  // HEAD is served by the GET handler with the body dropped by the server.
  Response dispatch(Request& request) const;
  // For the server: answers through respond, exactly once. A plain handler is handed to
  // run_blocking as a task (the server runs it on its handler pool; request must live until the task
  // has run); an asynchronous handler, a 404 and a 405 run on the calling thread.
  using BlockingRunner = std::function<void(std::function<void()>)>;
  void dispatch(Request& request, const Respond& respond, const BlockingRunner& run_blocking) const;

 private:
  void add_route(Route route);
  // The route for the request (its params filled), or nullptr with the 404/405 to answer.
  const Route* match(Request& request, Response& refusal) const;

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pinbridge::http
