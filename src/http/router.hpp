#pragma once
// Routes method + path patterns such as "/api/v1/jobs/{id}" to handlers. Literal segments win over
// parameter segments; a path that matches with another method answers 405 with an Allow header;
// no match answers 404. Both in the one JSON error format.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace pinbridge::http {

using Handler = std::function<Response(Request&)>;

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

  // Finds the handler, fills request.path_params and request.route, and runs it. Never throws: a
  // handler's exception becomes a 500 in the JSON error format (and is logged with the request id).
  // HEAD is served by the GET handler with the body dropped by the server.
  Response dispatch(Request& request) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pinbridge::http
