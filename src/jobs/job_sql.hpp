#pragma once
// Every statement the job store runs. $N placeholders; a pair of constants where the dialects
// differ (row locking on PostgreSQL, JSON functions).
#include <string_view>

#include "store/database.hpp"

namespace pinbridge::jobs::sql {

// One insert in two spellings: SQLite's has no RETURNING (see store::insert_returning_id).
inline constexpr std::string_view insert_job_sqlite =
    "INSERT INTO jobs (kind, args, state, max_attempts, account_id, unique_key, scheduled_at, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
    "ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL DO NOTHING";
inline constexpr std::string_view insert_job_postgres =
    "INSERT INTO jobs (kind, args, state, max_attempts, account_id, unique_key, scheduled_at, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
    "ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL DO NOTHING RETURNING id";
inline constexpr std::string_view find_by_unique_key = "SELECT id FROM jobs WHERE unique_key = $1";
inline constexpr std::string_view notify_enqueued = "SELECT pg_notify('pinbridge_jobs', '')";

// The inner SELECT picks due jobs; PostgreSQL skips rows another node is claiming right now. Its
// state test is jobs_ready's predicate word for word (see ready_index_without_in_list).
// SQLite is told to walk jobs_ready (due jobs in order): without statistics its planner picks the
// (state, kind) index and sorts every waiting job to take the first few, so each claim would cost
// time proportional to the backlog.
inline constexpr std::string_view claim_sqlite =
    "UPDATE jobs SET state = 'running', attempt = attempt + 1, attempted_at = $1, attempted_by = $2, "
    "lease_expires_at = $3 WHERE id IN (SELECT id FROM jobs INDEXED BY jobs_ready "
    "WHERE (state = 'available' OR state = 'scheduled' OR state = 'retryable') AND scheduled_at <= $1 "
    "ORDER BY scheduled_at, id LIMIT $4) "
    "RETURNING id, kind, args, attempt, max_attempts, account_id, created_at, scheduled_at";
inline constexpr std::string_view claim_postgres =
    "UPDATE jobs SET state = 'running', attempt = attempt + 1, attempted_at = $1, attempted_by = $2, "
    "lease_expires_at = $3 WHERE id IN (SELECT id FROM jobs "
    "WHERE (state = 'available' OR state = 'scheduled' OR state = 'retryable') AND scheduled_at <= $1 "
    "ORDER BY scheduled_at, id LIMIT $4 FOR UPDATE SKIP LOCKED) "
    "RETURNING id, kind, args, attempt, max_attempts, account_id, created_at, scheduled_at";

// $1 now, $2 id, $3 attempt (the fence).
inline constexpr std::string_view complete_job =
    "UPDATE jobs SET state = 'completed', finalized_at = $1, lease_expires_at = NULL "
    "WHERE id = $2 AND attempt = $3 AND state = 'running'";
// $1 run at, $2 id, $3 attempt, $4 error entry (JSON object).
inline constexpr std::string_view retry_job_sqlite =
    "UPDATE jobs SET state = 'retryable', scheduled_at = $1, lease_expires_at = NULL, "
    "errors = json_insert(errors, '$[#]', json($4)) WHERE id = $2 AND attempt = $3 AND state = 'running'";
inline constexpr std::string_view retry_job_postgres =
    "UPDATE jobs SET state = 'retryable', scheduled_at = $1, lease_expires_at = NULL, "
    "errors = (errors::jsonb || jsonb_build_array($4::jsonb))::text "
    "WHERE id = $2 AND attempt = $3 AND state = 'running'";
// $1 now, $2 id, $3 attempt, $4 error entry, $5 final state (discarded or cancelled).
inline constexpr std::string_view finalize_failed_sqlite =
    "UPDATE jobs SET state = $5, finalized_at = $1, lease_expires_at = NULL, "
    "errors = json_insert(errors, '$[#]', json($4)) WHERE id = $2 AND attempt = $3 AND state = 'running'";
inline constexpr std::string_view finalize_failed_postgres =
    "UPDATE jobs SET state = $5, finalized_at = $1, lease_expires_at = NULL, "
    "errors = (errors::jsonb || jsonb_build_array($4::jsonb))::text "
    "WHERE id = $2 AND attempt = $3 AND state = 'running'";

inline constexpr std::string_view expired_leases_sqlite =
    "SELECT id, kind, attempt, max_attempts FROM jobs WHERE state = 'running' AND lease_expires_at < $1 "
    "ORDER BY lease_expires_at LIMIT 500";
inline constexpr std::string_view expired_leases_postgres =
    "SELECT id, kind, attempt, max_attempts FROM jobs WHERE state = 'running' AND lease_expires_at < $1 "
    "ORDER BY lease_expires_at LIMIT 500 FOR UPDATE SKIP LOCKED";

inline constexpr std::string_view prune_finalized =
    "DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE state IN ('completed', 'discarded', "
    "'cancelled') "
    "AND finalized_at < $1 LIMIT 1000)";
// The first waiting job's time, read off jobs_ready as the claim reads it: spelled with an IN
// list, or left to SQLite's planner, this read scheduled_at of every waiting job (the whole
// backlog) each time the producer went to sleep.
inline constexpr std::string_view next_due_sqlite =
    "SELECT scheduled_at FROM jobs INDEXED BY jobs_ready "
    "WHERE (state = 'available' OR state = 'scheduled' OR state = 'retryable') "
    "ORDER BY scheduled_at, id LIMIT 1";
inline constexpr std::string_view next_due_postgres =
    "SELECT scheduled_at FROM jobs "
    "WHERE (state = 'available' OR state = 'scheduled' OR state = 'retryable') "
    "ORDER BY scheduled_at, id LIMIT 1";
inline constexpr std::string_view retry_now =
    "UPDATE jobs SET state = 'available', scheduled_at = $1, finalized_at = NULL, "
    "max_attempts = CASE WHEN attempt >= max_attempts THEN attempt + 1 ELSE max_attempts END "
    "WHERE id = $2 AND state IN ('discarded', 'cancelled', 'retryable')";
inline constexpr std::string_view cancel_job =
    "UPDATE jobs SET state = 'cancelled', finalized_at = $1 "
    "WHERE id = $2 AND state IN ('available', 'scheduled', 'retryable')";
inline constexpr std::string_view find_job =
    "SELECT id, kind, args, attempt, max_attempts, account_id, created_at, scheduled_at, "
    "state, unique_key, attempted_by, finalized_at, errors FROM jobs WHERE id = $1";
// Read off jobs_state, whose predicate the WHERE repeats; counting the completed jobs reads the table.
inline constexpr std::string_view count_by_state_but_completed =
    "SELECT state, COUNT(*) FROM jobs WHERE state <> 'completed' GROUP BY state";
inline constexpr std::string_view count_in_state = "SELECT COUNT(*) FROM jobs WHERE state = $1";

inline std::string_view pick(store::Dialect dialect, std::string_view sqlite, std::string_view postgres) {
  return dialect == store::Dialect::sqlite ? sqlite : postgres;
}

}  // namespace pinbridge::jobs::sql
