#pragma once
// The Pinpoint plugin assembled: the Plugin API Keys, the protocol's actions and routes, and the
// result callbacks that subscribe to domain events. Built by the Service after the platform it
// invites through; composition only, the behaviour lives in plugin/.
#include "app/config.hpp"
#include "plugin/callback_log.hpp"
#include "plugin/plugin_actions.hpp"
#include "plugin/plugin_keys.hpp"
#include "plugin/plugin_routes.hpp"
#include "plugin/result_callbacks.hpp"
#include "web/dashboard.hpp"

namespace pinbridge::app {

struct PluginParts {
  PluginParts(const Config& config, store::Database& database, jobs::JobStore& jobs, events::EventLog& events,
              const Clock& clock, const crypto::SecretBox& secrets, accounts::AccountStore& accounts,
              assessments::AssessmentStore& assessments, assessments::Invitations& invitations,
              const assessments::Links& links)
      : keys(database, clock, secrets),
        callback_log(database, clock),
        actions(keys, accounts, assessments, invitations, links),
        callbacks(keys, callback_log, invitations, accounts, jobs, config.plugin_callbacks,
                  config.webhook_targets) {
    callbacks.subscribe(events);
  }

  void add_routes(http::Router& router) { plugin::add_plugin_routes(router, actions); }
  void register_jobs(jobs::WorkerPool& workers) { callbacks.register_jobs(workers); }

  plugin::PluginKeyStore keys;
  plugin::CallbackLog callback_log;
  plugin::PluginActions actions;
  plugin::ResultCallbacks callbacks;
  web::PluginServices dashboard{keys, callback_log};  // what the Integrations and Activity pages use
};

}  // namespace pinbridge::app
