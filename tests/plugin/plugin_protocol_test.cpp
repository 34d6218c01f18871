// Every plugin endpoint and its error cases, over real HTTP on loopback: the meta document, the
// action form (active assessments, prefilled read-only fields, the callout for a missing, bad or
// rotated key or the add-on off), the key in each header spelling or the body, submit (the
// invitation and its email, per-field errors, the same submission twice or at once), malformed
// and oversized bodies, and the webhook process (signature, each status, the integer score).
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "plugin/plugin_routes.hpp"
#include "plugin/references.hpp"
#include "plugin_fixture.hpp"

namespace pinbridge::plugin::testing {
namespace {

using namespace std::chrono_literals;

json form_request(const std::string& key_in_body = {}) {
  json body = {{"formFields",
                {{{"key", "firstName"}, {"value", "Ada"}},
                 {{"key", "lastName"}, {"value", "Lovelace"}},
                 {{"key", "email"}, {"value", "ada@example.com"}}}}};
  if (!key_in_body.empty()) body["configurationValues"] = {{{"key", "apiKey"}, {"value", key_in_body}}};
  return body;
}

const json* field(const json& form, const std::string& key) {
  for (const auto& f : form["formFields"])
    if (f.value("key", "") == key) return &f;
  return nullptr;
}

bool is_callout(const json& form, const std::string& says) {
  return form["formFields"].size() == 1 && form["formFields"][0]["type"] == "callout" &&
         form["formFields"][0]["intent"] == "danger" &&
         form["formFields"][0]["description"].get<std::string>().find(says) != std::string::npos;
}

std::set<std::string> error_keys(const json& answer) {
  std::set<std::string> keys;
  for (const auto& e : answer.value("errors", json::array())) keys.insert(e["key"].get<std::string>());
  return keys;
}

using PluginProtocol = PluginTest;

TEST_F(PluginProtocol, MetaIsServedAtTheBaseUrlWithOrWithoutSlashAndNeedsNoKey) {
  for (const auto* path : {"", "/"}) {
    const auto meta = call(path, json::object(), "");
    EXPECT_EQ(meta, plugin_meta());
    EXPECT_EQ(meta["version"], "1.0.0");
  }
}

TEST_F(PluginProtocol, ActionFormListsTheAccountsActiveAssessmentsAndPrefillsTheCandidate) {
  const auto form = call("/create-assessment/meta", form_request());
  EXPECT_EQ(form["actionVersion"], "1.0.0");
  EXPECT_EQ(form["key"], "createAssessment");
  EXPECT_EQ(form["submitEndpoint"], "/create-assessment/submit");
  const auto* select = field(form, "assessmentId");
  ASSERT_NE(select, nullptr);
  EXPECT_EQ((*select)["singleSelectOptions"],
            json::parse(R"([{"label":"Backend screen","value":"as_)" + std::to_string(backend_) + "\"}]"))
      << "neither the archived assessment nor another account's";
  EXPECT_EQ((*select)["required"], true);
  for (const auto& [key, value] :
       {std::pair{"firstName", "Ada"}, {"lastName", "Lovelace"}, {"email", "ada@example.com"}}) {
    const auto* prefilled = field(form, key);
    ASSERT_NE(prefilled, nullptr) << key;
    EXPECT_EQ((*prefilled)["value"], value);
    EXPECT_EQ((*prefilled)["readonly"], true);
    EXPECT_EQ((*prefilled)["required"], true);
  }
}

TEST_F(PluginProtocol, ActionFormTakesTheMappingsWhenThereAreNoFormFields) {
  const json body = {{"mappings",
                      {{{"key", "firstName"}, {"label", "First Name"}, {"value", "Grace"}},
                       {{"key", "lastName"}, {"label", "Last Name"}, {"value", "Hopper"}},
                       {{"key", "email"}, {"label", "Email"}, {"value", "grace@example.com"}}}}};
  const auto form = call("/create-assessment/meta", body);
  EXPECT_EQ((*field(form, "firstName"))["value"], "Grace");
  EXPECT_EQ((*field(form, "email"))["value"], "grace@example.com");
}

TEST_F(PluginProtocol, AMissingBadOrRotatedKeyGetsACalloutThatSaysSo) {
  EXPECT_TRUE(
      is_callout(call("/create-assessment/meta", form_request(), ""), "No Pinbridge API Key was sent"));
  EXPECT_TRUE(
      is_callout(call("/create-assessment/meta", form_request(), "X-Pinbridge-Api-Key", "pb_plugin_nope"),
                 "is not valid"));
  EXPECT_TRUE(is_callout(call("/create-assessment/meta", form_request(), "X-Pinbridge-Api-Key", "nonsense"),
                         "is not valid"));
  const auto old_key = acme_key_;
  acme_key_ = keys_->rotate(acme_.id)->key.reveal();
  EXPECT_TRUE(is_callout(call("/create-assessment/meta", form_request(), "X-Pinbridge-Api-Key", old_key),
                         "it may have been rotated"));
  EXPECT_TRUE(field(call("/create-assessment/meta", form_request()), "assessmentId"));
}

TEST_F(PluginProtocol, WithoutTheApiAddonEveryCallIsRefused) {
  accounts_->set_addon(acme_.id, accounts::Addon::api, false);
  EXPECT_TRUE(is_callout(call("/create-assessment/meta", form_request()), "API add-on"));
  const auto submitted = submit("ada@example.com");
  EXPECT_EQ(submitted["success"], false);
  EXPECT_NE(submitted["toast"]["error"].get<std::string>().find("API add-on"), std::string::npos);
  EXPECT_TRUE(platform_->invitations.list(acme_.id, {}, 10, 0).empty());
}

TEST_F(PluginProtocol, TheKeyIsAcceptedInEveryHeaderSpellingOrInTheBody) {
  for (const auto* header : {"X-Pinbridge-Api-Key", "x-pinbridge-api-key", "x_pinbridge_api_key"}) {
    SCOPED_TRACE(header);
    EXPECT_TRUE(field(call("/create-assessment/meta", form_request(), header), "assessmentId"));
  }
  EXPECT_TRUE(field(call("/create-assessment/meta", form_request(acme_key_), ""), "assessmentId"));
  // Each account sees its own assessments: the key decides the account.
  const auto globex = call("/create-assessment/meta", form_request(), "x_pinbridge_api_key", globex_key_);
  EXPECT_EQ((*field(globex, "assessmentId"))["singleSelectOptions"][0]["label"], "Globex screen");
}

TEST_F(PluginProtocol, SubmitInvitesAndEmailsTheCandidateAndAnswersPending) {
  const auto answer = submit("Ada@Example.com", "https://pinpoint.test/callbacks/abc");
  ASSERT_EQ(answer["success"], true) << answer.dump();
  const auto id = invitation_id(answer);
  ASSERT_GT(id, 0);
  EXPECT_EQ(answer["resultVersion"], "1.0.0");
  EXPECT_EQ(answer["key"], "createAssessment");
  EXPECT_EQ(answer["status"], "pending");
  EXPECT_EQ(answer["assessmentName"], "Backend screen");
  EXPECT_EQ(answer["message"], "Ada Lovelace was invited to Backend screen");
  EXPECT_EQ(answer["externalRecordUrl"], platform_->links.report(id));
  EXPECT_EQ(answer["externalLinks"], json::parse(R"([{"key":"report","label":"Report","url":")" +
                                                 platform_->links.report(id) + "\"}]"));
  const auto invitation = platform_->invitations.find(acme_.id, id);
  ASSERT_TRUE(invitation);
  EXPECT_EQ(invitation->source, assessments::InvitationSource::plugin);
  EXPECT_EQ(invitation->callback_url, "https://pinpoint.test/callbacks/abc");
  EXPECT_EQ(invitation->candidate_email, "ada@example.com");
  EXPECT_EQ(invitation->candidate_name, "Ada Lovelace");
  const auto emails = platform_->outbox.for_invitation(acme_.id, id);
  ASSERT_EQ(emails.size(), 1U);
  EXPECT_EQ(emails[0].email.to_address, "ada@example.com");
}

