#pragma once
// The assessment platform's tables, as a migration script of the product's schema
// (schema/product_schema.cpp). {{id_pk}}: see store/migrations.hpp.
#include <string_view>

namespace pinbridge::assessments {

inline constexpr std::string_view assessments_schema = R"sql(
CREATE TABLE assessments (
  id {{id_pk}},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  time_limit_minutes INTEGER NOT NULL,
  pass_mark INTEGER NOT NULL,
  questions TEXT NOT NULL,
  status TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX assessments_account ON assessments(account_id, status);
CREATE TABLE invitations (
  id {{id_pk}},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  assessment_id BIGINT NOT NULL REFERENCES assessments(id),
  candidate_name TEXT NOT NULL,
  candidate_email TEXT NOT NULL,
  external_ref TEXT NOT NULL,
  source TEXT NOT NULL,
  callback_url TEXT,
  status TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  token_sealed TEXT NOT NULL,
  left_page_count INTEGER NOT NULL DEFAULT 0,
  paste_count INTEGER NOT NULL DEFAULT 0,
  overrides TEXT NOT NULL DEFAULT '{}',
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  remind_at BIGINT,
  reminded_at BIGINT,
  started_at BIGINT,
  deadline_at BIGINT,
  submitted_at BIGINT,
  completed_at BIGINT,
  expired_at BIGINT,
  cancelled_at BIGINT,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX invitations_identity ON invitations(account_id, assessment_id, candidate_email, external_ref);
CREATE INDEX invitations_account ON invitations(account_id, id);
CREATE INDEX invitations_assessment ON invitations(assessment_id, status);
CREATE TABLE invitation_answers (
  invitation_id BIGINT NOT NULL REFERENCES invitations(id) ON DELETE CASCADE,
  question_id TEXT NOT NULL,
  answer TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (invitation_id, question_id)
);
CREATE TABLE assessment_results (
  id {{id_pk}},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  invitation_id BIGINT NOT NULL REFERENCES invitations(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  assessment_version INTEGER NOT NULL,
  score INTEGER NOT NULL,
  passed INTEGER NOT NULL,
  breakdown TEXT NOT NULL,
  time_taken_ms BIGINT NOT NULL,
  reason TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (invitation_id, version)
);
CREATE TABLE assessment_settings (
  account_id BIGINT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  share_reports INTEGER NOT NULL,
  updated_at BIGINT NOT NULL
);
)sql";

}  // namespace pinbridge::assessments
