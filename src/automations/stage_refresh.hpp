#pragma once
// Keeps each account's cached jobs and stages (StageCache) close to Pinpoint's: a refresh is queued
// when the account connects or the recruiter asks for one on the Integrations page, and every
// connected account is refreshed periodically, so workflows are built from lists that are at most
// that old. (Events that name an unknown stage refresh at once; see DeliveryProcessor.)
#include <cstdint>
#include <string_view>

#include "automations/connection_store.hpp"
#include "automations/pinpoint_clients.hpp"
#include "automations/stage_cache.hpp"
#include "jobs/job_store.hpp"
#include "jobs/worker_pool.hpp"

namespace pinbridge::automations {

inline constexpr std::string_view refresh_stages_job_kind = "pinpoint.refresh_stages";

class StageRefresh {
 public:
  StageRefresh(jobs::JobStore& jobs, ConnectionStore& connections, PinpointClients& clients,
               StageCache& stages, const Clock& clock);

  // Queues a refresh of the account's jobs and stages. Requests within a few seconds of each other
  // are one refresh, so a double click or a reconnect costs Pinpoint one sweep.
  void request(std::int64_t account_id);
  // Queues a refresh for every connected account (the periodic sweep).
  void request_all();
  void register_jobs(jobs::WorkerPool& workers);
  jobs::JobResult run(const jobs::Job& job);

 private:
  jobs::JobStore& jobs_;
  ConnectionStore& connections_;
  PinpointClients& clients_;
  StageCache& stages_;
  const Clock& clock_;
};

}  // namespace pinbridge::automations
