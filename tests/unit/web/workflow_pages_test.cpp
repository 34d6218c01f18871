// The Workflows builder through the Router: the gate, workflows made, renamed, switched and
// deleted, each kind of rule added through its form and shown in words, refusals (a conflict, a
// stage that is not synced) that store nothing, and another account's ids reading as not found.
#include "workflow_pages_fixture.hpp"

namespace pinbridge::web::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST_F(WorkflowPagesTest, WithoutTheApiAddonTheSectionSaysSoAndHasNoForms) {
  accounts_->set_addon(acme_.id, accounts::Addon::api, false);
  const auto response = get("/workflows", alice_in_.cookie);
  EXPECT_EQ(response.status, 200);
  EXPECT_THAT(response.body, HasSubstr("Workflows need the API add-on"));
  EXPECT_THAT(response.body, HasSubstr("href=\"/integrations\""));
  EXPECT_THAT(response.body, Not(HasSubstr("action=\"/workflows\"")));
  EXPECT_EQ(post_form("/workflows", {{"name", "Backend screen"}}, alice_in_).status, 403);
  EXPECT_TRUE(workflows().list(acme_.id).empty());
}

TEST_F(WorkflowPagesTest, WithoutAPinpointConnectionTheSectionSaysSo) {
  automations_->connections.disconnect(acme_.id);
  const auto body = get("/workflows", alice_in_.cookie).body;
  EXPECT_THAT(body, HasSubstr("Connect Pinpoint first"));
  EXPECT_THAT(body, HasSubstr("Go to Integrations"));
  EXPECT_THAT(body, Not(HasSubstr("name=\"name\"")));
}

TEST_F(WorkflowPagesTest, AWorkflowIsCreatedListedAndOpened) {
  EXPECT_THAT(page("/workflows"), HasSubstr("No workflows yet"));
  const auto response = post_form("/workflows", {{"name", "  Backend screen "}}, alice_in_);
  ASSERT_EQ(response.status, 303);
  const auto all = workflows().list(acme_.id);
  ASSERT_EQ(all.size(), 1U);
  EXPECT_EQ(all[0].name, "Backend screen");
  EXPECT_EQ(response.headers.at("Location"), fmt::format("/workflows/{}?notice=created", all[0].id));
  const auto list = page("/workflows");
  EXPECT_THAT(list, HasSubstr(fmt::format("<a href=\"/workflows/{}\">Backend screen</a>", all[0].id)));
  EXPECT_THAT(list, HasSubstr("No rules yet"));
  EXPECT_THAT(list, HasSubstr("href=\"/workflows/runs\""));
  const auto builder = page(fmt::format("/workflows/{}?notice=created", all[0].id));
  EXPECT_THAT(builder, HasSubstr("Workflow created."));
  for (const auto* group : {"Send assessment on stage", "Post results to Pinpoint", "Move stage on result",
                            "Expired without completion"})
    EXPECT_THAT(builder, HasSubstr(group));
}

TEST_F(WorkflowPagesTest, ADuplicateOrBlankNameIsRefused) {
  create_workflow("Backend screen");
  const auto duplicate = post_form("/workflows", {{"name", "backend SCREEN"}}, alice_in_);
  EXPECT_EQ(duplicate.status, 409);
  EXPECT_THAT(duplicate.body, HasSubstr("already exists"));
  EXPECT_THAT(duplicate.body, HasSubstr("value=\"backend SCREEN\""));
  EXPECT_EQ(post_form("/workflows", {{"name", "   "}}, alice_in_).status, 422);
  EXPECT_EQ(workflows().list(acme_.id).size(), 1U);
}

TEST_F(WorkflowPagesTest, AWorkflowIsRenamedButNotToAnotherOnesName) {
  const auto id = create_workflow("Backend screen");
  create_workflow("Design screen");
  EXPECT_EQ(post_form(builder(id) + "/rename", {{"name", "Backend hiring"}}, alice_in_).status, 303);
  EXPECT_EQ(workflows().find(acme_.id, id)->name, "Backend hiring");
  const auto refused = post_form(builder(id) + "/rename", {{"name", "Design screen"}}, alice_in_);
  EXPECT_EQ(refused.status, 409);
  EXPECT_THAT(refused.body, HasSubstr("The workflow was not renamed: a workflow named"));
  EXPECT_EQ(workflows().find(acme_.id, id)->name, "Backend hiring");
}

TEST_F(WorkflowPagesTest, ASendOnStageRuleForOneJobIsShownInWords) {
  const auto id = create_workflow("Backend screen");
  const auto response = add_rule(id, {{"kind", "send_on_stage"},
                                      {"stage", "job:101:stage:12"},
                                      {"assessment_id", std::to_string(test_.id)},
                                      {"expiry_days", "7"},
                                      {"reminder_hours", ""}});
  ASSERT_EQ(response.status, 303) << response.body;
  const auto rule = only_rule(id);
  const auto& settings = std::get<workflows::SendOnStage>(rule.settings);
  EXPECT_EQ(settings.stage.job_id, 101);
  EXPECT_EQ(settings.stage.stage_id, 12);
  EXPECT_EQ(settings.expiry_days, 7);
  EXPECT_FALSE(settings.reminder_after_hours);
  EXPECT_THAT(page(builder(id)),
              HasSubstr("When an application enters Technical screen (Backend engineer), send Backend test; "
                        "expires after 7 days"));
}

