// Pinpoint's side of the integration-plugin protocol in pinpoint-sim, end to end: the real binary
// against TestPlugin (test_plugin.hpp) over loopback. Registration, configuration values (header
// and body), the profile page and the action form, submits that succeed and fail, callback URLs
// forwarded to the plugin and applied, callbacks taken down and back up, and escaping. The pure
// protocol helpers are tested at the end.
#include <gtest/gtest.h>

#include "sim/plugin_protocol.hpp"
#include "sim_process.hpp"
#include "support/eventually.hpp"
#include "test_plugin.hpp"

namespace pinbridge {
namespace {

using nlohmann::json;
using testing::HttpClient;
using testing::HttpResult;
using testing::SimProcess;
using testing::TestPlugin;

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

class PluginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    crypto::initialize();
    sim_ = std::make_unique<SimProcess>();
    sim_->admin("POST", "/_sim/companies", {{"subdomain", "acme"}, {"name", "Acme Inc"}});
    job_ = sim_->admin("POST", "/_sim/companies/acme/jobs", {{"title", "Backend Engineer"}})["id"];
    app_ = create_application("Ada", "Lovelace", "ada@example.com");
  }

  std::int64_t create_application(const std::string& first, const std::string& last,
                                  const std::string& email) {
    return sim_->admin(
        "POST", "/_sim/companies/acme/applications",
        {{"job_id", job_}, {"first_name", first}, {"last_name", last}, {"email", email}})["id"];
  }
  HttpResult call(const std::string& method, const std::string& path, const json& body = nullptr) {
    HttpClient client(sim_->url());
    return client.request(method, path, body.is_null() ? "" : body.dump(),
                          {{"Content-Type", "application/json"}});
  }
  HttpResult get(const std::string& path) { return HttpClient(sim_->url()).get(path); }
  HttpResult post_form(const std::string& path, const std::map<std::string, std::string>& fields) {
    return HttpClient(sim_->url()).post_form(path, fields);
  }
  // Registers the test plugin and, unless told otherwise, saves its API key.
  void add_plugin(bool configured = true) {
    plugin_id_ = sim_->admin("POST", "/_sim/companies/acme/plugins", {{"url", plugin_.url()}})["id"];
    if (configured) configure(TestPlugin::api_key);
  }
  void configure(const std::string& key) {
    sim_->admin("PUT", "/_sim/companies/acme/plugins/" + std::to_string(plugin_id_) + "/configuration",
                {{"apiKey", key}});
  }
  std::string profile_path(std::int64_t application) const {
    return "/ui/acme/applications/" + std::to_string(application);
  }
  std::string action_path(std::int64_t application) const {
    return profile_path(application) + "/actions/" + std::to_string(plugin_id_) + "/createAssessment";
  }
  // Opens the action's form and submits it with the chosen assessment.
  HttpResult invite(std::int64_t application, const std::string& assessment = "as_123") {
    const auto form = get(action_path(application));
    EXPECT_EQ(form.status, 200) << form.body;
    return post_form(action_path(application),
                     {{"callback_uuid", testing::form_field_value(form.body, "callback_uuid")},
                      {"field.assessmentId", assessment}});
  }
  json records() { return sim_->admin("GET", "/_sim/companies/acme/plugin_assessments"); }
  // POSTs a callback as Pinbridge would, to the record's callback URL, signed with the API key.
  HttpResult callback(const std::string& url, const json& event) {
    const auto body = event.dump();
    HttpClient client(sim_->url());
    return client.request(
        "POST", url.substr(sim_->url().size()), body,
        {{"Content-Type", "application/json"}, {"X-Pinbridge-Signature", TestPlugin::signature(body)}});
  }

  TestPlugin plugin_;
  std::unique_ptr<SimProcess> sim_;
  std::int64_t job_ = 0, app_ = 0, plugin_id_ = 0;
};

