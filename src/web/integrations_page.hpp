#pragma once
// Integrations › ATS › Pinpoint. The Automations tab is the set-up wizard of product.md (steps 1
// to 6): connect (a subdomain and an API key checked against Pinpoint for real), create the
// webhook in Pinpoint (its Endpoint URL, the events to tick, Pinpoint's signing secret), then the
// connection's status: the live indicator of the last delivery, the jobs and stages synced from
// Pinpoint, and the ways to change or end the connection.
#include <optional>
#include <string>

#include "accounts/sessions.hpp"
#include "automations/connection_store.hpp"
#include "pinpoint/permissions.hpp"
#include "web/html.hpp"
#include "web/routes.hpp"

namespace pinbridge::web {

inline constexpr std::string_view integrations_path = "/integrations";
inline constexpr std::string_view pinpoint_actions_path = "/integrations/pinpoint/";

struct IntegrationsView {
  bool plugin_tab = false;
  bool confirming_rotation = false;  // the Pinpoint Plugin tab asks before rotating the key
  bool replacing_key = false;        // connected, and the recruiter is entering a new key
  std::string subdomain{};           // the connect form's value after an error
  std::string subdomain_error{};
  std::string key_error{};
  std::optional<pinpoint::PermissionReport> permissions{};  // the key authenticated but lacks some
  std::string webhook_error{};
  std::string error{};
  std::string success{};
};

// The live indicator's sentence about the last delivery, and its tone ("waiting", "verified",
// "unverified"): the page renders it and GET /integrations/pinpoint/status returns it for app.js.
struct DeliveryStatus {
  std::string tone;
  std::string text;
};
DeliveryStatus delivery_status(const automations::PinpointConnection& connection);

std::string render_integrations(const Deps& deps, const accounts::SessionContext& session,
                                const IntegrationsView& view);

}  // namespace pinbridge::web
