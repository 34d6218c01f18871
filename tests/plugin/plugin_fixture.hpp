#pragma once
// The plugin's routes served over real HTTP on loopback (port 0) by the product's http::Server, on
// a SQLite test database with a fake clock and the assessment platform as app/ assembles it.
// Account "acme" has the API add-on, a Plugin API Key and two assessments ("Backend screen" and
// the archived "Old screen"); "globex" has a key and an assessment of its own.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "accounts/account_store.hpp"
#include "http/server.hpp"
#include "plugin/callback_log.hpp"
#include "plugin/plugin_actions.hpp"
#include "plugin/plugin_keys.hpp"
#include "plugin/result_callbacks.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"
#include "support/test_platform.hpp"

namespace pinbridge::plugin::testing {

using nlohmann::json;

class PluginTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  void SetUp() override;
  void TearDown() override;

  // POSTs body to the plugin path with the key as header_name (none when empty).
  json call(const std::string& path, const json& body, const std::string& header_name = "X-Pinbridge-Api-Key",
            const std::string& key = {});
  pinbridge::testing::HttpResult raw(const std::string& path, const std::string& body,
                                     const std::map<std::string, std::string>& headers = {});
  // A submit of the form for acme's Backend screen, as Pinpoint sends it.
  json submit_body(const std::string& email,
                   const std::string& webhook_url = "https://pinpoint.test/cb/1") const;
  json submit(const std::string& email, const std::string& webhook_url = "https://pinpoint.test/cb/1");
  // The webhook-process request for a notice naming reference, signed with `signing_key`.
  json process_body(const std::string& reference, const std::string& signing_key) const;
  std::int64_t invitation_id(const json& submitted) const;

  pinbridge::testing::TempDir dir_;
  std::unique_ptr<store::Database> database_;
  FakeClock clock_;
  std::unique_ptr<accounts::AccountStore> accounts_;
  std::unique_ptr<pinbridge::testing::TestPlatform> platform_;
  std::unique_ptr<PluginKeyStore> keys_;
  std::unique_ptr<PluginActions> actions_;
  std::unique_ptr<http::Server> server_;
  std::unique_ptr<pinbridge::testing::HttpClient> client_;
  accounts::Account acme_, globex_;
  std::int64_t backend_ = 0, archived_ = 0, globex_assessment_ = 0;
  std::string acme_key_, globex_key_;
};

}  // namespace pinbridge::plugin::testing
