#pragma once
// The signed-in dashboard and the sign-in pages: server-rendered HTML with static assets (CSS, a
// little JS) built into the binary. Every write needs the session's CSRF token.
#include <optional>
#include <string>

#include "accounts/account_store.hpp"
#include "accounts/sessions.hpp"
#include "api/api_keys.hpp"
#include "api/webhook_store.hpp"
#include "assessments/assessment_store.hpp"
#include "assessments/candidate_sessions.hpp"
#include "assessments/invitations.hpp"
#include "automations/call_log.hpp"
#include "automations/connection_store.hpp"
#include "automations/delivery_log.hpp"
#include "automations/pinpoint_clients.hpp"
#include "automations/stage_cache.hpp"
#include "automations/stage_refresh.hpp"
#include "core/clock.hpp"
#include "http/router.hpp"
#include "mail/outbox.hpp"
#include "plugin/callback_log.hpp"
#include "plugin/plugin_keys.hpp"

namespace pinbridge::workflows {
class WorkflowStore;
class RunLog;
class WorkflowEngine;
}  // namespace pinbridge::workflows

namespace pinbridge::web {

struct DashboardSettings {
  bool secure_cookies = false;  // mark cookies Secure (set when served over TLS)
  std::string public_url;       // server.public_url: also an accepted Origin for dashboard writes
  std::string product_name = "Pinbridge";
};

// The assessment platform's services that the dashboard and the candidate's pages use.
struct PlatformServices {
  assessments::AssessmentStore& assessments;
  assessments::Invitations& invitations;
  assessments::CandidateSessions& candidates;
  mail::Outbox& outbox;
  const assessments::Links& links;
  const Clock& clock;  // the candidate's countdown is the server's deadline minus its "now"
  // The public API's keys and webhook endpoints (Settings › API); null: that page is not served.
  api::ApiKeyStore* api_keys = nullptr;
  api::WebhookStore* webhooks = nullptr;
};

// Workflows: the rules a recruiter builds, their run history and the engine (retry, dry run).
struct WorkflowServices {
  workflows::WorkflowStore& workflows;
  workflows::RunLog& runs;
  workflows::WorkflowEngine& engine;
};

// The Pinpoint plugin: the Plugin API Key tab and the result callbacks on the Activity page.
struct PluginServices {
  plugin::PluginKeyStore& keys;
  plugin::CallbackLog& callbacks;
};

// Pinpoint Automations, for the Integrations set-up, the Activity page and Workflows.
struct AutomationsServices {
  automations::ConnectionStore& connections;
  automations::PinpointClients& clients;
  automations::StageCache& stages;
  automations::StageRefresh& stage_refresh;
  automations::CallLog& calls;
  automations::DeliveryLog& deliveries;
  // Null: the Workflows section says it is not available on this server.
  WorkflowServices* workflows = nullptr;
  // Null: the Pinpoint Plugin tab says it is not available on this server.
  PluginServices* plugin = nullptr;
};

// Adds GET/POST /sign-in, POST /sign-out, GET / (redirect), the section pages (/assessments,
// /invitations, /integrations, /workflows, /activity, /settings) and /assets/{name}.
void add_dashboard_routes(http::Router& router, accounts::AccountStore& accounts,
                          accounts::SessionManager& sessions, const PlatformServices& platform,
                          const DashboardSettings& settings,
                          const std::optional<AutomationsServices>& automations = std::nullopt);

}  // namespace pinbridge::web