TEST_F(WorkflowPagesTest, TheStageSelectOffersEachJobAndAnyJob) {
  const auto body = page(builder(create_workflow("Backend screen")));
  EXPECT_THAT(body, HasSubstr("<optgroup label=\"Any job\"><option value=\"any:Applied\">Applied</option>"));
  EXPECT_THAT(body, HasSubstr("<optgroup label=\"Backend engineer\"><option value=\"job:101:stage:11\">"));
  EXPECT_THAT(body, HasSubstr("<optgroup label=\"Designer\"><option value=\"job:102:stage:21\">"));
  EXPECT_THAT(body, HasSubstr("<option value=\"Rejected\">Rejected (rejected)</option>"));
  EXPECT_THAT(body, HasSubstr(std::string(workflows::default_comment_template).substr(0, 16)));
}

TEST_F(WorkflowPagesTest, ASendOnStageRuleForAnyJobNamesItsStage) {
  const auto id = create_workflow("Backend screen");
  ASSERT_EQ(add_rule(id, {{"kind", "send_on_stage"},
                          {"stage", "any:Technical screen"},
                          {"assessment_id", std::to_string(test_.id)},
                          {"reminder_hours", "0"}})
                .status,
            303);
  EXPECT_THAT(
      page(builder(id)),
      HasSubstr("When an application enters Technical screen in any job, send Backend test; no reminder"));
}

TEST_F(WorkflowPagesTest, APostResultsRuleIsShownInWords) {
  const auto id = create_workflow("Backend screen");
  ASSERT_EQ(add_rule(id, {{"kind", "post_results"},
                          {"assessment_id", std::to_string(test_.id)},
                          {"record", "yes"},
                          {"comment", "yes"},
                          {"comment_template", "{{candidate}} scored {{score}}"}})
                .status,
            303);
  const auto settings = std::get<workflows::PostResults>(only_rule(id).settings);
  EXPECT_TRUE(settings.record && settings.comment);
  EXPECT_EQ(settings.comment_template, "{{candidate}} scored {{score}}");
  const auto body = page(builder(id));
  EXPECT_THAT(body,
              HasSubstr("When Backend test is completed, post the Candidate Assessment record and a comment "
                        "to Pinpoint"));
  EXPECT_THAT(body, HasSubstr("Comment: {{candidate}} scored {{score}}"));
}

TEST_F(WorkflowPagesTest, AMoveOnResultRuleTakesItsBandsAndSkipsEmptyRows) {
  const auto id = create_workflow("Backend screen");
  const auto response = add_rule(id, move_rule_form(test_.id));
  ASSERT_EQ(response.status, 303) << response.body;
  const auto settings = std::get<workflows::MoveOnResult>(only_rule(id).settings);
  ASSERT_EQ(settings.bands.size(), 2U);
  EXPECT_EQ(settings.bands[0].tags, (std::vector<std::string>{"Assessment: strong", "fast"}));
  EXPECT_THAT(page(builder(id)),
              HasSubstr("Backend test: score &gt;= 80 → Interview, tags Assessment: strong, fast; "
                        "score &lt; 50 → Rejected"));
}

TEST_F(WorkflowPagesTest, AnOnExpiryRuleIsShownInWords) {
  const auto id = create_workflow("Backend screen");
  ASSERT_EQ(add_rule(id, {{"kind", "on_expiry"},
                          {"assessment_id", ""},
                          {"stage_name", "rejected"},
                          {"comment_template", "Invitation to {{assessment}} expired"}})
                .status,
            303);
  EXPECT_EQ(std::get<workflows::OnExpiry>(only_rule(id).settings).stage_name, "Rejected");
  EXPECT_THAT(page(builder(id)),
              HasSubstr("When an invitation to every assessment sent by a workflow expires "
                        "without being started, move to Rejected and comment"));
}

TEST_F(WorkflowPagesTest, AConflictingRuleIsRefusedWithItsReasonAndNothingStored) {
  const auto id = create_workflow("Backend screen");
  ASSERT_EQ(add_rule(id, move_rule_form(test_.id)).status, 303);
  const auto refused = add_rule(id, move_rule_form(test_.id));
  EXPECT_EQ(refused.status, 409);
  EXPECT_THAT(refused.body,
              HasSubstr("role=\"alert\">The rule was not added: a rule already moves applications"));
  EXPECT_THAT(refused.body, HasSubstr("value=\"Assessment: strong, fast\""));  // the form as it was sent
  EXPECT_EQ(workflows().find(acme_.id, id)->rules.size(), 1U);
}