TEST_F(PluginProtocol, SubmitRefusesWhatIsWrongFieldByField) {
  auto body = submit_body("not-an-email");
  body["formFields"][0]["value"] = "as_" + std::to_string(archived_);
  body["formFields"][1]["value"] = "  ";
  auto answer = call("/create-assessment/submit", body);
  EXPECT_EQ(answer["success"], false);
  EXPECT_FALSE(answer["toast"]["error"].get<std::string>().empty());
  EXPECT_EQ(error_keys(answer), (std::set<std::string>{"assessmentId", "firstName", "email"}));

  for (const auto& other :
       {"as_" + std::to_string(globex_assessment_), std::string("as_999"), std::string("x")}) {
    body = submit_body("ada@example.com");
    body["formFields"][0]["value"] = other;
    EXPECT_EQ(error_keys(call("/create-assessment/submit", body)), std::set<std::string>{"assessmentId"})
        << other;
  }
  body = submit_body("ada@example.com");
  body["formFields"].erase(2);  // no lastName
  EXPECT_EQ(error_keys(call("/create-assessment/submit", body)), std::set<std::string>{"lastName"});
  body = submit_body("ada@example.com", "ftp://pinpoint.test/x");
  answer = call("/create-assessment/submit", body);
  EXPECT_EQ(answer["success"], false);
  EXPECT_NE(answer["toast"]["error"].get<std::string>().find("webhookUrl"), std::string::npos);
  EXPECT_TRUE(platform_->invitations.list(acme_.id, {}, 10, 0).empty());
  EXPECT_TRUE(platform_->invitations.list(globex_.id, {}, 10, 0).empty());
}

