#include "web/dashboard.hpp"

#include "web/routes.hpp"
#include "web/security.hpp"
#include "web/session_guard.hpp"

namespace pinbridge::web {

void add_dashboard_routes(http::Router& router, accounts::AccountStore& accounts,
                          accounts::SessionManager& sessions, const PlatformServices& platform,
                          const DashboardSettings& settings,
                          const std::optional<AutomationsServices>& automations) {
  // The handlers outlive this call, so they share one copy of the dependencies.
  const auto deps = std::make_shared<const Deps>(Deps{accounts, sessions, platform, settings, automations});
  router.get("/", [deps](http::Request& request) {
    auto response =
        http::Response::redirect(current_session(*deps, request) ? std::string(home_path) : "/sign-in");
    add_security_headers(response);
    return response;
  });
  add_sign_in_routes(router, deps);
  add_settings_routes(router, deps);
  add_api_settings_routes(router, deps);
  add_asset_routes(router);
  add_assessment_routes(router, deps);
  add_invitation_routes(router, deps);
  add_report_routes(router, deps);
  add_candidate_routes(router, deps);
  add_integrations_routes(router, deps);
  add_activity_routes(router, deps);
  add_workflow_routes(router, deps);
}

}  // namespace pinbridge::web
