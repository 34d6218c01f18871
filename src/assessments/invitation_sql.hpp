#pragma once
// Every statement the invitation side runs. Status changes name the status they expect, so a
// change that lost a race updates no row instead of undoing the winner's.
#include <string_view>

namespace pinbridge::assessments::sql {

// The columns invitation_from() reads, in its order.
#define PINBRIDGE_INVITATION_COLUMNS                                                                     \
  "id, account_id, assessment_id, candidate_name, candidate_email, external_ref, source, callback_url, " \
  "status, left_page_count, paste_count, overrides, created_at, expires_at, remind_at, reminded_at, "    \
  "started_at, deadline_at, submitted_at, completed_at, expired_at, cancelled_at, updated_at"

inline constexpr std::string_view insert_invitation =
    "INSERT INTO invitations (account_id, assessment_id, candidate_name, candidate_email, external_ref, "
    "source, "
    "callback_url, status, token_hash, token_sealed, created_at, expires_at, remind_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, 'invited', $8, $9, $10, $11, $12, $10) RETURNING id";
inline constexpr std::string_view select_invitation =
    "SELECT " PINBRIDGE_INVITATION_COLUMNS " FROM invitations WHERE account_id = $1 AND id = $2";
inline constexpr std::string_view select_invitation_any_account =
    "SELECT " PINBRIDGE_INVITATION_COLUMNS " FROM invitations WHERE id = $1";
inline constexpr std::string_view select_invitation_by_token =
    "SELECT " PINBRIDGE_INVITATION_COLUMNS " FROM invitations WHERE token_hash = $1";
inline constexpr std::string_view select_invitation_by_identity =
    "SELECT " PINBRIDGE_INVITATION_COLUMNS
    " FROM invitations WHERE account_id = $1 AND assessment_id = $2 "
    "AND candidate_email = $3 AND external_ref = $4";
// Newest first; $2/$3: optional status and assessment filters (NULL = any). The casts tell
// PostgreSQL the parameters' types, which `$2 IS NULL` alone does not.
inline constexpr std::string_view select_invitations_page =
    "SELECT " PINBRIDGE_INVITATION_COLUMNS
    " FROM invitations WHERE account_id = $1 "
    "AND (CAST($2 AS TEXT) IS NULL OR status = $2) AND (CAST($3 AS BIGINT) IS NULL OR assessment_id = $3) "
    "ORDER BY id DESC LIMIT $4 OFFSET $5";
inline constexpr std::string_view count_invitations =
    "SELECT count(*) FROM invitations WHERE account_id = $1 AND (CAST($2 AS TEXT) IS NULL OR status = $2) "
    "AND (CAST($3 AS BIGINT) IS NULL OR assessment_id = $3)";
inline constexpr std::string_view select_by_external_ref =
    "SELECT " PINBRIDGE_INVITATION_COLUMNS
    " FROM invitations WHERE account_id = $1 AND external_ref = $2 ORDER BY id";
inline constexpr std::string_view select_completed_of_assessment =
    "SELECT " PINBRIDGE_INVITATION_COLUMNS
    " FROM invitations WHERE account_id = $1 AND assessment_id = $2 "
    "AND status = 'completed' ORDER BY id";
inline constexpr std::string_view select_token_sealed =
    "SELECT token_sealed FROM invitations WHERE account_id = $1 AND id = $2";
#undef PINBRIDGE_INVITATION_COLUMNS

inline constexpr std::string_view mark_started =
    "UPDATE invitations SET status = 'started', started_at = $2, deadline_at = $3, updated_at = $2 "
    "WHERE id = $1 AND status = 'invited'";
inline constexpr std::string_view mark_submitted =
    "UPDATE invitations SET status = 'submitted', submitted_at = $2, updated_at = $2 "
    "WHERE id = $1 AND status = 'started'";
inline constexpr std::string_view mark_completed =
    "UPDATE invitations SET status = 'completed', completed_at = $2, updated_at = $2 "
    "WHERE id = $1 AND status = 'submitted'";
inline constexpr std::string_view mark_expired =
    "UPDATE invitations SET status = 'expired', expired_at = $2, updated_at = $2 "
    "WHERE id = $1 AND status = 'invited'";
inline constexpr std::string_view mark_cancelled =
    "UPDATE invitations SET status = 'cancelled', cancelled_at = $3, updated_at = $3 "
    "WHERE account_id = $1 AND id = $2 AND status IN ('invited', 'started')";
inline constexpr std::string_view mark_reminded =
    "UPDATE invitations SET reminded_at = $2, updated_at = $2 "
    "WHERE id = $1 AND status = 'invited' AND reminded_at IS NULL";
inline constexpr std::string_view set_overrides =
    "UPDATE invitations SET overrides = $3, updated_at = $4 WHERE account_id = $1 AND id = $2";
inline constexpr std::string_view count_left_page =
    "UPDATE invitations SET left_page_count = left_page_count + 1 WHERE id = $1 AND status = 'started'";
inline constexpr std::string_view count_paste =
    "UPDATE invitations SET paste_count = paste_count + 1 WHERE id = $1 AND status = 'started'";

inline constexpr std::string_view upsert_answer =
    "INSERT INTO invitation_answers (invitation_id, question_id, answer, updated_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (invitation_id, question_id) DO UPDATE SET answer = excluded.answer, "
    "updated_at = excluded.updated_at";
inline constexpr std::string_view select_answers =
    "SELECT question_id, answer FROM invitation_answers WHERE invitation_id = $1";

#define PINBRIDGE_RESULT_COLUMNS \
  "id, account_id, invitation_id, version, assessment_version, breakdown, time_taken_ms, reason, created_at"
inline constexpr std::string_view insert_result =
    "INSERT INTO assessment_results (account_id, invitation_id, version, assessment_version, score, passed, "
    "breakdown, time_taken_ms, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
    "RETURNING id";
inline constexpr std::string_view select_latest_result =
    "SELECT " PINBRIDGE_RESULT_COLUMNS
    " FROM assessment_results WHERE account_id = $1 AND invitation_id = $2 "
    "ORDER BY version DESC LIMIT 1";
inline constexpr std::string_view select_result =
    "SELECT " PINBRIDGE_RESULT_COLUMNS " FROM assessment_results WHERE account_id = $1 AND id = $2";
inline constexpr std::string_view select_results_of_invitation =
    "SELECT " PINBRIDGE_RESULT_COLUMNS
    " FROM assessment_results WHERE account_id = $1 AND invitation_id = $2 "
    "ORDER BY version";
#undef PINBRIDGE_RESULT_COLUMNS

}  // namespace pinbridge::assessments::sql
