#include "events/event_log.hpp"

#include <spdlog/spdlog.h>

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
  const auto created_at = to_unix_ms(clock_.now());
  const auto id =
      connection.query_one(sql::insert_event, {account_id, kind, data.dump(), created_at})->integer(0);
  if (!subscribers_.empty()) {
    react(connection, {id, account_id, kind, data, from_unix_ms(created_at)});
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
                             [this, &subscriber](const jobs::Job& job) { return retry(subscriber, job); });
  }
}

jobs::JobResult EventLog::dispatch(const jobs::Job& job) {
  auto event = find(job.args.at("event_id").get<std::int64_t>());
  if (!event) return jobs::JobResult::discard("event no longer exists");
  return jobs::JobResult::done().with_writes(
      [this, event = std::move(*event)](store::Connection& c) { react(c, event); });
}

void EventLog::react(store::Connection& connection, const DomainEvent& event) {
  for (const auto& subscriber : subscribers_) {
    if (std::find(subscriber.kinds.begin(), subscriber.kinds.end(), event.kind) == subscriber.kinds.end())
      continue;
    if (!react_alone(connection, subscriber, event)) enqueue_retry(connection, subscriber, event);
  }
}

// The subscriber's reaction under its own savepoint (see the header): false, with its writes
// rolled back and the rest of the transaction intact, when it threw.
bool EventLog::react_alone(store::Connection& connection, const Subscriber& subscriber,
                           const DomainEvent& event) {
  connection.execute("SAVEPOINT event_subscriber");
  try {
    subscriber.handler(connection, event);
    connection.execute("RELEASE event_subscriber");
    return true;
  } catch (const std::exception& e) {
    connection.execute("ROLLBACK TO event_subscriber");
    connection.execute("RELEASE event_subscriber");
    spdlog::warn("events: {} could not react to event {} ({}), will retry: {}", subscriber.name, event.id,
                 event.kind, e.what());
    return false;
  }
}

// Unique per event and subscriber: a second failure (a dispatch job run twice) adds nothing.
void EventLog::enqueue_retry(store::Connection& connection, const Subscriber& subscriber,
                             const DomainEvent& event) {
  jobs::NewJob retry;
  retry.kind = job_kind(subscriber.name);
  retry.args = {{"event_id", event.id}};
  retry.account_id = event.account_id;
  retry.unique_key = "event:" + std::to_string(event.id) + ":" + subscriber.name;
  jobs_.enqueue(connection, retry);
}

// A reaction that failed, again: in the transaction that records this attempt, which the queue
// retries if the reaction throws once more.
jobs::JobResult EventLog::retry(const Subscriber& subscriber, const jobs::Job& job) {
  auto event = find(job.args.at("event_id").get<std::int64_t>());
  if (!event) return jobs::JobResult::discard("event no longer exists");
  return jobs::JobResult::done().with_writes(
      [&subscriber, event = std::move(*event)](store::Connection& c) { subscriber.handler(c, event); });
}

}  // namespace pinbridge::events