TEST_F(WorkflowPagesTest, AStageThatIsNotSyncedIsRefused) {
  const auto id = create_workflow("Backend screen");
  const auto assessment = std::to_string(test_.id);
  for (const auto* stage : {"job:101:stage:999", "job:102:stage:12", "any:Offer", "Technical screen", ""}) {
    SCOPED_TRACE(stage);
    const auto response =
        add_rule(id, {{"kind", "send_on_stage"}, {"stage", stage}, {"assessment_id", assessment}});
    EXPECT_EQ(response.status, 422);
    EXPECT_THAT(response.body, HasSubstr("The rule was not added: pick"));
  }
  const auto band = add_rule(id, {{"kind", "move_on_result"},
                                  {"assessment_id", assessment},
                                  {"band1_kind1", "passed"},
                                  {"band1_stage", "Offer"}});
  EXPECT_EQ(band.status, 422);
  EXPECT_THAT(band.body, HasSubstr("band 1: pick a stage from the list synced from Pinpoint"));
  EXPECT_TRUE(workflows().find(acme_.id, id)->rules.empty());
}

TEST_F(WorkflowPagesTest, RulesAndWorkflowsAreSwitchedAndRemoved) {
  const auto id = create_workflow("Backend screen");
  ASSERT_EQ(add_rule(id, move_rule_form(test_.id)).status, 303);
  const auto rule_path = fmt::format("{}/rules/{}", builder(id), only_rule(id).id);
  EXPECT_EQ(post_form(rule_path + "/disable", {}, alice_in_).status, 303);
  EXPECT_FALSE(only_rule(id).enabled);
  EXPECT_THAT(page(builder(id)), HasSubstr("Disabled"));
  EXPECT_EQ(post_form(rule_path + "/enable", {}, alice_in_).status, 303);
  EXPECT_TRUE(only_rule(id).enabled);
  EXPECT_EQ(post_form(builder(id) + "/disable", {}, alice_in_).status, 303);
  EXPECT_FALSE(workflows().find(acme_.id, id)->enabled);
  EXPECT_EQ(post_form(builder(id) + "/enable", {}, alice_in_).status, 303);
  EXPECT_TRUE(workflows().find(acme_.id, id)->enabled);
  EXPECT_EQ(post_form(rule_path + "/remove", {}, alice_in_).status, 303);
  EXPECT_TRUE(workflows().find(acme_.id, id)->rules.empty());
  EXPECT_THAT(page(builder(id)), HasSubstr("data-confirm=\"Delete the workflow Backend screen"));
  EXPECT_EQ(post_form(builder(id) + "/delete", {}, alice_in_).headers.at("Location"),
            "/workflows?notice=deleted");
  EXPECT_FALSE(workflows().find(acme_.id, id));
}

TEST_F(WorkflowPagesTest, AnotherAccountsWorkflowAndRulesReadAsNotFound) {
  const auto id = create_workflow("Backend screen");
  ASSERT_EQ(add_rule(id, move_rule_form(test_.id)).status, 303);
  const auto rule_id = only_rule(id).id;
  const auto bob_in = sign_in_globex();
  const auto bobs = workflows().create(globex_.id, "Globex screen")->id;
  EXPECT_THAT(get("/workflows", bob_in.cookie).body, Not(HasSubstr(builder(id))));
  EXPECT_EQ(get(builder(id), bob_in.cookie).status, 404);
  EXPECT_EQ(post_form(builder(id) + "/rename", {{"name", "Mine"}}, bob_in).status, 404);
  EXPECT_EQ(post_form(builder(id) + "/disable", {}, bob_in).status, 404);
  EXPECT_EQ(post_form(builder(id) + "/delete", {}, bob_in).status, 404);
  EXPECT_EQ(add_rule(id, move_rule_form(test_.id), bob_in).status, 404);
  for (const auto* change : {"disable", "enable", "remove"}) {
    EXPECT_EQ(post_form(fmt::format("{}/rules/{}/{}", builder(id), rule_id, change), {}, bob_in).status, 404);
    EXPECT_EQ(post_form(fmt::format("{}/rules/{}/{}", builder(bobs), rule_id, change), {}, bob_in).status,
              404);
  }
  // Alice's own rule, named under another of her workflows, is not found either.
  const auto other = create_workflow("Design screen");
  EXPECT_EQ(post_form(fmt::format("{}/rules/{}/disable", builder(other), rule_id), {}, alice_in_).status,
            404);
  const auto kept = workflows().find(acme_.id, id);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->name, "Backend screen");
  EXPECT_TRUE(kept->enabled);
  ASSERT_EQ(kept->rules.size(), 1U);
  EXPECT_TRUE(kept->rules[0].enabled);
}

}  // namespace
}  // namespace pinbridge::web::testing