TEST_F(PluginProtocol, TheSameSubmissionTwiceGivesTheSameInvitationAndAnswer) {
  const auto first = submit("ada@example.com");
  const auto second = submit("ada@example.com");
  EXPECT_EQ(first, second);
  const auto other_record = submit("ada@example.com", "https://pinpoint.test/cb/2");
  EXPECT_NE(invitation_id(other_record), invitation_id(first))
      << "another Pinpoint record is another invitation";
  EXPECT_EQ(platform_->invitations.count(acme_.id, {}), 2);
  EXPECT_EQ(platform_->outbox.for_invitation(acme_.id, invitation_id(first)).size(), 1U);
}

TEST_F(PluginProtocol, ConcurrentSubmissionsOfOneFormMakeOneInvitation) {
  constexpr int callers = 8;
  const std::string body = submit_body("race@example.com").dump();
  const std::string url = client_->base_url();
  std::vector<std::string> answers(callers);
  std::vector<std::thread> threads;
  for (int i = 0; i < callers; ++i)
    threads.emplace_back([&, i] {
      pinbridge::testing::HttpClient client(url);
      answers[static_cast<std::size_t>(i)] =
          client.post("/plugin/pinpoint/create-assessment/submit", body, "application/json").body;
    });
  for (auto& t : threads) t.join();
  const auto first = json::parse(answers[0]);
  EXPECT_EQ(first["success"], true) << answers[0];
  for (const auto& answer : answers) EXPECT_EQ(json::parse(answer), first);
  EXPECT_EQ(platform_->invitations.count(acme_.id, {}), 1);
}

TEST_F(PluginProtocol, MalformedOrOversizedBodiesGetTheErrorDocument) {
  const std::map<std::string, std::string> key{{"X-Pinbridge-Api-Key", acme_key_}};
  const std::string huge = R"({"formFields":[],"pad":")" + std::string(max_request_bytes, 'x') + "\"}";
  for (const auto& body : {std::string("{not json"), std::string("[1,2]"), std::string(""), huge}) {
    const auto form = json::parse(raw("/create-assessment/meta", body, key).body);
    EXPECT_TRUE(form["formFields"][0]["type"] == "callout") << form.dump();
    for (const auto* path : {"/create-assessment/submit", "/webhook/process"}) {
      const auto result = raw(path, body, key);
      EXPECT_EQ(result.status, 200) << path;
      const auto answer = json::parse(result.body);
      EXPECT_EQ(answer["success"], false) << path;
      EXPECT_FALSE(answer["toast"]["error"].get<std::string>().empty()) << path;
    }
  }
}

TEST_F(PluginProtocol, ProcessAnswersTheInvitationsCurrentStateForEachStatus) {
  const auto process = [&](std::int64_t id) {
    const auto answer = call("/webhook/process", process_body(invitation_reference(id), acme_key_), "");
    EXPECT_EQ(answer["success"], true) << answer.dump();
    EXPECT_EQ(answer["resultVersion"], "1.0.0");
    EXPECT_EQ(answer["updateAssessments"].size(), 1U);
    const auto update = answer["updateAssessments"][0];
    EXPECT_EQ(update["externalIdentifier"], invitation_reference(id));
    EXPECT_EQ(update["externalLinks"][0]["url"], platform_->links.report(id));
    return update;
  };
  const auto taken = invitation_id(submit("taken@example.com", "https://pinpoint.test/cb/taken"));
  auto update = process(taken);
  EXPECT_EQ(update["status"], "pending");
  EXPECT_FALSE(update.contains("score"));
  EXPECT_EQ(update["shouldNotify"], false);

  const auto token = platform_->token_of(acme_.id, taken);
  ASSERT_TRUE(platform_->candidates.start(token).ok());
  EXPECT_EQ(process(taken)["status"], "pending");
  ASSERT_TRUE(platform_->candidates.save_answer(token, "q1", 1).ok());
  ASSERT_TRUE(platform_->candidates.submit(token).ok());
  EXPECT_EQ(process(taken)["status"], "pending") << "submitted, not graded yet";
  platform_->run_due_jobs();
  update = process(taken);
  EXPECT_EQ(update["status"], "completed");
  ASSERT_TRUE(update["score"].is_number_integer()) << update.dump();
  EXPECT_EQ(update["score"], 50);
  EXPECT_EQ(update["shouldNotify"], true);

  const auto cancelled = invitation_id(submit("gone@example.com", "https://pinpoint.test/cb/gone"));
  ASSERT_TRUE(platform_->invitations.cancel(acme_.id, cancelled).ok());
  EXPECT_EQ(process(cancelled)["status"], "cancelled");

  const auto expired = invitation_id(submit("late@example.com", "https://pinpoint.test/cb/late"));
  clock_.advance(std::chrono::hours(24 * 8));
  platform_->run_due_jobs();
  ASSERT_EQ(platform_->invitations.find(acme_.id, expired)->status, assessments::InvitationStatus::expired);
  EXPECT_EQ(process(expired)["status"], "abandoned");
  EXPECT_FALSE(process(expired).contains("score"));
}

