// The plugin's pure parts: references, the status mapping, callback event names, header names as
// Pinpoint may send them, and the protocol documents' shapes.
#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "plugin/plugin_actions.hpp"
#include "plugin/protocol.hpp"
#include "plugin/references.hpp"

namespace pinbridge::plugin {
namespace {

using assessments::InvitationStatus;
using nlohmann::json;

TEST(PluginReferences, RoundTripAndRefuseLookAlikes) {
  EXPECT_EQ(invitation_reference(42), "inv_42");
  EXPECT_EQ(parse_invitation_reference("inv_42"), 42);
  EXPECT_EQ(assessment_reference(7), "as_7");
  EXPECT_EQ(parse_assessment_reference("as_7"), 7);
  for (const auto* bad :
       {"", "inv_", "inv_0", "inv_042", "inv_4x", "inv_-4", "42", "as_42", "inv_99999999999999999999"})
    EXPECT_FALSE(parse_invitation_reference(bad)) << bad;
  EXPECT_FALSE(parse_assessment_reference("inv_7"));
}

TEST(PluginStatus, FollowsTheInvitation) {
  EXPECT_EQ(pinpoint_status(InvitationStatus::invited), "pending");
  EXPECT_EQ(pinpoint_status(InvitationStatus::started), "pending");
  EXPECT_EQ(pinpoint_status(InvitationStatus::submitted), "pending");  // being graded
  EXPECT_EQ(pinpoint_status(InvitationStatus::completed), "completed");
  EXPECT_EQ(pinpoint_status(InvitationStatus::expired), "abandoned");
  EXPECT_EQ(pinpoint_status(InvitationStatus::cancelled), "cancelled");
}

TEST(PluginStatus, CallbackEventsForTheStateChangesOnly) {
  EXPECT_EQ(callback_event("invitation.started"), "assessment_started");
  EXPECT_EQ(callback_event("assessment.completed"), "assessment_completed");
  EXPECT_EQ(callback_event("result.updated"), "result_updated");
  EXPECT_EQ(callback_event("invitation.expired"), "assessment_expired");
  EXPECT_EQ(callback_event("invitation.cancelled"), "assessment_cancelled");
  EXPECT_FALSE(callback_event("invitation.created"));
  EXPECT_FALSE(callback_event("pinpoint.application_created"));
}

TEST(PluginHeaders, NamesMatchWhateverTheCaseAndSeparator) {
  for (const auto* name :
       {"X-Pinbridge-Api-Key", "x-pinbridge-api-key", "x_pinbridge_api_key", "X_PINBRIDGE_API_KEY"})
    EXPECT_TRUE(same_header_name(name, api_key_header)) << name;
  EXPECT_FALSE(same_header_name("X-Pinbridge-Api-Keys", api_key_header));
  EXPECT_FALSE(same_header_name("X-Pinbridge-Signature", api_key_header));
  http::Headers headers{{"x_pinbridge_api_key", "k1"}};
  EXPECT_EQ(find_header(headers, api_key_header), "k1");
  EXPECT_EQ(find_header(json{{"x-pinbridge-signature", "ab"}, {"other", 1}}, signature_header), "ab");
  EXPECT_FALSE(find_header(json{{"x-pinbridge-signature", 12}}, signature_header));
  EXPECT_FALSE(find_header(json::array(), signature_header));
}

TEST(PluginHeaders, KeyValuesSkipWhatIsNotAStringPair) {
  const auto values = key_values(json::parse(
      R"([{"key":"a","value":"1"},{"key":"b","value":2},{"value":"x"},"junk",{"key":"c","value":"3"}])"));
  EXPECT_EQ(values, (std::map<std::string, std::string>{{"a", "1"}, {"c", "3"}}));
  EXPECT_TRUE(key_values(json("not an array")).empty());
}

TEST(PluginDocuments, MetaIsTheSpecsDocument) {
  const auto meta = plugin_meta();
  EXPECT_EQ(meta["version"], "1.0.0");
  EXPECT_EQ(meta["name"], "Pinbridge Assessments");
  EXPECT_TRUE(meta["logoBase64"].get<std::string>().starts_with("data:image/png;base64,"));
  ASSERT_EQ(meta["actions"].size(), 1U);
  const auto& action = meta["actions"][0];
  EXPECT_EQ(action["key"], "createAssessment");
  EXPECT_EQ(action["label"], "Invite to Pinbridge Assessment");
  EXPECT_TRUE(action["iconSvgBase64"].get<std::string>().starts_with("data:image/svg+xml;base64,"));
  EXPECT_EQ(action["metaEndpoint"], "/create-assessment/meta");
  EXPECT_EQ(action["mappings"], json::parse(R"([
      {"key": "firstName", "label": "First Name", "value": "{{candidate_first_name}}"},
      {"key": "lastName",  "label": "Last Name",  "value": "{{candidate_last_name}}"},
      {"key": "email",     "label": "Email",      "value": "{{candidate_email}}"}])"));
  EXPECT_EQ(meta["webhookProcessEndpoint"], "/webhook/process");
  EXPECT_EQ(meta["webhookAuthenticationHeader"], "X-Pinbridge-Signature");
  EXPECT_EQ(meta["configurationFormFields"], json::parse(R"([
      {"key": "apiKey", "label": "Pinbridge API Key", "type": "string", "required": true,
       "sensitive": true, "useAsHttpHeader": "X-Pinbridge-Api-Key"}])"));
}

TEST(PluginDocuments, ScoreOnlyWhenThereIsAResult) {
  AssessmentUpdate pending{"inv_1", "pending", std::nullopt, false, {}};
  AssessmentUpdate done{"inv_2", "completed", 87, true, {{"report", "Report", "https://pb/r"}}};
  const auto answer = process_success({pending, done});
  EXPECT_EQ(answer["resultVersion"], "1.0.0");
  EXPECT_EQ(answer["success"], true);
  EXPECT_FALSE(answer["updateAssessments"][0].contains("score"));
  EXPECT_TRUE(answer["updateAssessments"][1]["score"].is_number_integer());
  EXPECT_EQ(answer["updateAssessments"][1]["score"], 87);
  EXPECT_EQ(answer["updateAssessments"][1]["externalLinks"][0]["url"], "https://pb/r");
}

TEST(PluginDocuments, FailuresCarryAToastAndFieldErrors) {
  const auto failure = submit_failure("Fix it", {{"email", "is invalid"}});
  EXPECT_EQ(failure["success"], false);
  EXPECT_EQ(failure["resultVersion"], "1.0.0");
  EXPECT_EQ(failure["key"], "createAssessment");
  EXPECT_EQ(failure["toast"]["error"], "Fix it");
  EXPECT_EQ(failure["errors"], json::parse(R"([{"key":"email","error":"is invalid"}])"));
  EXPECT_FALSE(submit_failure("x").contains("errors"));
  const auto callout = callout_form("The key is wrong");
  ASSERT_EQ(callout["formFields"].size(), 1U);
  EXPECT_EQ(callout["formFields"][0]["type"], "callout");
  EXPECT_EQ(callout["formFields"][0]["intent"], "danger");
  EXPECT_EQ(callout["formFields"][0]["description"], "The key is wrong");
}

TEST(PluginSignature, IsHexHmacSha256OfTheBody) {
  crypto::initialize();
  // RFC 4231 test case 2.
  EXPECT_EQ(callback_signature(Secret("Jefe"), "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

}  // namespace
}  // namespace pinbridge::plugin
