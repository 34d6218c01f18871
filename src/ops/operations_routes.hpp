#pragma once
// /healthz (the process answers), /readyz (database reachable and migrations current: 503
// otherwise, so a load balancer holds traffic back) and /metrics (Prometheus text).
#include "http/router.hpp"
#include "jobs/job_store.hpp"
#include "ops/metrics.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

namespace pinbridge::ops {

// migrations: the schema this build expects, for /readyz.
void add_operations_routes(http::Router& router, store::Database& database,
                           std::span<const store::Migration> migrations, jobs::JobStore& jobs,
                           Metrics& metrics);

}  // namespace pinbridge::ops