TEST_F(PluginTest, RegistrationFetchesAndStoresTheMeta) {
  const auto r = call("POST", "/_sim/companies/acme/plugins", {{"url", plugin_.url()}});
  ASSERT_EQ(r.status, 201) << r.body;
  const auto plugin = json::parse(r.body);
  EXPECT_EQ(plugin["name"], "Pinbridge Assessments");
  EXPECT_EQ(plugin["actions"][0]["label"], TestPlugin::action_label);
  EXPECT_EQ(plugin["actions"][0]["metaEndpoint"], "/create-assessment/meta");
  EXPECT_EQ(plugin["actions"][0]["mappings"][2]["value"], "{{candidate_email}}");
  EXPECT_EQ(plugin["webhookProcessEndpoint"], "/webhook/process");
  EXPECT_EQ(plugin["webhookAuthenticationHeader"], "X-Pinbridge-Signature");
  EXPECT_EQ(plugin["configuration"][0]["header"], "x_pinbridge_api_key");
  ASSERT_EQ(plugin_.received("/plugin").size(), 1U);
  EXPECT_TRUE(plugin_.received("/plugin")[0].json().is_object());

  // Registering the URL again refreshes the same plugin; so does the refresh route.
  auto meta = TestPlugin::default_meta();
  meta["name"] = "Pinbridge v2";
  plugin_.set_meta(meta);
  const auto again = call("POST", "/_sim/companies/acme/plugins", {{"url", plugin_.url()}});
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(json::parse(again.body)["id"], plugin["id"]);
  meta["name"] = "Pinbridge v3";
  plugin_.set_meta(meta);
  const auto refreshed =
      sim_->admin("POST", "/_sim/companies/acme/plugins/" + plugin["id"].dump() + "/refresh");
  EXPECT_EQ(refreshed["name"], "Pinbridge v3");
  EXPECT_EQ(sim_->admin("GET", "/_sim/companies/acme/plugins").size(), 1U);
}

TEST_F(PluginTest, UnreachableOrMalformedPluginsAreRefusedClearlyAndNothingIsStored) {
  const auto unreachable =
      call("POST", "/_sim/companies/acme/plugins", {{"url", "http://127.0.0.1:1/plugin"}});
  EXPECT_EQ(unreachable.status, 502);
  EXPECT_NE(unreachable.body.find("could not be reached"), std::string::npos) << unreachable.body;

  auto meta = TestPlugin::default_meta();
  meta["actions"][0].erase("label");
  plugin_.set_meta(meta);
  const auto no_label = call("POST", "/_sim/companies/acme/plugins", {{"url", plugin_.url()}});
  EXPECT_EQ(no_label.status, 502);
  EXPECT_NE(no_label.body.find("actions[0].label is missing"), std::string::npos) << no_label.body;

  plugin_.force("/plugin", {200, "<html>not json</html>"});
  const auto not_json = call("POST", "/_sim/companies/acme/plugins", {{"url", plugin_.url()}});
  EXPECT_EQ(not_json.status, 502);
  EXPECT_NE(not_json.body.find("not a JSON object"), std::string::npos) << not_json.body;

  plugin_.force("/plugin", {500, "{}"});
  const auto failing = call("POST", "/_sim/companies/acme/plugins", {{"url", plugin_.url()}});
  EXPECT_NE(failing.body.find("answered HTTP 500"), std::string::npos) << failing.body;

  EXPECT_EQ(call("POST", "/_sim/companies/acme/plugins", {{"url", "ftp://x"}}).status, 400);
  EXPECT_TRUE(sim_->admin("GET", "/_sim/companies/acme/plugins").empty());

  // The settings page shows the error instead of failing.
  const auto page = post_form("/ui/acme/plugins", {{"url", "http://127.0.0.1:1/plugin"}});
  EXPECT_EQ(page.status, 502);
  EXPECT_NE(page.body.find("role=\"alert\""), std::string::npos);
  EXPECT_NE(page.body.find("could not be reached"), std::string::npos);
}

