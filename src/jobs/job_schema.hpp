#pragma once
// The job queue's table, as a migration script that any schema embedding the queue includes
// (the product's, and pinpoint-sim's for its webhook deliveries). {{id_pk}}: see store/migrations.hpp.
#include <string_view>

namespace pinbridge::jobs {

inline constexpr std::string_view queue_schema = R"sql(
CREATE TABLE jobs (
  id {{id_pk}},
  kind TEXT NOT NULL,
  args TEXT NOT NULL,
  state TEXT NOT NULL,
  attempt INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  account_id BIGINT,
  unique_key TEXT,
  scheduled_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  attempted_at BIGINT,
  attempted_by TEXT,
  lease_expires_at BIGINT,
  finalized_at BIGINT,
  errors TEXT NOT NULL DEFAULT '[]'
);
CREATE UNIQUE INDEX jobs_unique_key ON jobs(unique_key) WHERE unique_key IS NOT NULL;
CREATE INDEX jobs_ready ON jobs(scheduled_at, id) WHERE state IN ('available', 'scheduled', 'retryable');
CREATE INDEX jobs_leases ON jobs(lease_expires_at) WHERE state = 'running';
CREATE INDEX jobs_state ON jobs(state, kind);
)sql";

// jobs_ready again, its predicate spelled as comparisons. SQLite evaluates a partial index's
// predicate on every insert and on every update of `state`, and it evaluated the IN list by
// building a temporary b-tree each time (a fresh page cache: malloc and page faults), twice per
// state change. The claim queries spell the predicate exactly the same way, as SQLite uses a
// partial index only for a query whose WHERE contains the index's predicate.
inline constexpr std::string_view ready_index_without_in_list = R"sql(
DROP INDEX jobs_ready;
CREATE INDEX jobs_ready ON jobs(scheduled_at, id)
  WHERE state = 'available' OR state = 'scheduled' OR state = 'retryable';
)sql";

// jobs_state without the completed jobs, and without the kind. Every state change of every job
// moved its entry in (state, kind), and the completed entries, nearly every job the table holds,
// were there only for the metrics' count of history the pruner deletes anyway. A workflow's stage
// change (five jobs) wrote about a fifth of its SQLite pages into that index. What is left indexes
// the queue as operators watch it: waiting, running and failed jobs.
inline constexpr std::string_view state_index_without_completed = R"sql(
DROP INDEX jobs_state;
CREATE INDEX jobs_state ON jobs(state) WHERE state <> 'completed';
)sql";

}  // namespace pinbridge::jobs
