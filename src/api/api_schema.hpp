#pragma once
// The public API's tables, as migration scripts of the product's schema
// (schema/product_schema.cpp). {{id_pk}}: see store/migrations.hpp.
#include <string_view>

namespace pinbridge::api {

// API keys are stored only as a SHA-256 hash; `prefix` is the first characters of the key, kept so
// a person can tell keys apart. Idempotency records keep a successful response to replay it.
inline constexpr std::string_view api_keys_schema = R"sql(
CREATE TABLE api_keys (
  id {{id_pk}},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX api_keys_account ON api_keys(account_id, id);
CREATE TABLE api_idempotency_keys (
  id {{id_pk}},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  idempotency_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  response_status INTEGER NOT NULL,
  response_body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (account_id, idempotency_key)
);
CREATE INDEX api_idempotency_keys_created ON api_idempotency_keys(created_at);
)sql";

// Customer webhook endpoints (the signing secret sealed with the master key, since Settings shows
// it again) and one row per delivery attempt, for the delivery log.
inline constexpr std::string_view webhooks_schema = R"sql(
CREATE TABLE webhook_endpoints (
  id {{id_pk}},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  event_types TEXT NOT NULL,
  secret_sealed TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX webhook_endpoints_account ON webhook_endpoints(account_id, id);
CREATE TABLE webhook_attempts (
  id {{id_pk}},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  endpoint_id BIGINT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
  event_id BIGINT NOT NULL,
  message_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  status_code INTEGER,
  succeeded INTEGER NOT NULL,
  duration_ms BIGINT NOT NULL,
  error TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX webhook_attempts_endpoint ON webhook_attempts(account_id, endpoint_id, id);
)sql";

}  // namespace pinbridge::api