TEST_F(PluginTest, ConfigurationGoesInTheLowerCasedHeaderAndInTheBodyOfEveryCall) {
  add_plugin();
  sim_->admin("POST", "/_sim/companies/acme/plugins/" + std::to_string(plugin_id_) + "/refresh");
  const auto meta_call = plugin_.received("/plugin").back();
  EXPECT_EQ(meta_call.exact_header("x_pinbridge_api_key"), std::string(TestPlugin::api_key));
  EXPECT_EQ(meta_call.json()["configurationValues"],
            json::parse(R"([{"key":"apiKey","value":"pk_test_key 123"}])"));

  ASSERT_EQ(get(action_path(app_)).status, 200);
  const auto form_call = plugin_.received("/plugin/create-assessment/meta").at(0);
  EXPECT_EQ(form_call.exact_header("x_pinbridge_api_key"), std::string(TestPlugin::api_key));
  EXPECT_EQ(form_call.json()["configurationValues"][0]["value"], TestPlugin::api_key);

  // The admin API never shows a secret, only that it is set; unknown fields are refused.
  const auto listed = sim_->admin("GET", "/_sim/companies/acme/plugins")[0]["configuration"][0];
  EXPECT_EQ(listed["set"], true);
  EXPECT_TRUE(listed["value"].is_null());
  const auto base = "/_sim/companies/acme/plugins/" + std::to_string(plugin_id_) + "/configuration";
  EXPECT_EQ(call("PUT", base, {{"nope", "x"}}).status, 400);
  EXPECT_EQ(call("PUT", base, {{"apiKey", "a\r\nX-Evil: 1"}}).status, 400);
}

TEST_F(PluginTest, SettingsPageRegistersAndSavesConfiguration) {
  const auto registered = post_form("/ui/acme/plugins", {{"url", plugin_.url()}});
  ASSERT_EQ(registered.status, 303) << registered.body;
  const auto page = get(registered.header("location"));
  EXPECT_NE(page.body.find("Registered Pinbridge Assessments."), std::string::npos);
  EXPECT_NE(page.body.find("<h2 id=\"plugin-1-name\">Pinbridge Assessments</h2>"), std::string::npos);
  EXPECT_NE(page.body.find("<label for=\"config-1-apiKey\">Pinbridge API Key</label>"), std::string::npos);
  EXPECT_NE(page.body.find("id=\"config-1-apiKey\" name=\"config.apiKey\" type=\"password\""),
            std::string::npos);
  EXPECT_NE(page.body.find(">Save configuration</button>"), std::string::npos);

  EXPECT_EQ(post_form("/ui/acme/plugins/1/configuration", {{"config.apiKey", TestPlugin::api_key}}).status,
            303);
  // A password input comes back blank: saving it blank keeps the key.
  EXPECT_EQ(post_form("/ui/acme/plugins/1/configuration", {{"config.apiKey", ""}}).status, 303);
  plugin_id_ = 1;
  ASSERT_EQ(get(action_path(app_)).status, 200);
  EXPECT_EQ(plugin_.received("/plugin/create-assessment/meta").at(0).exact_header("x_pinbridge_api_key"),
            std::string(TestPlugin::api_key));
  EXPECT_EQ(get("/ui/acme/plugins").body.find(TestPlugin::api_key), std::string::npos);
}

