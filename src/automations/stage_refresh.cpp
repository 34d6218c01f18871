#include "automations/stage_refresh.hpp"

namespace pinbridge::automations {
namespace {

// Refresh requests for one account inside the same window share a unique key.
constexpr std::int64_t request_window_ms = 10'000;

}  // namespace

StageRefresh::StageRefresh(jobs::JobStore& jobs, ConnectionStore& connections, PinpointClients& clients,
                           StageCache& stages, const Clock& clock)
    : jobs_(jobs), connections_(connections), clients_(clients), stages_(stages), clock_(clock) {}

void StageRefresh::request(std::int64_t account_id) {
  const auto window = to_unix_ms(clock_.now()) / request_window_ms;
  jobs::NewJob job;
  job.kind = refresh_stages_job_kind;
  job.account_id = account_id;
  job.args = {{"account_id", account_id}};
  job.unique_key = "pinpoint.refresh_stages:" + std::to_string(account_id) + ":" + std::to_string(window);
  jobs_.enqueue(job);
}

void StageRefresh::request_all() {
  for (const auto account_id : connections_.connected_accounts()) request(account_id);
}

void StageRefresh::register_jobs(jobs::WorkerPool& workers) {
  workers.register_handler(std::string(refresh_stages_job_kind),
                           [this](const jobs::Job& job) { return run(job); });
}

jobs::JobResult StageRefresh::run(const jobs::Job& job) {
  const auto account_id = job.args.at("account_id").get<std::int64_t>();
  auto client = clients_.for_account(account_id);
  if (!client) return jobs::JobResult::discard(client.error().message);  // disconnected since
  auto refreshed = stages_.refresh(account_id, **client);
  if (refreshed) return jobs::JobResult::done();
  const auto& error = refreshed.error();
  return error.transient() ? jobs::JobResult::retry(error.message())
                           : jobs::JobResult::discard(error.message());
}

}  // namespace pinbridge::automations
