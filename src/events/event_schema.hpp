#pragma once
// The domain event log, as a migration script of the product's schema (schema/product_schema.cpp).
// {{id_pk}}: see store/migrations.hpp.
#include <string_view>

namespace pinbridge::events {

inline constexpr std::string_view events_schema = R"sql(
CREATE TABLE domain_events (
  id {{id_pk}},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX domain_events_account ON domain_events(account_id, id);
)sql";

}  // namespace pinbridge::events
