#pragma once
// Turns each stored Pinpoint delivery into a domain event that carries what workflows need: the
// application with its candidate, job and stage, fetched from Pinpoint (deliveries carry ids
// only). Runs from the durable queue ("pinpoint.process_delivery"); the event and the delivery's
// new outcome are written in the transaction that completes the job, so a delivery is turned into
// exactly one event however often its job runs.
//
// Events: "pinpoint.application_created", "pinpoint.application_stage_changed",
// "pinpoint.application_hired", "pinpoint.application_moved" and
// "pinpoint.candidate_assessment_updated" (ids only).
#include <cstdint>
#include <string>

#include "automations/pinpoint_clients.hpp"
#include "automations/stage_cache.hpp"
#include "events/event_log.hpp"
#include "jobs/worker_pool.hpp"

namespace pinbridge::automations {

class DeliveryProcessor {
 public:
  DeliveryProcessor(store::Database& database, events::EventLog& events, PinpointClients& clients,
                    StageCache& stages, const Clock& clock);
  void register_jobs(jobs::WorkerPool& workers);
  jobs::JobResult process(const jobs::Job& job);

 private:
  struct Delivery {
    std::int64_t id = 0;
    std::int64_t account_id = 0;
    std::string event;
    nlohmann::json data;
    std::string outcome;
  };
  std::optional<Delivery> load(std::int64_t id);
  jobs::JobResult process_application(const Delivery& delivery);
  pinpoint::ApiResult<std::optional<KnownStage>> known_stage(std::int64_t account_id,
                                                             const pinpoint::Application& application,
                                                             const pinpoint::PinpointClient& client);
  // The event's data; `stage` is the application's stage as the stage cache knows it.
  nlohmann::json describe(const Delivery& delivery, const pinpoint::Application& application,
                          const std::optional<KnownStage>& stage);
  // The job's result, carrying the delivery's new outcome and the event when there is one: both are
  // written with the job's completion (jobs::OutcomeWrites).
  jobs::JobResult finish(jobs::JobResult result, const Delivery& delivery, std::string outcome,
                         const std::string& detail, std::optional<nlohmann::json> event_data = std::nullopt);
  jobs::JobResult failed(const Delivery& delivery, const pinpoint::PinpointError& error);

  store::Database& database_;
  events::EventLog& events_;
  PinpointClients& clients_;
  StageCache& stages_;
  const Clock& clock_;
};

}  // namespace pinbridge::automations
