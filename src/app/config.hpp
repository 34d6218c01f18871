#pragma once
// Pinbridge's configuration: a TOML file plus PINBRIDGE_<SECTION>_<KEY> environment overrides.
// Strict on purpose: an unknown key, a value of the wrong type or out of range stops start-up with
// a message naming the key, because a typo that silently falls back to a default is worse.
#include <map>
#include <optional>
#include <string>

#include "accounts/sessions.hpp"
#include "api/url_guard.hpp"
#include "api/webhook_dispatcher.hpp"
#include "assessments/platform.hpp"
#include "automations/webhook_ingest.hpp"
#include "core/crypto.hpp"
#include "core/result.hpp"
#include "core/secret.hpp"
#include "http/server.hpp"
#include "jobs/job_store.hpp"
#include "jobs/worker_pool.hpp"
#include "mail/smtp_settings.hpp"
#include "pinpoint/client.hpp"
#include "plugin/result_callbacks.hpp"
#include "store/database.hpp"

namespace pinbridge::app {

struct Config {
  http::ServerSettings server;
  std::string public_url;  // empty: http://<listen address>
  std::string data_dir = "data";
  store::DatabaseSettings database;  // url empty: sqlite:<data_dir>/pinbridge.db
  Secret master_key;                 // base64; empty: read or create <data_dir>/master.key (SQLite only)
  bool secure_cookies = false;
  crypto::PasswordCost password_cost = crypto::PasswordCost::interactive;
  accounts::SessionSettings sessions;
  jobs::QueueSettings queue;
  jobs::WorkerSettings workers;
  assessments::InvitationSettings invitations;
  mail::SmtpSettings smtp;
  api::UrlPolicy webhook_targets;  // where customer webhooks may be sent
  api::WebhookSettings webhooks;
  plugin::CallbackSettings plugin_callbacks;  // result callbacks to Pinpoint (same target policy)
  pinpoint::ClientOptions pinpoint;           // server-wide: every account's Pinpoint client
  automations::IngestSettings pinpoint_ingest;
  std::string log_level = "info";
  std::string log_format = "json";
};

using Environment = std::map<std::string, std::string>;

// The PINBRIDGE_* variables of this process.
Environment process_environment();

// Reads the file (when given), then applies the environment. Errors name the offending key.
Result<Config> load_config(const std::optional<std::string>& path, const Environment& environment);

// Markdown table of every option with its type, default, environment variable and meaning; the
// source of docs/configuration.md (a test keeps the two equal).
std::string configuration_reference();

}  // namespace pinbridge::app