TEST_F(PluginTest, ProfileOffersTheActionAndRendersThePluginsForm) {
  add_plugin();
  const auto profile = get(profile_path(app_));
  ASSERT_EQ(profile.status, 200);
  EXPECT_NE(profile.body.find("<h1>Ada Lovelace</h1>"), std::string::npos);
  EXPECT_NE(profile.body.find("ada@example.com"), std::string::npos);
  EXPECT_NE(
      profile.body.find(std::string("<button type=\"submit\">") + TestPlugin::action_label + "</button>"),
      std::string::npos);

  const auto form = get(action_path(app_));
  ASSERT_EQ(form.status, 200) << form.body;
  // The meta call carried the mapped candidate values.
  const auto request = plugin_.received("/plugin/create-assessment/meta").at(0).json();
  EXPECT_EQ(request["formFields"],
            json::parse(R"([{"key":"firstName","value":"Ada"},{"key":"lastName","value":"Lovelace"},
                                                   {"key":"email","value":"ada@example.com"}])"));
  // A select with the placeholder and the options, read-only prefilled fields, labels for each.
  EXPECT_NE(form.body.find("<label for=\"field-assessmentId\">Assessment</label>"), std::string::npos);
  EXPECT_NE(
      form.body.find("<select id=\"field-assessmentId\" name=\"field.assessmentId\" required=\"required\">"),
      std::string::npos);
  EXPECT_NE(form.body.find("<option value=\"\" selected=\"selected\">Select an assessment...</option>"),
            std::string::npos);
  EXPECT_NE(form.body.find("<option value=\"as_123\">Backend screen</option>"), std::string::npos);
  EXPECT_NE(form.body.find("<label for=\"field-firstName\">First Name</label>"), std::string::npos);
  EXPECT_NE(
      form.body.find(
          "name=\"field.firstName\" required=\"required\" type=\"text\" value=\"Ada\" readonly=\"readonly\""),
      std::string::npos);
  EXPECT_NE(form.body.find("value=\"ada@example.com\" readonly=\"readonly\""), std::string::npos);
  EXPECT_NE(form.body.find(">Submit</button>"), std::string::npos);
}

TEST_F(PluginTest, AMissingKeyShowsThePluginsDangerCallout) {
  add_plugin(false);
  const auto form = get(action_path(app_));
  ASSERT_EQ(form.status, 200);
  EXPECT_FALSE(plugin_.received("/plugin/create-assessment/meta").at(0).exact_header("x_pinbridge_api_key"));
  EXPECT_NE(
      form.body.find(
          "<div class=\"callout callout-danger\" role=\"alert\"><strong>Pinbridge is not connected</strong>"
          "<p>The Pinbridge API key is missing or invalid. Check it in the plugin settings.</p></div>"),
      std::string::npos)
      << form.body;
  EXPECT_EQ(form.body.find(">Submit</button>"), std::string::npos);
}

TEST_F(PluginTest, SubmitStoresAPendingRecordWithItsOwnCallbackUrl) {
  add_plugin();
  const auto first = invite(app_);
  ASSERT_EQ(first.status, 303) << first.body;
  EXPECT_NE(first.header("location").find(profile_path(app_) + "?created="), std::string::npos);
  const auto submit = plugin_.received("/plugin/create-assessment/submit").at(0).json();
  EXPECT_EQ(submit["formFields"],
            json::parse(R"([{"key":"assessmentId","value":"as_123"},{"key":"firstName","value":"Ada"},
                                                 {"key":"lastName","value":"Lovelace"},{"key":"email","value":"ada@example.com"}])"));
  EXPECT_EQ(submit["configurationValues"][0]["key"], "apiKey");

  const auto second_app = create_application("Grace", "Hopper", "grace@example.com");
  ASSERT_EQ(invite(second_app, "as_456").status, 303);
  const auto list = records();
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list[0]["application_id"], app_);
  EXPECT_EQ(list[0]["plugin_id"], plugin_id_);
  EXPECT_EQ(list[0]["status"], "pending");
  EXPECT_EQ(list[0]["assessment_name"], "Backend screen");
  EXPECT_EQ(list[0]["external_identifier"], "inv_1");
  EXPECT_TRUE(list[0]["score"].is_null());
  EXPECT_EQ(list[0]["callback_url"], submit["webhookUrl"]);
  EXPECT_NE(list[0]["callback_url"], list[1]["callback_url"]);
  EXPECT_EQ(submit["generatedUuidRedirectUrl"].get<std::string>().find(sim_->url() + "/plugin_redirects/"),
            0U);

  const auto profile = get(first.header("location"));
  EXPECT_NE(profile.body.find("role=\"status\">Ada Lovelace was invited to Backend screen</div>"),
            std::string::npos);
  EXPECT_NE(profile.body.find("<td>Backend screen</td><td>pending</td><td>-</td>"), std::string::npos)
      << profile.body;
  // The redirect URL leads to the candidate's profile.
  const auto redirect = get(submit["generatedUuidRedirectUrl"].get<std::string>().substr(sim_->url().size()));
  EXPECT_EQ(redirect.header("location"), profile_path(app_) + "#assessments");
}

