#pragma once
// The named SQL statements of the integration plugins (tables in sim_schema.cpp, migration 4).
#include <string_view>

namespace pinbridge::sim::sql {

// Registering the same base URL again refreshes the stored meta and keeps the configuration.
inline constexpr std::string_view upsert_plugin =
    "INSERT INTO plugins (company_id, base_url, name, meta, created_at, updated_at) VALUES ($1, $2, $3, $4, "
    "$5, $5) "
    "ON CONFLICT (company_id, base_url) DO UPDATE SET name = excluded.name, meta = excluded.meta, "
    "updated_at = excluded.updated_at";
inline constexpr std::string_view select_plugin_id_by_url =
    "SELECT id, created_at, updated_at FROM plugins WHERE company_id = $1 AND base_url = $2";
inline constexpr std::string_view update_plugin_meta =
    "UPDATE plugins SET name = $3, meta = $4, updated_at = $5 WHERE company_id = $1 AND id = $2";
inline constexpr std::string_view update_plugin_configuration =
    "UPDATE plugins SET configuration = $3, updated_at = $4 WHERE company_id = $1 AND id = $2";
inline constexpr std::string_view select_plugin =
    "SELECT id, company_id, base_url, meta, configuration, created_at, updated_at FROM plugins "
    "WHERE company_id = $1 AND id = $2";
inline constexpr std::string_view select_company_plugins =
    "SELECT id, company_id, base_url, meta, configuration, created_at, updated_at FROM plugins "
    "WHERE company_id = $1 ORDER BY id";

// Assessment records. A record is keyed by its callback uuid: a form submitted twice with the same
// uuid (a double click) updates the one record instead of making a second.
inline constexpr std::string_view upsert_plugin_assessment =
    "INSERT INTO plugin_assessments (company_id, application_id, plugin_id, action_key, callback_uuid, "
    "assessment_name, status, external_identifier, external_record_url, external_links, message, created_at, "
    "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) "
    "ON CONFLICT (callback_uuid) DO UPDATE SET assessment_name = excluded.assessment_name, status = "
    "excluded.status, "
    "external_identifier = excluded.external_identifier, external_record_url = excluded.external_record_url, "
    "external_links = excluded.external_links, message = excluded.message, updated_at = excluded.updated_at";
inline constexpr std::string_view select_plugin_assessment_by_uuid =
    "SELECT id, company_id, application_id, plugin_id, action_key, callback_uuid, assessment_name, status, "
    "score, "
    "external_identifier, external_record_url, external_links, message, created_at, updated_at "
    "FROM plugin_assessments WHERE callback_uuid = $1";
inline constexpr std::string_view select_company_plugin_assessments =
    "SELECT id, company_id, application_id, plugin_id, action_key, callback_uuid, assessment_name, status, "
    "score, "
    "external_identifier, external_record_url, external_links, message, created_at, updated_at "
    "FROM plugin_assessments WHERE company_id = $1 ORDER BY id";
inline constexpr std::string_view select_application_plugin_assessments =
    "SELECT id, company_id, application_id, plugin_id, action_key, callback_uuid, assessment_name, status, "
    "score, "
    "external_identifier, external_record_url, external_links, message, created_at, updated_at "
    "FROM plugin_assessments WHERE company_id = $1 AND application_id = $2 ORDER BY id";
// Absent fields of an update keep their value: $4..$6 are NULL then.
inline constexpr std::string_view apply_plugin_assessment_update =
    "UPDATE plugin_assessments SET status = COALESCE($4, status), score = COALESCE($5, score), "
    "external_links = COALESCE($6, external_links), updated_at = $7 "
    "WHERE company_id = $1 AND plugin_id = $2 AND external_identifier = $3";

// Calls to callback URLs.
inline constexpr std::string_view insert_plugin_callback_attempt =
    "INSERT INTO plugin_callback_attempts (callback_uuid, status, error, duration_ms, created_at) "
    "VALUES ($1, $2, $3, $4, $5)";
inline constexpr std::string_view select_plugin_callback_attempts =
    "SELECT id, callback_uuid, status, error, duration_ms, created_at FROM plugin_callback_attempts ORDER BY "
    "id";

// The candidate of an application, for mappings and the profile page.
inline constexpr std::string_view select_application_candidate =
    "SELECT a.id, c.first_name, c.last_name, c.email, j.title FROM applications a "
    "JOIN candidates c ON c.id = a.candidate_id JOIN pinpoint_jobs j ON j.id = a.job_id "
    "WHERE a.company_id = $1 AND a.id = $2";
inline constexpr std::string_view select_company_application_candidates =
    "SELECT a.id, c.first_name, c.last_name, c.email, j.title FROM applications a "
    "JOIN candidates c ON c.id = a.candidate_id JOIN pinpoint_jobs j ON j.id = a.job_id "
    "WHERE a.company_id = $1 ORDER BY a.id";

}  // namespace pinbridge::sim::sql
