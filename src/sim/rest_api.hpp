#pragma once
// The simulated Pinpoint REST API under /api/v1/: faults and limits first, then X-API-KEY
// authentication and category permissions, then the resource handlers; every request is logged.
#include <boost/asio/thread_pool.hpp>

#include "core/clock.hpp"
#include "http/router.hpp"
#include "sim/api_auth.hpp"
#include "sim/faults.hpp"
#include "sim/pinpoint.hpp"
#include "sim/request_log.hpp"
#include "sim/resources.hpp"
#include "store/database.hpp"

namespace pinbridge::sim {

class RestApi {
 public:
  RestApi(store::Database& database, Pinpoint& pinpoint, FaultInjector& faults, RequestLog& log,
          const Clock& clock)
      : database_(database), pinpoint_(pinpoint), faults_(faults), log_(log), clock_(clock) {}
  void install(http::Router& router);

 private:
  void answer(http::Request& request, const http::Respond& respond);
  http::Response handle(http::Request& request, const FaultDecision& faults, std::int64_t received_at);
  http::Response serve(http::Request& request, const ApiKey& key);
  http::Response read(http::Request& request, const ApiKey& key, const ResourceDef& def);
  http::Response create(const http::Request& request, const ApiKey& key, const ResourceDef& def);
  http::Response update(const http::Request& request, const ApiKey& key, const ResourceDef& def,
                        std::int64_t id);
  http::Response remove(const ApiKey& key, const ResourceDef& def, std::int64_t id);
  static std::optional<http::Response> injected_failure(const FaultDecision& decision);

  store::Database& database_;
  Pinpoint& pinpoint_;
  FaultInjector& faults_;
  RequestLog& log_;
  const Clock& clock_;
  // Where requests given an injected latency wait (on a timer) and are then served. Last, so it
  // stops before the members its waiting requests use.
  boost::asio::thread_pool delayed_{1};
};

// Maps an Error of the Pinpoint operations to the API's answer (invalid_input -> 422, ...).
http::Response api_error(const Error& error);

}  // namespace pinbridge::sim
