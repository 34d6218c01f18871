#include "ops/operations_routes.hpp"

#include "store/migrations.hpp"

namespace pinbridge::ops {

void add_operations_routes(http::Router& router, store::Database& database,
                           std::span<const store::Migration> migrations, jobs::JobStore& jobs,
                           Metrics& metrics) {
  router.get("/healthz", [](http::Request&) { return http::Response::json(200, {{"status", "ok"}}); });

  router.get("/readyz", [&database, migrations](http::Request& request) {
    if (!database.ping()) {
      return http::Response::error(ErrorCode::unavailable, "database unreachable", request.request_id);
    }
    const auto status = store::migration_status(database, migrations);
    if (!status.up_to_date()) {
      return http::Response::error(ErrorCode::unavailable,
                                   "database schema at version " + std::to_string(status.current_version) +
                                       ", this build needs " + std::to_string(status.latest_version) +
                                       ": run `pinbridge migrate`",
                                   request.request_id);
    }
    return http::Response::json(200, {{"status", "ready"}, {"schema_version", status.current_version}});
  });

  router.get("/metrics", [&jobs, &metrics](http::Request&) {
    metrics.set_queue_depth(jobs.queue_depth());
    return http::Response::text(200, metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
  });
}

}  // namespace pinbridge::ops