TEST_F(PluginTest, SubmittingTheSameFormTwiceKeepsOneRecord) {
  add_plugin();
  const auto form = get(action_path(app_));
  const std::map<std::string, std::string> fields{
      {"callback_uuid", testing::form_field_value(form.body, "callback_uuid")},
      {"field.assessmentId", "as_123"}};
  ASSERT_EQ(post_form(action_path(app_), fields).status, 303);
  ASSERT_EQ(post_form(action_path(app_), fields).status, 303);
  EXPECT_EQ(plugin_.received("/plugin/create-assessment/submit").size(), 2U);
  EXPECT_EQ(records().size(), 1U);
  // A form that was never opened is refused.
  auto stale = fields;
  stale["callback_uuid"] = "00000000-0000-4000-a000-000000000000";
  EXPECT_EQ(post_form(action_path(app_), stale).status, 404);
}

TEST_F(PluginTest, AFailedSubmitShowsTheToastAndFieldErrorsAndCanBeResubmitted) {
  add_plugin();
  const auto form = get(action_path(app_));
  const auto uuid = testing::form_field_value(form.body, "callback_uuid");
  const auto failed = post_form(action_path(app_), {{"callback_uuid", uuid}, {"field.assessmentId", ""}});
  EXPECT_EQ(failed.status, 422);
  EXPECT_NE(failed.body.find(
                "<div class=\"toast toast-error\" role=\"alert\"><p>Please choose an assessment</p></div>"),
            std::string::npos)
      << failed.body;
  EXPECT_NE(failed.body.find("aria-invalid=\"true\" aria-describedby=\"field-assessmentId-error\""),
            std::string::npos);
  EXPECT_NE(
      failed.body.find("<p class=\"field-error\" id=\"field-assessmentId-error\">can&#39;t be blank</p>"),
      std::string::npos);
  EXPECT_TRUE(records().empty());
  // The form comes back as it was, so it can be sent again.
  EXPECT_EQ(testing::form_field_value(failed.body, "callback_uuid"), uuid);
  EXPECT_EQ(post_form(action_path(app_), {{"callback_uuid", uuid}, {"field.assessmentId", "as_456"}}).status,
            303);
  EXPECT_EQ(records().size(), 1U);
}

TEST_F(PluginTest, APluginThatAnswersBadlyGivesAClearPageNotACrash) {
  add_plugin();
  plugin_.force("/plugin/create-assessment/meta", {200, "oops"});
  const auto not_json = get(action_path(app_));
  EXPECT_EQ(not_json.status, 502);
  EXPECT_NE(not_json.body.find("not a JSON object: oops"), std::string::npos);
  plugin_.force("/plugin/create-assessment/meta", {503, "{}"});
  EXPECT_NE(get(action_path(app_)).body.find("answered HTTP 503"), std::string::npos);
  plugin_.unforce("/plugin/create-assessment/meta");

  const auto form = get(action_path(app_));
  plugin_.force("/plugin/create-assessment/submit", {500, "boom"});
  const auto failed =
      post_form(action_path(app_), {{"callback_uuid", testing::form_field_value(form.body, "callback_uuid")},
                                    {"field.assessmentId", "as_123"}});
  EXPECT_EQ(failed.status, 502);
  EXPECT_NE(failed.body.find("answered HTTP 500: boom"), std::string::npos);
  EXPECT_NE(failed.body.find(">Submit</button>"), std::string::npos);  // the form, to try again
  EXPECT_EQ(get("/_sim/health").status, 200);
}

