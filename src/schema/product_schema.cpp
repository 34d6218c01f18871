// Conventions for every script: ids are 64-bit integers, timestamps unix milliseconds (BIGINT),
// booleans INTEGER 0/1, JSON as TEXT, so both dialects read back the same values.
#include "schema/product_schema.hpp"

#include "accounts/account_schema.hpp"
#include "api/api_schema.hpp"
#include "assessments/assessment_schema.hpp"
#include "automations/automations_schema.hpp"
#include "events/event_schema.hpp"
#include "jobs/job_schema.hpp"
#include "mail/mail_schema.hpp"
#include "plugin/plugin_schema.hpp"
#include "workflows/workflows_schema.hpp"

namespace pinbridge::schema {
namespace {

constexpr store::Migration migrations[] = {
    {1, "job queue", jobs::queue_schema},
    {2, "accounts, add-ons, users, sessions", accounts::accounts_schema},
    {3, "domain events", events::events_schema},
    {4, "outgoing email", mail::mail_schema},
    {5, "assessments, invitations, answers, results", assessments::assessments_schema},
    {6, "public API keys and idempotency records", api::api_keys_schema},
    {7, "customer webhook endpoints and delivery attempts", api::webhooks_schema},
    {8, "pinpoint connections and webhook deliveries", automations::automations_schema},
    {9, "pinpoint call log and job stages", automations::processing_schema},
    {10, "workflows, rules and their run history", workflows::workflows_schema},
    {11, "pinpoint plugin keys and result callback attempts", plugin::plugin_schema},
    {12, "pinpoint delivery keys ordered by triggeredAt", automations::delivery_keys_by_time_schema},
    {13, "job queue: jobs_ready without an IN list", jobs::ready_index_without_in_list},
    {14, "workflow actions: index failed actions alone", workflows::failed_actions_index},
    {15, "job queue: jobs_state without completed jobs", jobs::state_index_without_completed},
};

}  // namespace

std::span<const store::Migration> product_migrations() {
  return migrations;
}

}  // namespace pinbridge::schema
