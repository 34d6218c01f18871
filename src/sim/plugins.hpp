#pragma once
// What a Pinpoint account does with an integration plugin: register it by base URL (fetching and
// checking its meta), keep the customer's configuration values, open an action's form for an
// application (the metaEndpoint call with the candidate's mapped values) and submit it (the
// submitEndpoint call, storing the assessment record it creates). No database transaction is held
// while a plugin is called: its answer is written afterwards in a short one.
//
// An opened form is kept in memory under the uuid of the record it may create, as Pinpoint's page
// keeps it in the browser: submitting sends that form's submitEndpoint with the values typed into
// it, and the same uuid (so the same webhookUrl) on every resubmission of that form, which is what
// lets a plugin recognise a double click. The newest max_open_forms forms are kept.
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "sim/plugin_client.hpp"
#include "sim/plugin_store.hpp"
#include "store/database.hpp"

namespace pinbridge::sim {

struct RegisteredPlugin {
  StoredPlugin plugin;
  bool created = false;  // false: the URL was registered already and its meta was refreshed
};

// One action of one plugin, for one application of a company.
struct ActionTarget {
  std::int64_t company_id = 0;
  std::int64_t application_id = 0;
  std::int64_t plugin_id = 0;
  std::string action_key;
};

// A form the plugin returned, as the page shows it.
struct OpenedForm {
  ActionTarget target;
  std::string callback_uuid;
  ActionForm form;
};

struct SubmitOutcome {
  OpenedForm opened;        // to show again with the errors
  SubmitResult result;      // the plugin's answer (success, or the toast and field errors)
  std::int64_t record = 0;  // the stored record's id on success
};

inline constexpr std::size_t max_open_forms = 10'000;

class Plugins {
 public:
  // public_url: the simulator's base URL, which callback and redirect URLs are built on.
  Plugins(store::Database& database, const Clock& clock, std::chrono::milliseconds timeout,
          std::function<std::string()> public_url);

  Result<RegisteredPlugin> register_plugin(std::int64_t company_id, const std::string& base_url);
  Result<StoredPlugin> refresh(std::int64_t company_id, std::int64_t plugin_id);
  // Sets the values of the meta's configuration fields; unknown keys are invalid_input. With
  // keep_blank_secrets, a blank sensitive field keeps its saved value (a password input is never
  // refilled, so an untouched one arrives blank).
  Result<StoredPlugin> configure(std::int64_t company_id, std::int64_t plugin_id,
                                 const std::map<std::string, std::string>& values, bool keep_blank_secrets);

  Result<OpenedForm> open_action(const ActionTarget& target);
  // Submits the form opened under callback_uuid (for that same target) with the values typed in,
  // keyed by field key; read-only fields always send the value the plugin gave them.
  Result<SubmitOutcome> submit(const ActionTarget& target, const std::string& callback_uuid,
                               const std::map<std::string, std::string>& values);

  // POSTs body to one of the plugin's endpoints with its configuration (shared with callbacks).
  Result<nlohmann::json> call(const StoredPlugin& plugin, std::string_view endpoint, nlohmann::json body,
                              const Pairs& extra_headers = {}) const;

  // The form opened under that uuid, while it is remembered.
  std::optional<OpenedForm> opened_form(const std::string& callback_uuid) const;
  void forget_open_forms();

  std::string callback_url(const std::string& callback_uuid) const;
  std::string redirect_url(const std::string& callback_uuid) const;
  // A fresh random uuid for a record's callback URL (unguessable: the URL is its only credential).
  static std::string new_callback_uuid();
  static bool is_callback_uuid(std::string_view text);

 private:
  struct ActionContext {
    StoredPlugin plugin;
    ApplicationCandidate candidate;
  };
  Result<ActionContext> action_context(const ActionTarget& target);
  Result<PluginMeta> fetch_meta(const std::string& base_url, const PluginCredentials& credentials,
                                nlohmann::json& document) const;
  std::int64_t now_ms() const { return to_unix_ms(clock_.now()); }
  void remember(const OpenedForm& opened);

  store::Database& database_;
  const Clock& clock_;
  PluginClient client_;
  std::function<std::string()> public_url_;
  mutable std::mutex forms_mutex_;
  std::map<std::string, OpenedForm> open_forms_;  // by callback uuid
  std::deque<std::string> open_order_;            // oldest first, to forget beyond max_open_forms
};

}  // namespace pinbridge::sim
