#include "plugin_fixture.hpp"

#include "plugin/plugin_routes.hpp"
#include "plugin/references.hpp"
#include "schema/product_schema.hpp"
#include "store/migrations.hpp"

namespace pinbridge::plugin::testing {

void PluginTest::SetUpTestSuite() {
  crypto::initialize();
}

void PluginTest::SetUp() {
  database_ = store::open_database({.url = "sqlite:" + dir_.path() + "/t.db"});
  store::migrate(*database_, schema::product_migrations());
  accounts_ =
      std::make_unique<accounts::AccountStore>(*database_, clock_, crypto::PasswordCost::minimal_for_tests);
  platform_ = std::make_unique<pinbridge::testing::TestPlatform>(*database_, clock_);
  keys_ = std::make_unique<PluginKeyStore>(*database_, clock_, platform_->secrets);
  actions_ = std::make_unique<PluginActions>(*keys_, *accounts_, platform_->assessments,
                                             platform_->invitations, platform_->links);
  http::Router router;
  add_plugin_routes(router, *actions_);
  http::ServerSettings settings;
  settings.port = 0;
  server_ = std::make_unique<http::Server>(settings, std::move(router));
  server_->start();
  client_ =
      std::make_unique<pinbridge::testing::HttpClient>("http://127.0.0.1:" + std::to_string(server_->port()));

  acme_ = accounts_->create_account("acme", "Acme").value();
  globex_ = accounts_->create_account("globex", "Globex").value();
  for (const auto& account : {acme_, globex_}) accounts_->set_addon(account.id, accounts::Addon::api, true);
  backend_ =
      platform_->assessments.create(acme_.id, pinbridge::testing::sample_assessment("Backend screen"))->id;
  archived_ =
      platform_->assessments.create(acme_.id, pinbridge::testing::sample_assessment("Old screen"))->id;
  ASSERT_TRUE(platform_->assessments.set_archived(acme_.id, archived_, true));
  globex_assessment_ =
      platform_->assessments.create(globex_.id, pinbridge::testing::sample_assessment("Globex screen"))->id;
  acme_key_ = keys_->ensure(acme_.id)->key.reveal();
  globex_key_ = keys_->ensure(globex_.id)->key.reveal();
}

void PluginTest::TearDown() {
  if (server_) server_->shutdown();
}

pinbridge::testing::HttpResult PluginTest::raw(const std::string& path, const std::string& body,
                                               const std::map<std::string, std::string>& headers) {
  return client_->post("/plugin/pinpoint" + path, body, "application/json", headers);
}

json PluginTest::call(const std::string& path, const json& body, const std::string& header_name,
                      const std::string& key) {
  std::map<std::string, std::string> headers;
  if (!header_name.empty()) headers[header_name] = key.empty() ? acme_key_ : key;
  const auto result = raw(path, body.dump(), headers);
  EXPECT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.header("content-type"), "application/json");
  return json::parse(result.body, nullptr, false);
}

json PluginTest::submit_body(const std::string& email, const std::string& webhook_url) const {
  return {{"formFields",
           {{{"key", "assessmentId"}, {"value", "as_" + std::to_string(backend_)}},
            {{"key", "firstName"}, {"value", "Ada"}},
            {{"key", "lastName"}, {"value", "Lovelace"}},
            {{"key", "email"}, {"value", email}}}},
          {"configurationValues", {{{"key", "apiKey"}, {"value", acme_key_}}}},
          {"webhookUrl", webhook_url},
          {"generatedUuidRedirectUrl", "https://pinpoint.test/redirect/1"}};
}

json PluginTest::submit(const std::string& email, const std::string& webhook_url) {
  return call("/create-assessment/submit", submit_body(email, webhook_url));
}

json PluginTest::process_body(const std::string& reference, const std::string& signing_key) const {
  const std::string notice =
      json{{"externalIdentifier", reference}, {"event", "assessment_completed"}}.dump();
  return {{"body", notice},
          {"headers",
           {{"x-pinbridge-signature", callback_signature(Secret(signing_key), notice)},
            {"content-type", "application/json"}}},
          {"configurationValues", {{{"key", "apiKey"}, {"value", acme_key_}}}}};
}

std::int64_t PluginTest::invitation_id(const json& submitted) const {
  return parse_invitation_reference(submitted.value("externalIdentifier", "")).value_or(0);
}

}  // namespace pinbridge::plugin::testing
