// The product's schema, one migration per version. Never edit a released migration: add one.
// Conventions: ids are 64-bit integers, timestamps unix milliseconds (BIGINT), booleans INTEGER 0/1,
// JSON as TEXT, so both dialects read back the same values. One script serves both dialects;
// {{id_pk}} becomes each dialect's auto-increment primary key (see migrations.cpp).
#include "store/migrations.hpp"

namespace pinbridge::store {
namespace {

constexpr std::string_view v1_foundation = R"sql(
CREATE TABLE accounts (
  id {{id_pk}},
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE account_addons (
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  addon TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, addon)
);
CREATE TABLE users (
  id {{id_pk}},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX users_account ON users(account_id);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);
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

constexpr Migration migrations[] = {
    {1, "foundation: accounts, users, sessions, jobs", v1_foundation},
};

}  // namespace

std::span<const Migration> all_migrations() {
  return migrations;
}

}  // namespace pinbridge::store
