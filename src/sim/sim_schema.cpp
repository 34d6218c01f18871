// Conventions as in the product schema: ids 64-bit, timestamps unix milliseconds, booleans 0/1,
// JSON as TEXT. Every company-owned row carries company_id so tenants never see each other.
#include "sim/sim_schema.hpp"

#include "jobs/job_schema.hpp"

namespace pinbridge::sim {
namespace {

constexpr std::string_view pinpoint_schema = R"sql(
CREATE TABLE companies (
  id {{id_pk}},
  subdomain TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  api_enabled INTEGER NOT NULL DEFAULT 1,
  system_user_id BIGINT,
  created_at BIGINT NOT NULL
);
CREATE TABLE users (
  id {{id_pk}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  email TEXT NOT NULL,
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE hiring_workflows (
  id {{id_pk}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE stages (
  id {{id_pk}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  hiring_workflow_id BIGINT NOT NULL REFERENCES hiring_workflows(id),
  name TEXT NOT NULL,
  basic_type TEXT NOT NULL,
  position INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE pinpoint_jobs (
  id {{id_pk}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  title TEXT NOT NULL,
  status TEXT NOT NULL,
  selected_hiring_workflow_id BIGINT NOT NULL REFERENCES hiring_workflows(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE candidates (
  id {{id_pk}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL,
  phone TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE applications (
  id {{id_pk}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  candidate_id BIGINT NOT NULL REFERENCES candidates(id),
  job_id BIGINT NOT NULL REFERENCES pinpoint_jobs(id),
  stage_id BIGINT NOT NULL REFERENCES stages(id),
  uuid TEXT NOT NULL,
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL,
  phone TEXT,
  external_system_reference TEXT,
  attachments TEXT NOT NULL DEFAULT '[]',
  hired_at BIGINT,
  rejected_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX applications_company ON applications(company_id, id);
CREATE INDEX applications_email ON applications(company_id, email);
CREATE TABLE application_tags (
  id {{id_pk}},
  application_id BIGINT NOT NULL REFERENCES applications(id),
  name TEXT NOT NULL,
  context TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  UNIQUE (application_id, name, context)
);
CREATE TABLE stage_history (
  id {{id_pk}},
  application_id BIGINT NOT NULL REFERENCES applications(id),
  from_stage_id BIGINT,
  to_stage_id BIGINT NOT NULL,
  source TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE comments (
  id {{id_pk}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  commentable_id BIGINT NOT NULL,
  commentable_type TEXT NOT NULL,
  body_text TEXT NOT NULL,
  user_id BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE candidate_assessments (
  id {{id_pk}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  application_id BIGINT NOT NULL REFERENCES applications(id),
  assessment_name TEXT NOT NULL,
  provider_code TEXT NOT NULL,
  external_uid TEXT,
  status TEXT NOT NULL,
  result TEXT,
  result_url TEXT,
  result_details TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE job_seekers (
  id {{id_pk}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE api_keys (
  id {{id_pk}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  key_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  permissions TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE webhook_endpoints (
  id {{id_pk}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  url TEXT NOT NULL,
  events TEXT NOT NULL,
  secret TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE webhook_attempts (
  id {{id_pk}},
  delivery_id BIGINT NOT NULL,
  endpoint_id BIGINT NOT NULL,
  event TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  status INTEGER,
  error TEXT,
  duration_ms BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
)sql";

// SQLite's planner prefers jobs_state (state, kind) for the claim query when it has no statistics,
// then sorts every due job to take the first few: with a burst of N deliveries queued, each claim
// costs O(N). The simulator never counts jobs by state, so it drops that index and the planner uses
// jobs_ready (scheduled_at, id), which yields the next due jobs in order.
constexpr std::string_view drop_state_index = "DROP INDEX IF EXISTS jobs_state;";

// Integration plugins registered per company (meta kept as the plugin sent it, configuration as a
// JSON object of the customer's values), the assessment records their actions created, and every
// call to a record's callback URL.
constexpr std::string_view plugin_schema = R"sql(
CREATE TABLE plugins (
  id {{id_pk}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  base_url TEXT NOT NULL,
  name TEXT NOT NULL,
  meta TEXT NOT NULL,
  configuration TEXT NOT NULL DEFAULT '{}',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (company_id, base_url)
);
CREATE TABLE plugin_assessments (
  id {{id_pk}},
  company_id BIGINT NOT NULL REFERENCES companies(id),
  application_id BIGINT NOT NULL REFERENCES applications(id),
  plugin_id BIGINT NOT NULL REFERENCES plugins(id),
  action_key TEXT NOT NULL,
  callback_uuid TEXT NOT NULL UNIQUE,
  assessment_name TEXT NOT NULL,
  status TEXT NOT NULL,
  score BIGINT,
  external_identifier TEXT NOT NULL,
  external_record_url TEXT NOT NULL DEFAULT '',
  external_links TEXT NOT NULL DEFAULT '[]',
  message TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX plugin_assessments_application ON plugin_assessments(company_id, application_id, id);
CREATE INDEX plugin_assessments_external ON plugin_assessments(company_id, plugin_id, external_identifier);
CREATE TABLE plugin_callback_attempts (
  id {{id_pk}},
  callback_uuid TEXT NOT NULL,
  status INTEGER NOT NULL,
  error TEXT,
  duration_ms BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
)sql";

// The lookups integrations make before they write (a record by external_uid, an application's
// comments) stay cheap however many records a benchmark or a long demo piles up.
constexpr std::string_view lookup_indexes = R"sql(
CREATE INDEX candidate_assessments_external_uid ON candidate_assessments(company_id, external_uid);
CREATE INDEX candidate_assessments_application ON candidate_assessments(company_id, application_id);
CREATE INDEX comments_commentable ON comments(company_id, commentable_type, commentable_id);
)sql";

constexpr store::Migration migrations[] = {
    {1, "job queue (webhook deliveries)", jobs::queue_schema},
    {2, "simulated pinpoint", pinpoint_schema},
    {3, "claim webhook deliveries through jobs_ready", drop_state_index},
    {4, "integration plugins", plugin_schema},
    {5, "indexes for lookups before writes", lookup_indexes},
    {6, "job queue: jobs_ready without an IN list", jobs::ready_index_without_in_list},
};

}  // namespace

std::span<const store::Migration> sim_migrations() {
  return migrations;
}

}  // namespace pinbridge::sim
