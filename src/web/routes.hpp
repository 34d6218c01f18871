#pragma once
// What the dashboard's route groups share, and the functions that register each group. Internal
// to web/; the public entry point is add_dashboard_routes (dashboard.hpp).
#include <memory>

#include "web/dashboard.hpp"

namespace pinbridge::web {

struct Deps {
  accounts::AccountStore& accounts;
  accounts::SessionManager& sessions;
  PlatformServices platform;
  DashboardSettings settings;
  std::optional<AutomationsServices> automations;  // none: the Pinpoint pages say it is unavailable
};
using DepsPtr = std::shared_ptr<const Deps>;

inline constexpr std::string_view session_cookie = "pb_session";
inline constexpr std::string_view login_csrf_cookie = "pb_login_csrf";
inline constexpr std::string_view csrf_field = "_csrf";
inline constexpr std::string_view csrf_header = "X-CSRF-Token";
inline constexpr std::string_view home_path = "/assessments";

void add_sign_in_routes(http::Router& router, const DepsPtr& deps);
void add_settings_routes(http::Router& router, const DepsPtr& deps);
void add_asset_routes(http::Router& router);
// Settings › API: API keys and customer webhooks.
void add_api_settings_routes(http::Router& router, const DepsPtr& deps);
// The assessment platform: the Assessments and Invitations sections, reports and the candidate's pages.
void add_assessment_routes(http::Router& router, const DepsPtr& deps);
void add_invitation_routes(http::Router& router, const DepsPtr& deps);
void add_report_routes(http::Router& router, const DepsPtr& deps);
void add_candidate_routes(http::Router& router, const DepsPtr& deps);
// Integrations › Pinpoint: the Automations set-up wizard and the connection's actions.
void add_integrations_routes(http::Router& router, const DepsPtr& deps);
// Activity: what Pinpoint sent us and the calls we made to it.
void add_activity_routes(http::Router& router, const DepsPtr& deps);
// Workflows: the builder, the run history, retries and the dry run.
void add_workflow_routes(http::Router& router, const DepsPtr& deps);

}  // namespace pinbridge::web