TEST_F(PluginTest, CallbacksAreForwardedWithTheAuthHeaderAndApplied) {
  add_plugin();
  ASSERT_EQ(invite(app_).status, 303);
  const auto record = records()[0];
  const json event{{"externalIdentifier", "inv_1"}, {"event", "assessment_completed"}, {"score", 87}};
  const auto answer = callback(record["callback_url"], event);
  ASSERT_EQ(answer.status, 200) << answer.body;

  const auto forwarded = plugin_.received("/plugin/webhook/process").at(0);
  const auto body = forwarded.json();
  EXPECT_EQ(body["body"], event.dump());
  EXPECT_EQ(body["headers"]["x-pinbridge-signature"], TestPlugin::signature(event.dump()));
  EXPECT_FALSE(body["headers"].contains("host"));
  EXPECT_EQ(body["configurationValues"][0]["value"], TestPlugin::api_key);
  EXPECT_EQ(forwarded.exact_header("x_pinbridge_api_key"), std::string(TestPlugin::api_key));

  const auto updated = records()[0];
  EXPECT_EQ(updated["status"], "completed");
  EXPECT_EQ(updated["score"], 87);
  EXPECT_TRUE(updated["score"].is_number_integer());
  EXPECT_EQ(updated["external_links"][0]["url"], "https://pinbridge.test/reports/inv_1");
  const auto profile = get(profile_path(app_));
  EXPECT_NE(profile.body.find("<td>Backend screen</td><td>completed</td><td>87</td>"), std::string::npos);
  EXPECT_NE(profile.body.find("<a href=\"https://pinbridge.test/reports/inv_1\" rel=\"noopener noreferrer\" "
                              "target=\"_blank\">Report</a>"),
            std::string::npos)
      << profile.body;
  const auto attempts = sim_->admin("GET", "/_sim/plugin_callback_attempts");
  EXPECT_EQ(attempts[0]["status"], 200);
  EXPECT_EQ(attempts[0]["callback_uuid"], record["callback_uuid"]);
}

TEST_F(PluginTest, CallbackFailuresAnswer5xxSoTheCallerRetries) {
  add_plugin();
  ASSERT_EQ(invite(app_).status, 303);
  const auto url = records()[0]["callback_url"].get<std::string>();
  // A signature the plugin rejects (success false), a score that is not an integer, a plugin down.
  HttpClient client(sim_->url());
  const auto unsigned_call =
      client.request("POST", url.substr(sim_->url().size()), R"({"externalIdentifier":"inv_1"})",
                     {{"Content-Type", "application/json"}});
  EXPECT_EQ(unsigned_call.status, 502);
  EXPECT_EQ(callback(url, {{"externalIdentifier", "inv_1"}, {"score", 87.5}}).status, 502);
  plugin_.force("/plugin/webhook/process", {500, "{}"});
  EXPECT_EQ(callback(url, {{"externalIdentifier", "inv_1"}, {"score", 90}}).status, 502);
  EXPECT_EQ(records()[0]["status"], "pending");
  EXPECT_EQ(call("POST", "/plugin_callbacks/00000000-0000-4000-a000-000000000000", json::object()).status,
            404);
  EXPECT_EQ(sim_->admin("GET", "/_sim/plugin_callback_attempts").size(), 4U);
}

