// The planner on its own: which actions the active rules ask for when a domain event happens, with
// the idempotency keys of docs/workflows.md and the explanations the run history shows.
#include "workflows/planner.hpp"

#include <gtest/gtest.h>

#include "rule_builders.hpp"

namespace pinbridge::workflows {
namespace {

using namespace builders;  // NOLINT(google-build-using-namespace)
using nlohmann::json;

constexpr std::int64_t technical_test = 7;
constexpr std::int64_t other_test = 8;

PlanContext context() {
  return {[](std::int64_t assessment_id) {
    if (assessment_id == technical_test) return std::string("Technical test");
    if (assessment_id == other_test) return std::string("Other test");
    return std::string();
  }};
}

WorkflowStore::ActiveRule active(std::int64_t id, RuleSettings settings,
                                 std::string workflow = "Backend screen") {
  return {rule(id, std::move(settings)), std::move(workflow)};
}

// As DeliveryProcessor::describe writes it, for an application whose job and stage are synced.
json stage_event(std::int64_t job_id, std::int64_t stage_id, const std::string& stage_name) {
  return {{"delivery_id", 3},
          {"application_id", 42},
          {"candidate_id", 9},
          {"first_name", "Ada"},
          {"last_name", "Lovelace"},
          {"email", "ada@example.com"},
          {"job_id", job_id},
          {"stage_id", stage_id},
          {"previous_stage_id", nullptr},
          {"job_title", "Backend Engineer"},
          {"stage_name", stage_name},
          {"stage_basic_type", "review"}};
}

// As invitation_records.cpp's event_data writes it.
json invitation_event(const std::string& external_ref = "pinpoint-application:42",
                      std::int64_t assessment_id = technical_test) {
  return {{"invitation_id", 55},  {"assessment_id", assessment_id},       {"external_ref", external_ref},
          {"source", "workflow"}, {"candidate_email", "ada@example.com"}, {"candidate_name", "Ada Lovelace"}};
}

// As record_result_event writes it.
json result_event(int score, bool passed, int result_id = 77, int left_page = 0) {
  auto data = invitation_event();
  data.update({{"result_id", result_id},
               {"result_version", 1},
               {"score", score},
               {"passed", passed},
               {"reason", "graded"},
               {"integrity", {{"left_page", left_page}, {"pastes", 0}}},
               {"report_url", "https://pinbridge.test/reports/55"}});
  return data;
}

std::vector<std::string> keys(const Plan& plan) {
  std::vector<std::string> out;
  out.reserve(plan.actions.size());
  for (const auto& action : plan.actions) out.push_back(action.key);
  return out;
}

MoveOnResult screen_bands() {
  return move_on(technical_test,
                 {all({at_least(80), passed()}, "Interview", {"strong"}),
                  all({below(50)}, "Rejected", {"screened-out"}), all({at_least(50)}, "Review")});
}

TEST(PlanStageEntry, AnyJobRuleMatchesTheStageByNameCaseInsensitively) {
  const auto plan = workflows::plan("pinpoint.application_stage_changed", stage_event(12, 34, "REVIEW"),
                                    {active(3, send_any_job("review", technical_test))}, context());
  EXPECT_EQ(plan.summary, "Ada Lovelace entered REVIEW (Backend Engineer)");
  EXPECT_EQ(plan.application_id, 42);
  ASSERT_EQ(plan.actions.size(), 1U);
  const auto& invite = plan.actions[0];
  EXPECT_EQ(invite.rule_id, 3);
  EXPECT_EQ(invite.workflow_name, "Backend screen");
  EXPECT_EQ(invite.kind, ActionKind::invite);
  EXPECT_EQ(invite.key, "invite:3:42:7");
  EXPECT_EQ(invite.args,
            json::parse(R"({"application_id":42,"assessment_id":7,"candidate_name":"Ada Lovelace",
      "email":"ada@example.com","expiry_days":null,"reminder_after_hours":null})"));
  EXPECT_EQ(
      invite.explanation,
      "invited Ada Lovelace to Technical test by 'Backend screen' because the application entered REVIEW "
      "(Backend Engineer)");
}

TEST(PlanStageEntry, NewApplicationsAreSummarisedAsSuchAndCarryTheRulesExpiryAndReminder) {
  auto send = send_any_job("Review", technical_test);
  send.expiry_days = 5;
  send.reminder_after_hours = 0;
  const auto plan = workflows::plan("pinpoint.application_created", stage_event(12, 34, "Review"),
                                    {active(3, send)}, context());
  EXPECT_EQ(plan.summary, "New application from Ada Lovelace, in Review (Backend Engineer)");
  ASSERT_EQ(plan.actions.size(), 1U);
  EXPECT_EQ(plan.actions[0].args.at("expiry_days"), 5);
  EXPECT_EQ(plan.actions[0].args.at("reminder_after_hours"), 0);
}

TEST(PlanStageEntry, OneJobRuleMatchesByJobAndStageId) {
  const std::vector rules = {active(4, send_in_job(12, 34, technical_test))};
  const auto matched =
      workflows::plan("pinpoint.application_moved", stage_event(12, 34, "Anything"), rules, context());
  EXPECT_EQ(keys(matched), std::vector<std::string>{"invite:4:42:7"});
  EXPECT_TRUE(
      workflows::plan("pinpoint.application_moved", stage_event(13, 34, "Technical screen"), rules, context())
          .actions.empty())
      << "the same stage id in another job";
  EXPECT_TRUE(
      workflows::plan("pinpoint.application_moved", stage_event(12, 35, "Technical screen"), rules, context())
          .actions.empty())
      << "another stage of the job, even with the rule's stage name";
}

TEST(PlanStageEntry, OtherStagesAndOtherRuleKindsPlanNothing) {
  const std::vector rules = {active(3, send_any_job("Interview", technical_test)),
                             active(5, post(std::nullopt, true, true)), active(6, screen_bands()),
                             active(7, OnExpiry{std::nullopt, "Rejected", "Expired"})};
  const auto plan =
      workflows::plan("pinpoint.application_stage_changed", stage_event(12, 34, "Review"), rules, context());
  EXPECT_EQ(plan.summary, "Ada Lovelace entered Review (Backend Engineer)")
      << "the trigger is still described";
  EXPECT_TRUE(plan.actions.empty());
}

TEST(PlanStageEntry, EveryMatchingRuleInvitesAndDisabledRulesAreNotPassedIn) {
  // The engine passes only active rules (WorkflowStore::active_rules): a disabled rule is absent.
  const auto both = workflows::plan("pinpoint.application_stage_changed", stage_event(12, 34, "Review"),
                                    {active(3, send_any_job("Review", technical_test)),
                                     active(9, send_any_job("review", other_test), "Other")},
                                    context());
  EXPECT_EQ(keys(both), (std::vector<std::string>{"invite:3:42:7", "invite:9:42:8"}));
  EXPECT_EQ(both.actions[1].workflow_name, "Other");
  const auto one = workflows::plan("pinpoint.application_stage_changed", stage_event(12, 34, "Review"),
                                   {active(3, send_any_job("Review", technical_test))}, context());
  EXPECT_EQ(keys(one), std::vector<std::string>{"invite:3:42:7"});
}

TEST(PlanStageEntry, AnUnsyncedStageMatchesNoAnyJobRule) {
  auto data = stage_event(12, 34, "");
  data.erase("stage_name");
  data.erase("job_title");
  const auto plan = workflows::plan("pinpoint.application_stage_changed", data,
                                    {active(3, send_any_job("", technical_test))}, context());
  EXPECT_EQ(plan.summary, "Ada Lovelace entered stage #34");
  EXPECT_TRUE(plan.actions.empty());
}

TEST(PlanInvitation, CreatedPlansAPendingRecordOnlyWhenAPostResultsRuleWithRecordCoversIt) {
  const auto plan =
      workflows::plan("invitation.created", invitation_event(),
                      {active(5, post(technical_test, true, false)), active(6, post(other_test, true, false)),
                       active(7, post(std::nullopt, false, true)), active(8, screen_bands())},
                      context());
  EXPECT_EQ(plan.summary, "Ada Lovelace was invited to Technical test");
  EXPECT_EQ(plan.application_id, 42);
  ASSERT_EQ(plan.actions.size(), 1U);
  const auto& record = plan.actions[0];
  EXPECT_EQ(record.kind, ActionKind::post_record);
  EXPECT_EQ(record.key, "record:5:55:pending");
  EXPECT_EQ(record.args, json::parse(R"({"invitation_id":55,"application_id":42,"status":"pending"})"));
  EXPECT_EQ(record.explanation,
            "marked Technical test pending on Ada Lovelace's Pinpoint profile by 'Backend screen'");

  const auto for_every = workflows::plan("invitation.created", invitation_event(),
                                         {active(5, post(std::nullopt, true, false))}, context());
  EXPECT_EQ(keys(for_every), std::vector<std::string>{"record:5:55:pending"})
      << "a rule for every assessment";
  EXPECT_TRUE(workflows::plan("invitation.created", invitation_event(),
                              {active(6, post(other_test, true, true))}, context())
                  .actions.empty());
}

TEST(PlanInvitation, CompletedPlansTheRecordTheCommentAndTheMoveOfTheFirstBand) {
  const auto plan =
      workflows::plan("assessment.completed", result_event(41, false),
                      {active(5, post(technical_test, true, true)), active(6, screen_bands())}, context());
  EXPECT_EQ(plan.summary, "Ada Lovelace completed Technical test: score 41, did not pass");
  EXPECT_EQ(keys(plan), (std::vector<std::string>{"record:5:55:result:77", "comment:5:55", "move:6:55"}));

  const auto& record = plan.actions[0];
  EXPECT_EQ(record.kind, ActionKind::post_record);
  EXPECT_EQ(record.args,
            json::parse(R"({"invitation_id":55,"application_id":42,"status":"completed","result_id":77})"));
  EXPECT_EQ(record.explanation,
            "marked Technical test completed on Ada Lovelace's Pinpoint profile by 'Backend screen'");

  const auto& comment = plan.actions[1];
  EXPECT_EQ(comment.kind, ActionKind::post_comment);
  EXPECT_EQ(comment.args.at("template"), std::string(default_comment_template));
  EXPECT_EQ(comment.explanation,
            "commented on Ada Lovelace's application by 'Backend screen' with the result");

  const auto& move = plan.actions[2];
  EXPECT_EQ(move.kind, ActionKind::move_stage);
  EXPECT_EQ(move.rule_id, 6);
  EXPECT_EQ(move.args, json::parse(R"({"invitation_id":55,"application_id":42,"stage_name":"Rejected",
      "tags":["screened-out"]})"));
  EXPECT_EQ(move.explanation, "moved Ada Lovelace to Rejected by 'Backend screen' because score 41 < 50");
}

TEST(PlanInvitation, CompletedMovesByTheFirstBandThatHolds) {
  const std::vector rules = {active(6, screen_bands())};
  const auto strong = workflows::plan("assessment.completed", result_event(85, true), rules, context());
  ASSERT_EQ(strong.actions.size(), 1U);
  EXPECT_EQ(strong.actions[0].args.at("stage_name"), "Interview");
  EXPECT_EQ(strong.actions[0].args.at("tags"), json::parse(R"(["strong"])"));
  EXPECT_EQ(
      strong.actions[0].explanation,
      "moved Ada Lovelace to Interview by 'Backend screen' because score 85 >= 80 and passed (pass mark)");
  EXPECT_EQ(strong.summary, "Ada Lovelace completed Technical test: score 85, passed");

  // 85 without passing skips the first band for the third.
  const auto unpassed = workflows::plan("assessment.completed", result_event(85, false), rules, context());
  ASSERT_EQ(unpassed.actions.size(), 1U);
  EXPECT_EQ(unpassed.actions[0].args.at("stage_name"), "Review");
  EXPECT_EQ(unpassed.actions[0].explanation,
            "moved Ada Lovelace to Review by 'Backend screen' because score 85 >= 50");
}

TEST(PlanInvitation, CompletedWithNoBandThatHoldsOrForAnotherAssessmentDoesNotMove) {
  const auto no_band =
      workflows::plan("assessment.completed", result_event(60, true),
                      {active(6, move_on(technical_test, {all({at_least(80)}, "Interview")}))}, context());
  EXPECT_TRUE(no_band.actions.empty());
  const auto other = workflows::plan("assessment.completed", result_event(41, false),
                                     {active(6, move_on(other_test, {all({below(50)}, "Rejected")})),
                                      active(5, post(other_test, true, true))},
                                     context());
  EXPECT_TRUE(other.actions.empty());
}

TEST(PlanInvitation, IntegrityFlagsComeFromTheEventsSignals) {
  const std::vector rules = {
      active(6, move_on(technical_test, {all({flagged()}, "Flagged"), all({clean()}, "Clean")}))};
  const auto flagged_plan =
      workflows::plan("assessment.completed", result_event(90, true, 77, 2), rules, context());
  ASSERT_EQ(flagged_plan.actions.size(), 1U);
  EXPECT_EQ(flagged_plan.actions[0].args.at("stage_name"), "Flagged");
  const auto clean_plan = workflows::plan("assessment.completed", result_event(90, true), rules, context());
  ASSERT_EQ(clean_plan.actions.size(), 1U);
  EXPECT_EQ(clean_plan.actions[0].args.at("stage_name"), "Clean");
}

TEST(PlanInvitation, ResultUpdatedPlansTheRecordOnlyWithoutMoveOrComment) {
  auto data = result_event(41, false, 78);
  data["result_version"] = 2;
  const auto plan =
      workflows::plan("result.updated", data,
                      {active(5, post(technical_test, true, true)), active(6, screen_bands())}, context());
  EXPECT_EQ(plan.summary, "Ada Lovelace's result for Technical test changed: score 41");
  EXPECT_EQ(keys(plan), std::vector<std::string>{"record:5:55:result:78"});
  EXPECT_EQ(plan.actions[0].args.at("status"), "completed");
  EXPECT_EQ(plan.actions[0].args.at("result_id"), 78);
  EXPECT_TRUE(
      workflows::plan("result.updated", data, {active(5, post(technical_test, false, true))}, context())
          .actions.empty())
      << "a comment-only rule has nothing to update";
}

TEST(PlanInvitation, ExpiredPlansTheAbandonedRecordAndTheExpiryMoveAndComment) {
  const auto plan = workflows::plan(
      "invitation.expired", invitation_event(),
      {active(5, post(std::nullopt, true, true)), active(6, screen_bands()),
       active(7, OnExpiry{technical_test, "Rejected", "{{candidate}} did not take {{assessment}}"})},
      context());
  EXPECT_EQ(plan.summary, "Ada Lovelace's invitation to Technical test expired unstarted");
  EXPECT_EQ(keys(plan),
            (std::vector<std::string>{"record:5:55:abandoned", "expired-move:7:55", "expired-comment:7:55"}));
  EXPECT_EQ(plan.actions[0].args.at("status"), "abandoned");
  EXPECT_FALSE(plan.actions[0].args.contains("result_id"));
  EXPECT_EQ(plan.actions[0].explanation,
            "marked Technical test abandoned on Ada Lovelace's Pinpoint profile by 'Backend screen'");
  EXPECT_EQ(plan.actions[1].kind, ActionKind::move_stage);
  EXPECT_EQ(plan.actions[1].args,
            json::parse(R"({"invitation_id":55,"application_id":42,"stage_name":"Rejected","tags":[]})"));
  EXPECT_EQ(
      plan.actions[1].explanation,
      "moved Ada Lovelace to Rejected by 'Backend screen' because the invitation to Technical test expired");
  EXPECT_EQ(plan.actions[2].kind, ActionKind::post_comment);
  EXPECT_EQ(plan.actions[2].args.at("template"), "{{candidate}} did not take {{assessment}}");
  EXPECT_EQ(
      plan.actions[2].explanation,
      "commented on Ada Lovelace's application by 'Backend screen' because the invitation to Technical test "
      "expired");
}

TEST(PlanInvitation, ExpiryRulesMoveOrCommentOnlyAsConfiguredAndOnlyForTheirAssessment) {
  const auto move_only = workflows::plan("invitation.expired", invitation_event(),
                                         {active(7, OnExpiry{std::nullopt, "Rejected", ""})}, context());
  EXPECT_EQ(keys(move_only), std::vector<std::string>{"expired-move:7:55"});
  const auto comment_only = workflows::plan("invitation.expired", invitation_event(),
                                            {active(7, OnExpiry{std::nullopt, "", "Expired"})}, context());
  EXPECT_EQ(keys(comment_only), std::vector<std::string>{"expired-comment:7:55"});
  EXPECT_TRUE(workflows::plan("invitation.expired", invitation_event(),
                              {active(7, OnExpiry{other_test, "Rejected", "Expired"})}, context())
                  .actions.empty());
}

TEST(PlanInvitation, InvitationsNotMadeForAnApplicationPlanNothing) {
  const std::vector rules = {active(5, post(std::nullopt, true, true)), active(6, screen_bands()),
                             active(7, OnExpiry{std::nullopt, "Rejected", "Expired"})};
  for (const char* ref : {"", "manual", "other:42", "pinpoint-application:", "pinpoint-application:x"}) {
    auto completed = result_event(41, false);
    completed["external_ref"] = ref;
    const std::vector<std::pair<std::string, json>> events = {{"invitation.created", invitation_event(ref)},
                                                              {"assessment.completed", completed},
                                                              {"result.updated", completed},
                                                              {"invitation.expired", invitation_event(ref)}};
    for (const auto& [kind, data] : events) {
      const auto plan = workflows::plan(kind, data, rules, context());
      EXPECT_TRUE(plan.actions.empty()) << kind << " with " << ref;
      EXPECT_EQ(plan.summary, "") << kind << " with " << ref;
      EXPECT_EQ(plan.application_id, std::nullopt) << kind << " with " << ref;
    }
  }
  auto no_ref = invitation_event();
  no_ref.erase("external_ref");
  EXPECT_TRUE(workflows::plan("invitation.created", no_ref, rules, context()).actions.empty());
}

TEST(PlanEventKinds, AreTheOnesTheEngineSubscribesTo) {
  EXPECT_EQ(planned_event_kinds(),
            (std::vector<std::string>{"pinpoint.application_created", "pinpoint.application_stage_changed",
                                      "pinpoint.application_moved", "invitation.created",
                                      "assessment.completed", "result.updated", "invitation.expired"}));
}

TEST(ApplicationRef, RoundTrips) {
  EXPECT_EQ(application_ref(42), "pinpoint-application:42");
  for (const std::int64_t id : {std::int64_t{1}, std::int64_t{42}, std::int64_t{9'007'199'254'740'993}})
    EXPECT_EQ(application_from_ref(application_ref(id)), id);
}

TEST(ApplicationRef, RejectsAnythingButAPositiveIdAfterThePrefix) {
  for (const std::string_view ref :
       {"pinpoint-application:", "pinpoint-application:12x", "other:5", "pinpoint-application:-3",
        "pinpoint-application:0", "pinpoint-application: 5", "pinpoint-application:+5",
        "Pinpoint-Application:5", "pinpoint-application:99999999999999999999", "5", ""})
    EXPECT_EQ(application_from_ref(ref), std::nullopt) << ref;
}

}  // namespace
}  // namespace pinbridge::workflows
