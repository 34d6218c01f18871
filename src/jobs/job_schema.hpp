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

}  // namespace pinbridge::jobs