TEST_F(PluginTest, CallbackUrlsDownAnswer503UntilBackUp) {
  add_plugin();
  ASSERT_EQ(invite(app_).status, 303);
  const auto url = records()[0]["callback_url"].get<std::string>();
  const json event{{"externalIdentifier", "inv_1"}, {"score", 64}};
  EXPECT_EQ(sim_->admin("PUT", "/_sim/plugin_callbacks", {{"down", true}})["down"], true);
  const auto down = callback(url, event);
  EXPECT_EQ(down.status, 503);
  EXPECT_NE(down.body.find("Pinpoint's callback URL is down"), std::string::npos);
  EXPECT_TRUE(plugin_.received("/plugin/webhook/process").empty());
  EXPECT_EQ(records()[0]["status"], "pending");

  sim_->admin("PUT", "/_sim/plugin_callbacks", {{"down", false}});
  EXPECT_EQ(callback(url, event).status, 200);
  EXPECT_EQ(records()[0]["score"], 64);
  const auto attempts = sim_->admin("GET", "/_sim/plugin_callback_attempts");
  ASSERT_EQ(attempts.size(), 2U);
  EXPECT_EQ(attempts[0]["status"], 503);
  EXPECT_EQ(attempts[1]["status"], 200);

  // Down for a while: back up by itself.
  sim_->admin("PUT", "/_sim/plugin_callbacks", {{"down", true}, {"for_ms", 1000}});
  EXPECT_EQ(callback(url, event).status, 503);
  EXPECT_TRUE(
      testing::eventually([&] { return callback(url, event).status == 200; }, std::chrono::seconds(10)));
  EXPECT_EQ(call("PUT", "/_sim/plugin_callbacks", {{"down", "yes"}}).status, 400);
}

