#include "events/event_log.hpp"

#include <algorithm>

namespace pinbridge::events {
namespace {

namespace sql {
constexpr std::string_view insert_event =
    "INSERT INTO domain_events (account_id, kind, data, created_at) VALUES ($1, $2, $3, $4) RETURNING id";
constexpr std::string_view select_event =
    "SELECT id, account_id, kind, data, created_at FROM domain_events WHERE id = $1";
constexpr std::string_view select_recent =
    "SELECT id, account_id, kind, data, created_at FROM domain_events WHERE account_id = $1 "
    "ORDER BY id DESC LIMIT $2";
}  // namespace sql

constexpr std::string_view dispatch_kind = "events.dispatch";

DomainEvent event_from(const store::Row& row) {
  return {row.integer(0), row.integer(1), row.text(2), nlohmann::json::parse(row.text(3)),
          from_unix_ms(row.integer(4))};
}

std::string job_kind(const std::string& subscriber) {
  return "events." + subscriber;
}

}  // namespace

EventLog::EventLog(store::Database& database, jobs::JobStore& jobs, const Clock& clock)
    : database_(database), jobs_(jobs), clock_(clock) {}

std::int64_t EventLog::record(store::Connection& connection, std::int64_t account_id, const std::string& kind,
                              const nlohmann::json& data) {
  const auto id =
      connection.query_one(sql::insert_event, {account_id, kind, data.dump(), to_unix_ms(clock_.now())})
          ->integer(0);
  // A process that knows the subscribers fans out here, in the caller's transaction: one job and
  // one transaction fewer per event. One that subscribes nothing (a command-line tool) leaves it
  // to the dispatch job, which a serving node runs with its own subscribers.
  if (!subscribers_.empty()) {
    enqueue_deliveries(connection, id, account_id, kind);
    return id;
  }
  jobs::NewJob job;
  job.kind = dispatch_kind;
  job.args = {{"event_id", id}};
  job.account_id = account_id;
  jobs_.enqueue(connection, job);
  return id;
}

std::optional<DomainEvent> EventLog::find(std::int64_t id) {
  return database_.read([&](store::Connection& c) -> std::optional<DomainEvent> {
    auto row = c.query_one(sql::select_event, {id});
    return row ? std::optional(event_from(*row)) : std::nullopt;
  });
}

std::vector<DomainEvent> EventLog::recent(std::int64_t account_id, int limit) {
  return database_.read([&](store::Connection& c) {
    std::vector<DomainEvent> out;
    for (const auto& row : c.query(sql::select_recent, {account_id, std::int64_t{limit}}))
      out.push_back(event_from(row));
    return out;
  });
}

void EventLog::subscribe(const std::string& name, std::vector<std::string> kinds, EventHandler handler) {
  subscribers_.push_back({name, std::move(kinds), std::move(handler)});
}

void EventLog::register_jobs(jobs::WorkerPool& workers) {
  workers.register_handler(std::string(dispatch_kind),
                           [this](const jobs::Job& job) { return dispatch(job); });
  for (const auto& subscriber : subscribers_) {
    workers.register_handler(job_kind(subscriber.name),
                             [this, &subscriber](const jobs::Job& job) { return deliver(subscriber, job); });
  }
}

jobs::JobResult EventLog::dispatch(const jobs::Job& job) {
  const auto event = find(job.args.at("event_id").get<std::int64_t>());
  if (!event) return jobs::JobResult::discard("event no longer exists");
  database_.write(
      [&](store::Connection& c) { enqueue_deliveries(c, event->id, event->account_id, event->kind); });
  return jobs::JobResult::done();
}

// One job per subscriber interested in the kind, unique per event and subscriber, so dispatching
// twice (a retried dispatch job) delivers once.
void EventLog::enqueue_deliveries(store::Connection& connection, std::int64_t event_id,
                                  std::int64_t account_id, const std::string& kind) {
  for (const auto& subscriber : subscribers_) {
    if (std::find(subscriber.kinds.begin(), subscriber.kinds.end(), kind) == subscriber.kinds.end()) continue;
    jobs::NewJob delivery;
    delivery.kind = job_kind(subscriber.name);
    delivery.args = {{"event_id", event_id}};
    delivery.account_id = account_id;
    delivery.unique_key = "event:" + std::to_string(event_id) + ":" + subscriber.name;
    jobs_.enqueue(connection, delivery);
  }
}

jobs::JobResult EventLog::deliver(const Subscriber& subscriber, const jobs::Job& job) {
  const auto event = find(job.args.at("event_id").get<std::int64_t>());
  if (!event) return jobs::JobResult::discard("event no longer exists");
  return subscriber.handler(*event);
}

}  // namespace pinbridge::events
