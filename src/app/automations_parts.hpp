#pragma once
// Pinpoint Automations assembled: connections, the call log, one client per account, the cached
// jobs and stages, webhook ingest and the processing of deliveries. Built by the Service; this is
// composition only, the behaviour lives in automations/.
#include <memory>

#include "app/config.hpp"
#include "automations/call_log.hpp"
#include "automations/connection_store.hpp"
#include "automations/delivery_log.hpp"
#include "automations/delivery_processor.hpp"
#include "automations/pinpoint_clients.hpp"
#include "automations/stage_cache.hpp"
#include "automations/stage_refresh.hpp"
#include "automations/webhook_ingest.hpp"
#include "events/event_log.hpp"
#include "http/router.hpp"
#include "jobs/worker_pool.hpp"

namespace pinbridge::app {

struct AutomationsParts {
  AutomationsParts(const Config& config, store::Database& database, jobs::JobStore& jobs,
                   events::EventLog& events, const Clock& clock, Random& random,
                   const crypto::SecretBox& secrets);

  void add_routes(http::Router& router);
  // The processing and stage refresh jobs, and the periodic work: pruning deduplication keys and
  // old calls, and refreshing every connected account's jobs and stages.
  void register_jobs(jobs::WorkerPool& workers, jobs::JobStore& jobs, const Clock& clock);
  void start(jobs::JobStore& jobs, const Clock& clock);

  // Keep-alive: each worker thread keeps its connections to the Pinpoint hosts it calls, so a call
  // skips the TCP (and, against the real Pinpoint, TLS) handshake. See net::HttpClientSettings.
  net::HttpClient http{net::HttpClientSettings{.reuse_connections = true}};
  automations::ConnectionStore connections;
  automations::CallLog calls;
  automations::DeliveryLog deliveries;
  automations::PinpointClients clients;
  automations::StageCache stages;
  automations::StageRefresh stage_refresh;
  automations::WebhookIngest ingest;
  automations::DeliveryProcessor processor;
};

}  // namespace pinbridge::app