TEST_F(PluginProtocol, ProcessRefusesABadSignatureOrAnUnknownReference) {
  const auto id = invitation_id(submit("ada@example.com"));
  const auto refused = [&](const json& body, const std::string& says) {
    const auto answer = call("/webhook/process", body, "");
    EXPECT_EQ(answer["success"], false) << answer.dump();
    EXPECT_NE(answer["toast"]["error"].get<std::string>().find(says), std::string::npos) << answer.dump();
  };
  refused(process_body(invitation_reference(id), globex_key_), "does not match");
  auto tampered = process_body(invitation_reference(id), acme_key_);
  tampered["body"] = json{{"externalIdentifier", invitation_reference(id)}, {"event", "x"}}.dump();
  refused(tampered, "does not match");
  auto unsigned_body = process_body(invitation_reference(id), acme_key_);
  unsigned_body["headers"].erase("x-pinbridge-signature");
  refused(unsigned_body, "does not match");
  refused(process_body("inv_999", acme_key_), "names no assessment");
  refused(process_body("not-a-reference", acme_key_), "names no assessment");

  // Another account's invitation, correctly signed with that account's key, stays invisible.
  auto foreign = process_body(invitation_reference(id), globex_key_);
  foreign["configurationValues"][0]["value"] = globex_key_;
  refused(foreign, "names no assessment");
}

TEST_F(PluginProtocol, TheSignatureHeaderIsFoundInAnySpellingAndCase) {
  const auto id = invitation_id(submit("ada@example.com"));
  auto body = process_body(invitation_reference(id), acme_key_);
  const std::string signature = body["headers"]["x-pinbridge-signature"];
  for (const auto* name : {"X-Pinbridge-Signature", "x_pinbridge_signature"}) {
    body["headers"] = {{name, signature}};
    EXPECT_EQ(call("/webhook/process", body, "")["success"], true) << name;
  }
  std::string upper = signature;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  body["headers"] = {{"X-Pinbridge-Signature", upper}};
  EXPECT_EQ(call("/webhook/process", body, "")["success"], true) << "hex digits in upper case";
  // Forwarded as a header of the call itself rather than in "headers".
  body.erase("headers");
  const auto answer =
      json::parse(raw("/webhook/process", body.dump(),
                      {{"X-Pinbridge-Api-Key", acme_key_}, {"X-Pinbridge-Signature", signature}})
                      .body);
  EXPECT_EQ(answer["success"], true) << answer.dump();
}

TEST_F(PluginProtocol, ARotatedKeyStopsWorkingAtOnceAndTheNewOneWorks) {
  const auto old_key = acme_key_;
  const auto id = invitation_id(submit("ada@example.com"));
  acme_key_ = keys_->rotate(acme_.id)->key.reveal();
  ASSERT_NE(acme_key_, old_key);
  auto body = submit_body("bob@example.com");
  body["configurationValues"][0]["value"] = old_key;
  const auto refused = call("/create-assessment/submit", body, "");
  EXPECT_EQ(refused["success"], false);
  EXPECT_NE(refused["toast"]["error"].get<std::string>().find("rotated"), std::string::npos);
  // A notice signed with the old key no longer verifies; one signed with the new key does.
  auto stale = process_body(invitation_reference(id), old_key);
  EXPECT_EQ(call("/webhook/process", stale, "")["success"], false);
  EXPECT_EQ(call("/webhook/process", process_body(invitation_reference(id), acme_key_), "")["success"], true);
  EXPECT_EQ(submit("bob@example.com")["success"], true);
}

}  // namespace
}  // namespace pinbridge::plugin::testing
