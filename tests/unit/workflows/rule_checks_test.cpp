// validate() and check_conflicts(): what the builder refuses, and that the reason reads well.
#include <gtest/gtest.h>

#include "rule_builders.hpp"
#include "workflows/rules.hpp"

namespace pinbridge::workflows {
namespace {

using namespace builders;  // NOLINT(google-build-using-namespace)

// The message of validate()'s error, "" when it passes; the code must be invalid_input.
std::string invalid(const RuleSettings& settings) {
  const auto result = validate(settings);
  if (result) return "";
  EXPECT_EQ(result.error().code, ErrorCode::invalid_input) << result.error().message;
  return result.error().message;
}

// The error of check_conflicts() for a candidate rule (id 100) against others, or none.
std::optional<Error> conflict(const RuleSettings& candidate, const std::vector<RuleSettings>& others) {
  std::vector<Rule> rules;
  for (std::size_t i = 0; i < others.size(); ++i)
    rules.push_back(rule(static_cast<std::int64_t>(i + 1), others[i]));
  const auto result = check_conflicts(rule(100, candidate), rules);
  if (result) return std::nullopt;
  return result.error();
}

TEST(RuleValidate, SendOnStageNeedsAnAssessmentAndAStage) {
  EXPECT_EQ(invalid(send_in_job(12, 34, 7)), "");
  EXPECT_EQ(invalid(send_any_job("Interview", 7)), "");
  EXPECT_EQ(invalid(send_any_job("Interview", 0)), "assessment_id: choose the assessment to send");
  EXPECT_EQ(invalid(send_any_job("  ", 7)), "stage_name: choose the stage that sends the assessment");
  auto s = send_in_job(12, 34, 7);
  s.stage.stage_id.reset();
  EXPECT_EQ(invalid(s), "stage_id: choose a stage of the job");
  s = send_any_job("Interview", 7);
  s.stage.stage_id = 34;
  EXPECT_EQ(invalid(s), "stage_id: a rule for any job names its stage by stage_name");
}

TEST(RuleValidate, SendOnStageKeepsExpiryAndRemindersInRange) {
  auto s = send_any_job("Interview", 7);
  for (int days : {1, 365}) {
    s.expiry_days = days;
    EXPECT_EQ(invalid(s), "") << days;
  }
  for (int days : {0, 366}) {
    s.expiry_days = days;
    EXPECT_EQ(invalid(s), "expiry_days must be between 1 and 365") << days;
  }
  s.expiry_days.reset();
  for (int hours : {0, 720}) {
    s.reminder_after_hours = hours;
    EXPECT_EQ(invalid(s), "") << hours;
  }
  for (int hours : {-1, 721}) {
    s.reminder_after_hours = hours;
    EXPECT_EQ(invalid(s), "reminder_after_hours must be between 0 (no reminder) and 720") << hours;
  }
}

TEST(RuleValidate, PostResultsPostsSomethingWithATemplateThatRenders) {
  EXPECT_EQ(invalid(post(std::nullopt, true, false)), "");
  EXPECT_EQ(invalid(post(4, false, true)), "") << "the default template renders";
  EXPECT_EQ(invalid(post(4, false, false)),
            "record, comment: post the Candidate Assessment record, a comment, or both");
  EXPECT_EQ(invalid(post(0, true, false)),
            "assessment_id must be a positive id, or empty for every assessment");
  auto p = post(4, true, true);
  p.comment_template = " ";
  EXPECT_EQ(invalid(p), "comment_template can't be blank");
  p.comment_template = std::string(2001, 'x');
  EXPECT_EQ(invalid(p), "comment_template is too long (2000 characters at most)");
  p.comment_template = "Score {{grade}}";
  EXPECT_NE(invalid(p).find("comment_template: unknown placeholder {{grade}}"), std::string::npos);
  p.comment = false;
  EXPECT_EQ(invalid(p), "") << "an unused template is not checked";
}

TEST(RuleValidate, OnExpiryMovesOrComments) {
  EXPECT_EQ(invalid(OnExpiry{std::nullopt, "Rejected", ""}), "");
  EXPECT_EQ(invalid(OnExpiry{3, "", "{{candidate}} did not start"}), "");
  EXPECT_EQ(invalid(OnExpiry{3, " ", ""}),
            "stage_name, comment_template: move the application, comment, or both");
  EXPECT_EQ(invalid(OnExpiry{3, "", "{{score"}),
            "comment_template: \"{{\" at character 1 is not closed with \"}}\"");
}

TEST(RuleValidate, MoveOnResultBandsAreComplete) {
  EXPECT_EQ(invalid(move_on(5, {all({at_least(80)}, "Interview"), all({below(50)}, "Rejected")})), "");
  EXPECT_EQ(invalid(move_on(0, {all({at_least(80)}, "Interview")})),
            "assessment_id: choose the assessment whose result moves the application");
  EXPECT_EQ(invalid(move_on(5, {})), "bands: add at least one band");
  EXPECT_EQ(invalid(move_on(5, std::vector<Band>(11, all({passed()}, "Offer")))), "bands: at most 10 bands");
  EXPECT_EQ(invalid(move_on(5, {all({passed()}, "Offer"), all({}, "Hold")})),
            "band 2: add at least one condition");
  EXPECT_EQ(invalid(move_on(5, {all(std::vector<Condition>(11, passed()), "Offer")})),
            "band 1: at most 10 conditions");
  EXPECT_EQ(invalid(move_on(5, {all({passed()}, " ")})), "band 1: choose the stage to move to");
}

TEST(RuleValidate, MoveOnResultScoresAndTagsAreInRange) {
  EXPECT_EQ(invalid(move_on(5, {all({at_least(0)}, "A")})), "");
  EXPECT_EQ(invalid(move_on(5, {all({at_least(101)}, "A")})),
            "band 1: the score in \"score >= 101\" must be between 0 and 100");
  EXPECT_EQ(invalid(move_on(5, {all({below(0)}, "A")})),
            "band 1: the score in \"score < 0\" must be between 1 and 100");
  EXPECT_EQ(invalid(move_on(5, {all({below(100)}, "A")})), "");
  EXPECT_EQ(invalid(move_on(5, {all({passed()}, "A", {"strong", " "})})), "band 1: a tag can't be blank");
  EXPECT_EQ(invalid(move_on(5, {all({passed()}, "A", {std::string(61, 't')})})),
            "band 1: tag \"" + std::string(61, 't') + "\" is longer than 60 characters");
  EXPECT_EQ(invalid(move_on(5, {all({passed()}, "A", {" " + std::string(60, 't') + " "})})), "");
  EXPECT_EQ(invalid(move_on(5, {all({passed()}, "A", std::vector<std::string>(11, "t"))})),
            "band 1: at most 10 tags");
}

TEST(RuleValidate, BandsThatCanNeverMatchAreRefused) {
  EXPECT_EQ(invalid(move_on(5, {all({passed()}, "Offer"), all({at_least(80), below(50)}, "Hold")})),
            "band 2 can never match: no result meets \"score >= 80 and score < 50\"");
  EXPECT_EQ(invalid(move_on(5, {all({passed(), failed()}, "Offer")})),
            "band 1 can never match: no result meets \"passed and did not pass\"");
  // The same conditions combined with "any" match plenty.
  EXPECT_EQ(invalid(move_on(5, {any({passed(), failed()}, "Offer")})), "");
}

TEST(BandOverlap, OverlappingBandsWithDifferentStagesAreRefusedWithAnExample) {
  EXPECT_EQ(
      invalid(move_on(5, {all({at_least(50)}, "Interview"), all({at_least(80)}, "Offer")})),
      "a score of 90 that passed, with no integrity flags, matches both band 1 (score >= 50 -> Interview) "
      "and band 2 (score >= 80 -> Offer); first band wins would hide band 2 \u2014 narrow band 1 to "
      "score < 80");
  // When narrowing the first band cannot part them, the hint narrows the second.
  EXPECT_EQ(
      invalid(move_on(5, {all({at_least(80)}, "Interview"), all({at_least(50)}, "Hold")})),
      "a score of 90 that passed, with no integrity flags, matches both band 1 (score >= 80 -> Interview) "
      "and band 2 (score >= 50 -> Hold); first band wins would hide band 2 \u2014 narrow band 2 to "
      "score < 80");
}

TEST(BandOverlap, ExamplesAndHintsFollowTheConditions) {
  EXPECT_EQ(
      invalid(move_on(5, {all({failed()}, "Rejected"), any({below(50), flagged()}, "Review")})),
      "a score of 25 that did not pass, with no integrity flags, matches both band 1 (did not pass -> "
      "Rejected) and band 2 (score < 50 or integrity flags raised -> Review); first band wins would hide "
      "band 2 \u2014 make the two bands exclusive, or give them the same stage");
  EXPECT_EQ(invalid(move_on(5, {all({flagged()}, "Review"), all({passed()}, "Offer")})),
            "a score of 50 that passed, with integrity flags, matches both band 1 (integrity flags raised -> "
            "Review) and band 2 (passed -> Offer); first band wins would hide band 2 \u2014 narrow band 1 to "
            "did not pass");
}

TEST(BandOverlap, SameStageMayOverlapAndDisjointBandsPass) {
  EXPECT_EQ(invalid(move_on(5, {all({at_least(50)}, "Interview"), all({at_least(80)}, " interview")})), "");
  EXPECT_EQ(
      invalid(move_on(5, {all({at_least(80), clean()}, "Interview"), all({at_least(50), below(80)}, "Hold"),
                          all({below(50)}, "Rejected"), all({at_least(80), flagged()}, "Review")})),
      "");
  // A band that an earlier one hides completely is an overlap too.
  EXPECT_NE(invalid(move_on(5, {all({at_least(50)}, "Interview"), all({at_least(60), passed()}, "Offer")}))
                .find("first band wins would hide band 2"),
            std::string::npos);
}

TEST(RuleConflicts, CheckConflictsRefusesOverlappingBandsAsInvalid) {
  const auto error =
      conflict(move_on(5, {all({at_least(50)}, "Interview"), all({at_least(80)}, "Offer")}), {});
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, ErrorCode::invalid_input);
}

TEST(RuleConflicts, TheSameSendOnStageTwiceIsADuplicate) {
  auto error = conflict(send_any_job("interview ", 7), {send_any_job("Interview", 7)});
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, ErrorCode::conflict);
  EXPECT_EQ(error->message,
            "a rule already sends assessment #7 when an application enters Interview (any job)");
  error = conflict(send_in_job(12, 34, 7), {send_in_job(12, 34, 7)});
  ASSERT_TRUE(error);
  EXPECT_EQ(
      error->message,
      "a rule already sends assessment #7 when an application enters Technical screen (Backend engineer)");
  EXPECT_FALSE(conflict(send_any_job("Interview", 7), {send_any_job("Interview", 8)}));
  EXPECT_FALSE(conflict(send_any_job("Interview", 7), {send_any_job("Offer", 7)}));
  EXPECT_FALSE(conflict(send_in_job(12, 34, 7), {send_in_job(12, 35, 7), send_in_job(13, 34, 7)}));
  EXPECT_FALSE(conflict(send_in_job(12, 34, 7), {send_any_job("Technical screen", 7)}))
      << "a job's stage and any job's stage are different rows";
}

