#pragma once
// The Pinpoint plugin's tables, as a migration script of the product's schema
// (schema/product_schema.cpp). {{id_pk}}: see store/migrations.hpp.
#include <string_view>

namespace pinbridge::plugin {

// One Plugin API Key per account. The dashboard shows the key again, so it is sealed with the
// master key; key_hash (SHA-256, hex) is what a request's key is looked up by. Rotating overwrites
// both columns, so the old key stops working in the same commit. One row per delivery attempt of a
// result callback to Pinpoint, for the Activity page.
inline constexpr std::string_view plugin_schema = R"sql(
CREATE TABLE plugin_keys (
  account_id BIGINT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  key_sealed TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  rotated_at BIGINT
);
CREATE TABLE plugin_callback_attempts (
  id {{id_pk}},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  invitation_id BIGINT NOT NULL,
  event_id BIGINT NOT NULL,
  event TEXT NOT NULL,
  url TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  status_code INTEGER,
  succeeded INTEGER NOT NULL,
  duration_ms BIGINT NOT NULL,
  error TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX plugin_callback_attempts_account ON plugin_callback_attempts(account_id, id);
)sql";

}  // namespace pinbridge::plugin
