#pragma once
// Domain events: facts that other parts of the product react to ("assessment.completed"). An event
// is written in the same transaction as the change it describes, together with a queue job that
// dispatches it, so no committed change loses its event and no event exists without its change.
//
// Fan-out: one job per interested subscriber (unique per event and subscriber), so a slow or
// failing subscriber retries on its own without holding up the others or running anyone twice.
// A process that has subscribers enqueues those jobs with the event itself; one that has none
// enqueues an "events.dispatch" job instead, which fans out wherever it runs.
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "jobs/job_store.hpp"
#include "jobs/worker_pool.hpp"
#include "store/database.hpp"

namespace pinbridge::events {

struct DomainEvent {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::string kind;  // "invitation.created", "assessment.completed", ...
  nlohmann::json data;
  Timestamp created_at;
};

using EventHandler = std::function<jobs::JobResult(const DomainEvent&)>;

class EventLog {
 public:
  EventLog(store::Database& database, jobs::JobStore& jobs, const Clock& clock);

  // Records the event inside the caller's transaction and enqueues its deliveries (or its
  // dispatch) there too.
  std::int64_t record(store::Connection& connection, std::int64_t account_id, const std::string& kind,
                      const nlohmann::json& data);
  std::optional<DomainEvent> find(std::int64_t id);
  // The account's events, newest first, for the Activity page and tests.
  std::vector<DomainEvent> recent(std::int64_t account_id, int limit);

  // Registers a subscriber: handler runs once per event whose kind is listed, from its own job
  // ("events.<name>"). Call before register_jobs.
  void subscribe(const std::string& name, std::vector<std::string> kinds, EventHandler handler);
  // Registers the dispatch job and one job kind per subscriber with the worker pool.
  void register_jobs(jobs::WorkerPool& workers);

 private:
  struct Subscriber {
    std::string name;
    std::vector<std::string> kinds;
    EventHandler handler;
  };
  jobs::JobResult dispatch(const jobs::Job& job);
  void enqueue_deliveries(store::Connection& connection, std::int64_t event_id, std::int64_t account_id,
                          const std::string& kind);
  jobs::JobResult deliver(const Subscriber& subscriber, const jobs::Job& job);

  store::Database& database_;
  jobs::JobStore& jobs_;
  const Clock& clock_;
  std::vector<Subscriber> subscribers_;
};

}  // namespace pinbridge::events
