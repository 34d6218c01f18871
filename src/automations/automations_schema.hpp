#pragma once
// Pinpoint Automations' tables: each account's connection to Pinpoint, the webhook deliveries it
// received and their deduplication keys. A migration script of the product's schema
// (schema/product_schema.cpp). {{id_pk}}: see store/migrations.hpp.
#include <string_view>

namespace pinbridge::automations {

inline constexpr std::string_view automations_schema = R"sql(
CREATE TABLE pinpoint_connections (
  account_id BIGINT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  subdomain TEXT NOT NULL,
  api_key_sealed TEXT NOT NULL,
  api_key_hint TEXT NOT NULL,
  webhook_token_hash TEXT NOT NULL UNIQUE,
  webhook_token_sealed TEXT NOT NULL,
  signing_secret_sealed TEXT,
  webhook_confirmed_at BIGINT,
  last_delivery_at BIGINT,
  last_delivery_verified INTEGER,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE pinpoint_deliveries (
  id {{id_pk}},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  received_at BIGINT NOT NULL,
  event TEXT NOT NULL,
  verified INTEGER NOT NULL,
  duplicate INTEGER NOT NULL,
  dedup_key TEXT NOT NULL,
  body TEXT NOT NULL,
  outcome TEXT NOT NULL,
  outcome_detail TEXT,
  processed_at BIGINT
);
CREATE INDEX pinpoint_deliveries_account ON pinpoint_deliveries(account_id, id);
CREATE INDEX pinpoint_deliveries_received ON pinpoint_deliveries(received_at);
CREATE TABLE pinpoint_delivery_keys (
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  dedup_key TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, dedup_key)
);
CREATE INDEX pinpoint_delivery_keys_received ON pinpoint_delivery_keys(received_at);
)sql";

// The calls made to each account's Pinpoint (for the Activity page) and each account's jobs with
// their stages, as last read from Pinpoint (for matching events and building workflows).
inline constexpr std::string_view processing_schema = R"sql(
CREATE TABLE pinpoint_calls (
  id {{id_pk}},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  started_at BIGINT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  status INTEGER NOT NULL,
  error TEXT,
  duration_ms BIGINT NOT NULL,
  attempt INTEGER NOT NULL
);
CREATE INDEX pinpoint_calls_account ON pinpoint_calls(account_id, id);
CREATE INDEX pinpoint_calls_started ON pinpoint_calls(started_at);
CREATE TABLE pinpoint_job_stages (
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  job_id BIGINT NOT NULL,
  job_title TEXT NOT NULL,
  job_status TEXT NOT NULL,
  stage_id BIGINT NOT NULL,
  stage_name TEXT NOT NULL,
  basic_type TEXT NOT NULL,
  position INTEGER NOT NULL,
  synced_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, job_id, stage_id)
);
)sql";

}  // namespace pinbridge::automations
