#pragma once
// The tables of accounts, add-ons, users and sessions, as a migration script for the product's
// schema (schema/product_schema.cpp). {{id_pk}}: see store/migrations.hpp.
#include <string_view>

namespace pinbridge::accounts {

inline constexpr std::string_view accounts_schema = R"sql(
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
)sql";

}  // namespace pinbridge::accounts
