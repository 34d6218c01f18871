#pragma once
// /healthz (the process answers), /readyz (database reachable and migrations current: 503
// otherwise, so a load balancer holds traffic back) and /metrics (Prometheus text).
#include "http/router.hpp"
#include "jobs/job_store.hpp"
#include "ops/metrics.hpp"
#include "store/database.hpp"

namespace pinbridge::ops {

void add_operations_routes(http::Router& router, store::Database& database, jobs::JobStore& jobs,
                           Metrics& metrics);

}  // namespace pinbridge::ops
