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

// Migration 12: the deduplication keys indexed by (account_id, triggered_at, dedup_key), where
// triggered_at is the body's top-level "triggeredAt" (unix seconds) read as webhook_ingest.cpp
// reads it. The hash alone is random, so each new key dirtied a b-tree page of its own (written to
// the WAL, then copied again by the checkpoint); led by the event's time, keys arrive in nearly
// increasing order and share the index's last pages. A resent body gives the same pair, so
// deduplication is unchanged, and the received_at index still serves the pruning.
//
// The script runs on both dialects and SQLite cannot change a primary key, so a new table is
// filled from the old one and takes its name (its constraints are named so that PostgreSQL's do
// not keep the "_new"). Keys stored before take triggered_at from their delivery's body (the
// first delivery shares account, key and received_at, hence the lower bound) by the ingest's
// rule: an integer of at most 18 digits, else 0. json(body) parses the text on both (on
// PostgreSQL it is a cast to json, which keeps a number's text as sent) and -> keeps a string
// quoted, so only a bare integer passes the digit test. Bodies the ingest accepted but these
// parsers could refuse (a byte-order mark, nesting past SQLite's 2,000 levels, an escaped NUL,
// which PostgreSQL cannot convert) are left at 0 instead of failing the upgrade: a retry of one of
// them received before it would be stored again.
inline constexpr std::string_view delivery_keys_by_time_schema = R"sql(
CREATE TABLE pinpoint_delivery_keys_new (
  account_id BIGINT NOT NULL
    CONSTRAINT pinpoint_delivery_keys_account_id_fkey REFERENCES accounts(id) ON DELETE CASCADE,
  triggered_at BIGINT NOT NULL,
  dedup_key TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  CONSTRAINT pinpoint_delivery_keys_by_time PRIMARY KEY (account_id, triggered_at, dedup_key)
);
INSERT INTO pinpoint_delivery_keys_new (account_id, triggered_at, dedup_key, received_at)
SELECT k.account_id, COALESCE(b.triggered_at, 0), k.dedup_key, k.received_at
FROM pinpoint_delivery_keys k
LEFT JOIN (
  SELECT account_id, dedup_key,
         MAX(CASE WHEN length(digits) BETWEEN 1 AND 18 AND ltrim(digits, '0123456789') = ''
                  THEN CAST(field AS BIGINT) ELSE 0 END) AS triggered_at
  FROM (
    SELECT account_id, dedup_key, field,
           CASE WHEN substr(field, 1, 1) = '-' THEN substr(field, 2) ELSE field END AS digits
    FROM (
      SELECT account_id, dedup_key, CAST(json(body) -> 'triggeredAt' AS TEXT) AS field
      FROM pinpoint_deliveries
      WHERE received_at >= (SELECT MIN(received_at) FROM pinpoint_delivery_keys)
        AND substr(body, 1, 1) = '{'
        AND length(body) - length(replace(replace(body, '{', ''), '[', '')) <= 1000
        AND replace(body, '\u0000', '') = body
    ) fields
  ) texts
  GROUP BY account_id, dedup_key
) b ON b.account_id = k.account_id AND b.dedup_key = k.dedup_key;
DROP TABLE pinpoint_delivery_keys;
ALTER TABLE pinpoint_delivery_keys_new RENAME TO pinpoint_delivery_keys;
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