TEST(RuleConflicts, TwoMoveOnResultRulesForOneAssessment) {
  const auto error =
      conflict(move_on(5, {all({passed()}, "Offer")}), {move_on(5, {all({failed()}, "Rejected")})});
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, ErrorCode::conflict);
  EXPECT_EQ(error->message,
            "a rule already moves applications on the result of assessment #5; two rules could move one "
            "application to two stages");
  EXPECT_FALSE(conflict(move_on(5, {all({passed()}, "Offer")}), {move_on(6, {all({passed()}, "Offer")})}));
}

TEST(RuleConflicts, PostResultsMustNotPostTwice) {
  auto error = conflict(post(5, true, false), {post(std::nullopt, true, false)});
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, ErrorCode::conflict);
  EXPECT_EQ(
      error->message,
      "a rule already posts the Candidate Assessment record for every assessment; this rule would post it "
      "twice");
  error = conflict(post(std::nullopt, false, true), {post(5, true, true)});
  ASSERT_TRUE(error);
  EXPECT_EQ(error->message,
            "a rule already comments the results of assessment #5; this rule would comment twice");
  EXPECT_FALSE(conflict(post(5, true, false), {post(6, true, true)}));
  EXPECT_FALSE(conflict(post(5, true, false), {post(5, false, true)}))
      << "one posts the record, one comments";
}

