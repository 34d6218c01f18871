#pragma once
// The named SQL statements of the simulator's writes and look-ups (reads of API resources are
// assembled by resource_reader.cpp from the ResourceDef tables).
#include <string_view>

namespace pinbridge::sim::sql {

// Companies, users, keys
inline constexpr std::string_view insert_company =
    "INSERT INTO companies (subdomain, name, api_enabled, created_at) VALUES ($1, $2, $3, $4) RETURNING id";
inline constexpr std::string_view set_system_user = "UPDATE companies SET system_user_id = $2 WHERE id = $1";
inline constexpr std::string_view set_api_enabled = "UPDATE companies SET api_enabled = $2 WHERE id = $1";
inline constexpr std::string_view select_company_columns =
    "SELECT id, subdomain, name, api_enabled, system_user_id, created_at FROM companies";
inline constexpr std::string_view select_company_by_subdomain =
    "SELECT id, subdomain, name, api_enabled, system_user_id, created_at FROM companies WHERE subdomain = $1";
inline constexpr std::string_view select_company_by_id =
    "SELECT id, subdomain, name, api_enabled, system_user_id, created_at FROM companies WHERE id = $1";
inline constexpr std::string_view select_companies =
    "SELECT id, subdomain, name, api_enabled, system_user_id, created_at FROM companies ORDER BY id";
inline constexpr std::string_view insert_user =
    "INSERT INTO users (company_id, email, first_name, last_name, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $5) RETURNING id";
inline constexpr std::string_view insert_api_key =
    "INSERT INTO api_keys (company_id, key_hash, prefix, permissions, created_at) VALUES ($1, $2, $3, $4, "
    "$5) "
    "RETURNING id";
inline constexpr std::string_view select_api_key =
    "SELECT k.id, k.company_id, k.prefix, k.permissions, c.api_enabled, c.subdomain FROM api_keys k "
    "JOIN companies c ON c.id = k.company_id WHERE k.key_hash = $1";
inline constexpr std::string_view company_exists = "SELECT id FROM companies WHERE subdomain = $1";
inline constexpr std::string_view select_api_keys =
    "SELECT id, prefix, permissions, created_at FROM api_keys WHERE company_id = $1 ORDER BY id";

inline constexpr std::string_view insert_job_seeker =
    "INSERT INTO job_seekers (company_id, first_name, last_name, email, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $5) RETURNING id";

// Workflows and jobs
inline constexpr std::string_view insert_workflow =
    "INSERT INTO hiring_workflows (company_id, name, created_at, updated_at) VALUES ($1, $2, $3, $3) "
    "RETURNING id";
inline constexpr std::string_view insert_stage =
    "INSERT INTO stages (company_id, hiring_workflow_id, name, basic_type, position, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id";
inline constexpr std::string_view first_workflow =
    "SELECT id FROM hiring_workflows WHERE company_id = $1 ORDER BY id LIMIT 1";
inline constexpr std::string_view workflow_exists =
    "SELECT id FROM hiring_workflows WHERE company_id = $1 AND id = $2";
inline constexpr std::string_view insert_job =
    "INSERT INTO pinpoint_jobs (company_id, title, status, selected_hiring_workflow_id, created_at, "
    "updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $5) RETURNING id";
inline constexpr std::string_view select_job_workflow =
    "SELECT selected_hiring_workflow_id FROM pinpoint_jobs WHERE company_id = $1 AND id = $2";
inline constexpr std::string_view first_stage_of_workflow =
    "SELECT id FROM stages WHERE hiring_workflow_id = $1 ORDER BY position, id LIMIT 1";
inline constexpr std::string_view stage_of_workflow =
    "SELECT basic_type FROM stages WHERE hiring_workflow_id = $1 AND id = $2";
inline constexpr std::string_view stage_by_type =
    "SELECT id FROM stages WHERE hiring_workflow_id = $1 AND basic_type = $2 ORDER BY position, id LIMIT 1";

// Applications
inline constexpr std::string_view insert_candidate =
    "INSERT INTO candidates (company_id, first_name, last_name, email, phone, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id";
inline constexpr std::string_view insert_application =
    "INSERT INTO applications (company_id, candidate_id, job_id, stage_id, uuid, first_name, last_name, "
    "email, "
    "phone, external_system_reference, attachments, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id";
inline constexpr std::string_view select_application_state =
    "SELECT job_id, stage_id FROM applications WHERE company_id = $1 AND id = $2";
inline constexpr std::string_view update_application_stage =
    "UPDATE applications SET stage_id = $2, updated_at = $3, "
    "hired_at = CASE WHEN $4 = 'hired' THEN $3 ELSE hired_at END, "
    "rejected_at = CASE WHEN $4 = 'rejected' THEN $3 ELSE rejected_at END WHERE id = $1";
inline constexpr std::string_view update_application_job =
    "UPDATE applications SET job_id = $2, stage_id = $3, updated_at = $4 WHERE id = $1";
inline constexpr std::string_view touch_application = "UPDATE applications SET updated_at = $2 WHERE id = $1";
inline constexpr std::string_view insert_stage_history =
    "INSERT INTO stage_history (application_id, from_stage_id, to_stage_id, source, created_at) "
    "VALUES ($1, $2, $3, $4, $5)";
inline constexpr std::string_view insert_tag =
    "INSERT INTO application_tags (application_id, name, context, created_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (application_id, name, context) DO NOTHING";
inline constexpr std::string_view delete_tag =
    "DELETE FROM application_tags WHERE application_id = $1 AND name = $2 AND context = $3";
inline constexpr std::string_view update_candidate =
    "UPDATE candidates SET first_name = $3, last_name = $4, email = $5, phone = $6, updated_at = $7 "
    "WHERE company_id = $1 AND id = $2";
inline constexpr std::string_view select_candidate =
    "SELECT first_name, last_name, email, phone FROM candidates WHERE company_id = $1 AND id = $2";
inline constexpr std::string_view select_stage_history =
    "SELECT id, from_stage_id, to_stage_id, source, created_at FROM stage_history WHERE application_id = $1 "
    "ORDER BY id";

// Comments and assessments
inline constexpr std::string_view application_exists =
    "SELECT id FROM applications WHERE company_id = $1 AND id = $2";
inline constexpr std::string_view insert_comment =
    "INSERT INTO comments (company_id, commentable_id, commentable_type, body_text, user_id, created_at, "
    "updated_at) VALUES ($1, $2, 'Application', $3, $4, $5, $5) RETURNING id";
inline constexpr std::string_view insert_assessment =
    "INSERT INTO candidate_assessments (company_id, application_id, assessment_name, provider_code, "
    "external_uid, "
    "status, result, result_url, result_details, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id";
inline constexpr std::string_view select_assessment =
    "SELECT application_id, assessment_name, provider_code, external_uid, status, result, result_url, "
    "result_details FROM candidate_assessments WHERE company_id = $1 AND id = $2";
inline constexpr std::string_view update_assessment =
    "UPDATE candidate_assessments SET assessment_name = $3, external_uid = $4, status = $5, result = $6, "
    "result_url = $7, result_details = $8, updated_at = $9 WHERE company_id = $1 AND id = $2";
inline constexpr std::string_view delete_comment = "DELETE FROM comments WHERE company_id = $1 AND id = $2";
inline constexpr std::string_view delete_assessment =
    "DELETE FROM candidate_assessments WHERE company_id = $1 AND id = $2";

// Webhooks
inline constexpr std::string_view insert_endpoint =
    "INSERT INTO webhook_endpoints (company_id, url, events, secret, created_at) VALUES ($1, $2, $3, $4, $5) "
    "RETURNING id";
inline constexpr std::string_view select_endpoints =
    "SELECT id, url, events, secret, created_at FROM webhook_endpoints WHERE company_id = $1 ORDER BY id";
inline constexpr std::string_view select_endpoint =
    "SELECT id, url, events, secret, company_id FROM webhook_endpoints WHERE id = $1";
inline constexpr std::string_view insert_attempt =
    "INSERT INTO webhook_attempts (delivery_id, endpoint_id, event, attempt, status, error, duration_ms, "
    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
inline constexpr std::string_view select_attempts =
    "SELECT id, delivery_id, endpoint_id, event, attempt, status, error, duration_ms, created_at "
    "FROM webhook_attempts ORDER BY id";
inline constexpr std::string_view select_deliveries =
    "SELECT id, args, state, attempt, max_attempts, scheduled_at FROM jobs WHERE kind = 'webhook_delivery' "
    "ORDER BY id";

// Reset: every table but the migrations, children first.
inline constexpr std::string_view reset_all = R"sql(
DELETE FROM plugin_callback_attempts; DELETE FROM plugin_assessments; DELETE FROM plugins;
DELETE FROM webhook_attempts; DELETE FROM jobs; DELETE FROM webhook_endpoints; DELETE FROM api_keys;
DELETE FROM candidate_assessments; DELETE FROM comments; DELETE FROM stage_history;
DELETE FROM application_tags; DELETE FROM applications; DELETE FROM candidates; DELETE FROM job_seekers;
DELETE FROM pinpoint_jobs; DELETE FROM stages; DELETE FROM hiring_workflows; DELETE FROM users;
DELETE FROM companies;
)sql";

}  // namespace pinbridge::sim::sql
