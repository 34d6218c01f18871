#pragma once
// The simulator's own admin API under /_sim/: JSON in and out, no authentication (it is a local
// test tool bound to loopback by default; never expose it). It sets up companies and their data
// as a Pinpoint administrator or recruiter would (firing the same webhooks), and reads everything
// back for assertions: comments, assessments, stage history, tags, the request log, webhook
// deliveries and attempts; it also sets faults and webhook timing at runtime, and resets.
#include "core/clock.hpp"
#include "http/router.hpp"
#include "sim/faults.hpp"
#include "sim/pinpoint.hpp"
#include "sim/plugin_callbacks.hpp"
#include "sim/plugins.hpp"
#include "sim/request_log.hpp"
#include "sim/webhooks.hpp"
#include "store/database.hpp"

namespace pinbridge::sim {

struct AdminDeps {
  store::Database& database;
  Pinpoint& pinpoint;
  Webhooks& webhooks;
  FaultInjector& faults;
  RequestLog& log;
  Plugins& plugins;            // reset forgets their open forms
  PluginCallbacks& callbacks;  // reset brings the callback URLs back up
};

void install_admin_setup_routes(http::Router& router, const AdminDeps& deps);
void install_admin_inspect_routes(http::Router& router, const AdminDeps& deps);

// Shared by the admin route files: the JSON body (or a 400), and the company named by {company}.
std::variant<nlohmann::json, http::Response> admin_body(const http::Request& request);
std::variant<Company, http::Response> admin_company(store::Connection& c, Pinpoint& pinpoint,
                                                    const http::Request& request);

}  // namespace pinbridge::sim