TEST(RuleConflicts, OnExpiryMustNotActTwice) {
  auto error = conflict(OnExpiry{5, "Rejected", ""}, {OnExpiry{std::nullopt, "Withdrawn", "Expired"}});
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, ErrorCode::conflict);
  EXPECT_EQ(
      error->message,
      "a rule already moves the application when an invitation to any assessment expires; this rule would "
      "move it twice");
  error = conflict(OnExpiry{std::nullopt, "", "Expired"}, {OnExpiry{5, "", "Gone"}});
  ASSERT_TRUE(error);
  EXPECT_EQ(
      error->message,
      "a rule already comments when an invitation to assessment #5 expires; this rule would comment twice");
  EXPECT_FALSE(
      conflict(OnExpiry{5, "Rejected", ""}, {OnExpiry{5, "", "Expired"}, OnExpiry{6, "Rejected", ""}}));
}

TEST(RuleConflicts, OtherKindsAndTheRuleItselfDoNotConflict) {
  EXPECT_FALSE(conflict(send_any_job("Interview", 7), {post(7, true, true), OnExpiry{7, "Rejected", "x"}}));
  const auto self = rule(100, send_any_job("Interview", 7));
  EXPECT_TRUE(check_conflicts(self, {self}).ok()) << "an updated rule is not a duplicate of its old self";
}

}  // namespace
}  // namespace pinbridge::workflows
