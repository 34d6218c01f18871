#include "jobs/job_store.hpp"

#include <algorithm>
#include <array>

#include "jobs/job_sql.hpp"

namespace pinbridge::jobs {
namespace {

using store::Connection;
using store::Value;

constexpr std::array<std::string_view, 7> state_names = {"available", "scheduled", "running",  "retryable",
                                                         "completed", "discarded", "cancelled"};

Value optional_value(const std::optional<std::int64_t>& v) {
  return v ? Value{*v} : Value{nullptr};
}
Value optional_value(const std::optional<std::string>& v) {
  return v ? Value{*v} : Value{nullptr};
}

// Columns: id, kind, args, attempt, max_attempts, account_id, created_at, scheduled_at.
Job job_from(const store::Row& row) {
  Job job;
  job.id = row.integer(0);
  job.kind = row.text(1);
  job.args = nlohmann::json::parse(row.text(2), nullptr, false);
  job.attempt = static_cast<int>(row.integer(3));
  job.max_attempts = static_cast<int>(row.integer(4));
  job.account_id = row.optional_integer(5);
  job.created_at = from_unix_ms(row.integer(6));
  job.scheduled_at = from_unix_ms(row.integer(7));
  return job;
}

std::string error_entry(int attempt, Timestamp at, const std::string& error) {
  return nlohmann::json{{"attempt", attempt}, {"at", to_unix_ms(at)}, {"error", error}}.dump();
}

}  // namespace

std::string_view state_name(JobState state) {
  return state_names.at(static_cast<std::size_t>(state));
}

std::optional<JobState> parse_state(std::string_view name) {
  const auto it = std::find(state_names.begin(), state_names.end(), name);
  if (it == state_names.end()) return std::nullopt;
  return static_cast<JobState>(it - state_names.begin());
}

JobStore::JobStore(store::Database& database, const Clock& clock, Random& random, QueueSettings settings)
    : database_(database), clock_(clock), random_(random), settings_(settings) {}

EnqueueResult JobStore::enqueue(Connection& c, const NewJob& job) {
  const Timestamp now = clock_.now();
  const Timestamp run_at = job.run_at.value_or(now);
  const JobState state = run_at > now ? JobState::scheduled : JobState::available;
  const int max_attempts = job.max_attempts > 0 ? job.max_attempts : settings_.default_max_attempts;
  const auto inserted = store::insert_returning_id(
      c, sql::insert_job_sqlite, sql::insert_job_postgres,
      {job.kind, job.args.dump(), std::string(state_name(state)), std::int64_t{max_attempts},
       optional_value(job.account_id), optional_value(job.unique_key), to_unix_ms(run_at), to_unix_ms(now)});
  if (!inserted) {
    const auto existing = c.query_one(sql::find_by_unique_key, {*job.unique_key});
    return {existing ? existing->integer(0) : 0, true};
  }
  if (c.dialect() == store::Dialect::postgres) c.query(sql::notify_enqueued);
  if (on_enqueue_) c.after_commit(on_enqueue_);
  return {*inserted, false};
}

EnqueueResult JobStore::enqueue(const NewJob& job) {
  return database_.write([&](Connection& c) { return enqueue(c, job); });
}

std::vector<Job> JobStore::claim(const std::string& worker_id, int limit) {
  const Timestamp now = clock_.now();
  return database_.write([&](Connection& c) { return claim(c, worker_id, limit, now); });
}

std::vector<Job> JobStore::claim(Connection& c, const std::string& worker_id, int limit, Timestamp now) {
  const auto lease_end = to_unix_ms(now + settings_.lease);
  const auto rows = c.query(sql::pick(c.dialect(), sql::claim_sqlite, sql::claim_postgres),
                            {to_unix_ms(now), worker_id, lease_end, std::int64_t{limit}});
  std::vector<Job> jobs;
  jobs.reserve(rows.size());
  for (const auto& row : rows) jobs.push_back(job_from(row));
  // RETURNING gives no order; run the oldest first.
  std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) {
    return std::tie(a.scheduled_at, a.id) < std::tie(b.scheduled_at, b.id);
  });
  return jobs;
}

void JobStore::finish(const std::vector<Outcome>& outcomes) {
  if (!outcomes.empty()) finish_and_claim(outcomes, {}, 0);
}

std::vector<Job> JobStore::finish_and_claim(const std::vector<Outcome>& outcomes,
                                            const std::string& worker_id, int limit) {
  const Timestamp now = clock_.now();
  return database_.write([&](Connection& c) {
    for (const Outcome& outcome : outcomes) record_with_writes(c, outcome, now);
    return limit > 0 ? claim(c, worker_id, limit, now) : std::vector<Job>{};
  });
}

// Each outcome with writes gets a savepoint: writes that fail are rolled back alone and their
// attempt is retried, while the rest of the batch commits.
void JobStore::record_with_writes(Connection& c, const Outcome& outcome, Timestamp now) {
  if (!outcome.result.writes) {
    record(c, outcome, now);
    return;
  }
  c.execute("SAVEPOINT job_outcome");
  try {
    if (record(c, outcome, now)) outcome.result.writes(c);
    c.execute("RELEASE job_outcome");
  } catch (const std::exception& e) {
    c.execute("ROLLBACK TO job_outcome");
    c.execute("RELEASE job_outcome");
    record(c, {outcome.job, JobResult::retry(std::string("the job's writes failed: ") + e.what())}, now);
  }
}