TEST_F(PluginTest, HostileNamesAndLinksAreEscaped) {
  auto meta = TestPlugin::default_meta();
  meta["name"] = "<b>Evil</b> plugin";
  meta["actions"][0]["label"] = "<img src=x onerror=alert(1)>";
  plugin_.set_meta(meta);
  add_plugin();
  plugin_.set_assessment_label("<script>alert('name')</script>");
  const auto hostile = create_application("<script>alert(1)</script>", "O'Hara & \"Sons\"", "x@example.com");
  const auto form = get(action_path(hostile));
  EXPECT_EQ(form.body.find("<script>alert"), std::string::npos);
  EXPECT_NE(form.body.find("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;"), std::string::npos)
      << form.body;
  EXPECT_NE(form.body.find("value=\"O&#39;Hara &amp; &quot;Sons&quot;\""), std::string::npos);
  ASSERT_EQ(post_form(action_path(hostile),
                      {{"callback_uuid", testing::form_field_value(form.body, "callback_uuid")},
                       {"field.assessmentId", "as_123"}})
                .status,
            303);
  const auto url = records()[0]["callback_url"].get<std::string>();
  ASSERT_EQ(
      callback(url, {{"externalIdentifier", "inv_1"}, {"score", 1}, {"report_url", "javascript:alert(1)"}})
          .status,
      200);

  const auto profile = get(profile_path(hostile));
  EXPECT_EQ(profile.body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(profile.body.find("<img src=x"), std::string::npos);
  EXPECT_EQ(profile.body.find("href=\"javascript:"), std::string::npos);
  EXPECT_NE(profile.body.find("&lt;img src=x onerror=alert(1)&gt;</button>"), std::string::npos);
  EXPECT_GE(count(profile.body, "&lt;script&gt;alert"), 2U);  // the candidate and the assessment
  const auto settings = get("/ui/acme/plugins");
  EXPECT_NE(settings.body.find("&lt;b&gt;Evil&lt;/b&gt; plugin"), std::string::npos);
}

TEST_F(PluginTest, ResetClearsPluginsRecordsAttemptsAndTheDownSwitch) {
  add_plugin();
  ASSERT_EQ(invite(app_).status, 303);
  sim_->admin("PUT", "/_sim/plugin_callbacks", {{"down", true}});
  callback(records()[0]["callback_url"], {{"externalIdentifier", "inv_1"}});
  sim_->admin("POST", "/_sim/reset");
  sim_->admin("POST", "/_sim/companies", {{"subdomain", "acme"}});
  EXPECT_TRUE(sim_->admin("GET", "/_sim/companies/acme/plugins").empty());
  EXPECT_TRUE(records().empty());
  EXPECT_TRUE(sim_->admin("GET", "/_sim/plugin_callback_attempts").empty());
  EXPECT_EQ(sim_->admin("GET", "/_sim/plugin_callbacks")["down"], false);
}

TEST_F(PluginTest, CompaniesSeeOnlyTheirOwnPluginsAndRecords) {
  add_plugin();
  ASSERT_EQ(invite(app_).status, 303);
  sim_->admin("POST", "/_sim/companies", {{"subdomain", "globex"}});
  EXPECT_TRUE(sim_->admin("GET", "/_sim/companies/globex/plugins").empty());
  EXPECT_TRUE(sim_->admin("GET", "/_sim/companies/globex/plugin_assessments").empty());
  EXPECT_EQ(get("/ui/globex/applications/" + std::to_string(app_)).status, 404);
  EXPECT_EQ(get("/ui/globex/applications/" + std::to_string(app_) + "/actions/" + std::to_string(plugin_id_) +
                "/createAssessment")
                .status,
            404);
}

// The pure protocol helpers.

TEST(PluginProtocolTest, HeaderNamesAreLowerCasedWithUnderscores) {
  EXPECT_EQ(sim::plugin_header_name("X-Pinbridge-Api-Key"), "x_pinbridge_api_key");
  EXPECT_EQ(sim::plugin_header_name("Authorization"), "authorization");
}

TEST(PluginProtocolTest, MappingsFillCandidateVariables) {
  const sim::MappingCandidate ada{"Ada", "Lovelace", "ada@example.com"};
  EXPECT_EQ(sim::fill_mapping("{{candidate_first_name}}", ada), "Ada");
  EXPECT_EQ(sim::fill_mapping("{{candidate_first_name}} {{candidate_last_name}} <{{candidate_email}}>", ada),
            "Ada Lovelace <ada@example.com>");
  EXPECT_EQ(sim::fill_mapping("{{job_title}}!", ada), "!");
  EXPECT_EQ(sim::fill_mapping("plain {{unclosed", ada), "plain {{unclosed");
}

TEST(PluginProtocolTest, EndpointsKeepTheBasePath) {
  EXPECT_EQ(sim::plugin_endpoint_url("http://h/plugin/", "/meta"), "http://h/plugin/meta");
  EXPECT_EQ(sim::plugin_endpoint_url("http://h", "meta"), "http://h/meta");
  EXPECT_EQ(sim::plugin_endpoint_url("http://h/p", "https://other/x"), "https://other/x");
}

TEST(PluginProtocolTest, MalformedDocumentsNameTheField) {
  auto meta = TestPlugin::default_meta();
  meta["configurationFormFields"][0]["sensitive"] = "yes";
  const auto bad_meta = sim::parse_plugin_meta(meta);
  ASSERT_FALSE(bad_meta);
  EXPECT_NE(bad_meta.error().message.find("configurationFormFields[0].sensitive must be true or false"),
            std::string::npos);
  EXPECT_FALSE(sim::parse_plugin_meta(json::array()));
  EXPECT_TRUE(sim::parse_plugin_meta(TestPlugin::default_meta()));

  const auto float_score = sim::parse_process_result(
      json::parse(R"({"success":true,"updateAssessments":[{"externalIdentifier":"a","score":1.5}]})"));
  ASSERT_FALSE(float_score);
  EXPECT_NE(float_score.error().message.find("updateAssessments[0].score must be an integer"),
            std::string::npos);
  EXPECT_FALSE(sim::parse_process_result(
      json::parse(R"({"success":true,"updateAssessments":[{"externalIdentifier":"a","status":"done"}]})")));
  EXPECT_FALSE(sim::parse_process_result(json::parse(R"({"success":false})")));
  EXPECT_FALSE(sim::parse_action_form(
      json::parse(R"({"formFields":[{"key":"a","type":"string"}]})")));  // no submitEndpoint
  EXPECT_TRUE(sim::parse_action_form(json::parse(R"({"formFields":[{"key":"a","type":"callout"}]})")));
}

}  // namespace
}  // namespace pinbridge
