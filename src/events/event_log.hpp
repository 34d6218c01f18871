#pragma once
// Domain events: facts that other parts of the product react to ("assessment.completed"). An event
// is written in the same transaction as the change it describes, so no committed change loses its
// event and no event exists without its change.
//
// Subscribers react in that transaction too: what they decide (a workflow run and its action
// jobs, a webhook delivery job) commits with the event or not at all, and costs no queue job of
// its own. Their reactions are quick database work; anything slow (a call to Pinpoint, a webhook
// POST) is a job they enqueue. Each reacts under its own savepoint: one that fails is rolled back
// alone and retries from a job of its own ("events.<name>", unique per event and subscriber), and
// the change still commits. A reaction can run again for the same event (a dispatch or retry job
// that runs twice), so each must be idempotent: the workflow run is unique per event, webhook and
// callback jobs have unique keys.
// A process that knows no subscribers (a command-line tool) enqueues an "events.dispatch" job
// instead, and the serving node that runs it reacts there.
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

// Reacts to one event inside the transaction that records it (or that retries the reaction):
// reads and writes go through `connection`; throwing rolls the reaction back and retries it.
using EventHandler = std::function<void(store::Connection& connection, const DomainEvent& event)>;

class EventLog {
 public:
  EventLog(store::Database& database, jobs::JobStore& jobs, const Clock& clock);

  // Records the event inside the caller's transaction, where the subscribers react to it (or
  // where its dispatch job is enqueued).
  std::int64_t record(store::Connection& connection, std::int64_t account_id, const std::string& kind,
                      const nlohmann::json& data);
  std::optional<DomainEvent> find(std::int64_t id);
  // The account's events, newest first, for the Activity page and tests.
  std::vector<DomainEvent> recent(std::int64_t account_id, int limit);

  // Registers a subscriber: handler runs once per event whose kind is listed. Call before
  // register_jobs.
  void subscribe(const std::string& name, std::vector<std::string> kinds, EventHandler handler);
  // Registers the dispatch job and each subscriber's retry job with the worker pool.
  void register_jobs(jobs::WorkerPool& workers);

 private:
  struct Subscriber {
    std::string name;
    std::vector<std::string> kinds;
    EventHandler handler;
  };
  jobs::JobResult dispatch(const jobs::Job& job);
  // Every interested subscriber reacts; one that fails gets a retry job.
  void react(store::Connection& connection, const DomainEvent& event);
  bool react_alone(store::Connection& connection, const Subscriber& subscriber, const DomainEvent& event);
  void enqueue_retry(store::Connection& connection, const Subscriber& subscriber, const DomainEvent& event);
  jobs::JobResult retry(const Subscriber& subscriber, const jobs::Job& job);

  store::Database& database_;
  jobs::JobStore& jobs_;
  const Clock& clock_;
  std::vector<Subscriber> subscribers_;
};

}  // namespace pinbridge::events