// A retry past the last attempt becomes a discard; the error is appended to the job's history.
// False when the attempt no longer holds the job (its lease was taken over): nothing was recorded.
bool JobStore::record(Connection& c, const Outcome& outcome, Timestamp now) {
  const Job& job = outcome.job;
  const JobResult& result = outcome.result;
  const Value id{job.id}, attempt{std::int64_t{job.attempt}};
  if (result.kind == JobResult::Kind::completed)
    return c.execute(sql::complete_job, {to_unix_ms(now), id, attempt}) == 1;
  const std::string entry = error_entry(job.attempt, now, result.error);
  if (result.kind == JobResult::Kind::retry && job.attempt < job.max_attempts) {
    const auto delay = result.retry_after.value_or(settings_.backoff.delay(job.attempt, random_));
    return c.execute(sql::pick(c.dialect(), sql::retry_job_sqlite, sql::retry_job_postgres),
                     {to_unix_ms(now + delay), id, attempt, entry}) == 1;
  }
  const std::string final_state(
      state_name(result.kind == JobResult::Kind::cancel ? JobState::cancelled : JobState::discarded));
  return c.execute(sql::pick(c.dialect(), sql::finalize_failed_sqlite, sql::finalize_failed_postgres),
                   {to_unix_ms(now), id, attempt, entry, final_state}) == 1;
}

int JobStore::rescue_expired() {
  const Timestamp now = clock_.now();
  return database_.write([&](Connection& c) {
    const auto rows = c.query(
        sql::pick(c.dialect(), sql::expired_leases_sqlite, sql::expired_leases_postgres), {to_unix_ms(now)});
    for (const auto& row : rows) {
      Job job;
      job.id = row.integer(0);
      job.kind = row.text(1);
      job.attempt = static_cast<int>(row.integer(2));
      job.max_attempts = static_cast<int>(row.integer(3));
      // Retry at once: the time already lost waiting for the lease is backoff enough.
      record(c, {job, JobResult::retry("lease expired: the worker stopped or stalled", Millis{0})}, now);
    }
    return static_cast<int>(rows.size());
  });
}

int JobStore::prune_finalized() {
  const auto cutoff = to_unix_ms(clock_.now() - settings_.retention);
  return database_.write(
      [&](Connection& c) { return static_cast<int>(c.execute(sql::prune_finalized, {cutoff})); });
}

std::optional<Timestamp> JobStore::next_due() {
  return database_.read([&](Connection& c) -> std::optional<Timestamp> {
    const auto row = c.query_one(sql::pick(c.dialect(), sql::next_due_sqlite, sql::next_due_postgres));
    if (!row) return std::nullopt;
    return from_unix_ms(row->integer(0));
  });
}

std::optional<std::chrono::milliseconds> JobStore::time_until_next_due() {
  const auto due = next_due();
  if (!due) return std::nullopt;
  return std::max(std::chrono::milliseconds(0),
                  std::chrono::duration_cast<std::chrono::milliseconds>(*due - clock_.now()));
}

bool JobStore::retry_now(std::int64_t id) {
  const bool changed = database_.write([&](Connection& c) {
    return c.execute(sql::retry_now, {to_unix_ms(clock_.now()), id}) == 1;
  });
  if (changed && on_enqueue_) on_enqueue_();
  return changed;
}

bool JobStore::cancel(std::int64_t id) {
  return database_.write([&](Connection& c) {
    return c.execute(sql::cancel_job, {to_unix_ms(clock_.now()), id}) == 1;
  });
}

std::optional<JobRecord> JobStore::find(std::int64_t id) {
  return database_.read([&](Connection& c) -> std::optional<JobRecord> {
    const auto row = c.query_one(sql::find_job, {id});
    if (!row) return std::nullopt;
    JobRecord record;
    record.job = job_from(*row);
    record.state = parse_state(row->text(8)).value_or(JobState::available);
    record.unique_key = row->optional_text(9);
    record.attempted_by = row->optional_text(10);
    if (auto at = row->optional_integer(11)) record.finalized_at = from_unix_ms(*at);
    record.errors = nlohmann::json::parse(row->text(12), nullptr, false);
    return record;
  });
}

std::map<JobState, std::int64_t> JobStore::queue_depth() {
  std::map<JobState, std::int64_t> counts;
  for (JobState state : all_states)
    if (state != JobState::completed) counts[state] = 0;
  database_.read([&](Connection& c) {
    for (const auto& row : c.query(sql::count_by_state_but_completed)) {
      if (auto state = parse_state(row.text(0))) counts[*state] = row.integer(1);
    }
  });
  return counts;
}

std::int64_t JobStore::count(JobState state) {
  return database_.read([&](Connection& c) {
    return c.query_one(sql::count_in_state, {std::string(state_name(state))})->integer(0);
  });
}

}  // namespace pinbridge::jobs
