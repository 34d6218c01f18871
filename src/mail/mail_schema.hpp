#pragma once
// Outgoing email, as a migration script of the product's schema (schema/product_schema.cpp).
// {{id_pk}}: see store/migrations.hpp.
#include <string_view>

namespace pinbridge::mail {

inline constexpr std::string_view mail_schema = R"sql(
CREATE TABLE outbound_emails (
  id {{id_pk}},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  invitation_id BIGINT,
  to_address TEXT NOT NULL,
  to_name TEXT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  sent_at BIGINT
);
CREATE INDEX outbound_emails_account ON outbound_emails(account_id, id);
)sql";

}  // namespace pinbridge::mail
