// The workflow model's pure parts: names, the stored JSON form, evaluating bands against a
// result and explaining them, and comment templates.
#include "workflows/rules.hpp"

#include <gtest/gtest.h>

#include "rule_builders.hpp"

namespace pinbridge::workflows {
namespace {

using namespace builders;  // NOLINT(google-build-using-namespace)
using nlohmann::json;

std::string parse_error(RuleKind kind, const json& j) {
  auto parsed = settings_from_json(kind, j);
  if (parsed) return "";
  EXPECT_EQ(parsed.error().code, ErrorCode::invalid_input);
  return parsed.error().message;
}

// Stores and reads back, then stores again: the second form must equal the first.
json round_trip(const RuleSettings& settings) {
  const json stored = settings_to_json(settings);
  auto parsed = settings_from_json(kind_of(settings), json::parse(stored.dump()));
  EXPECT_TRUE(parsed.ok()) << (parsed ? "" : parsed.error().message);
  if (!parsed) return {};
  EXPECT_EQ(kind_of(*parsed), kind_of(settings));
  return settings_to_json(*parsed);
}

TEST(RuleNames, KindsRoundTripAndUnknownNamesAreRefused) {
  for (auto kind :
       {RuleKind::send_on_stage, RuleKind::post_results, RuleKind::move_on_result, RuleKind::on_expiry})
    EXPECT_EQ(parse_rule_kind(rule_kind_name(kind)), kind);
  EXPECT_EQ(rule_kind_name(RuleKind::move_on_result), "move_on_result");
  EXPECT_EQ(parse_rule_kind("send-on-stage"), std::nullopt);
  EXPECT_EQ(condition_kind_name(ConditionKind::integrity_clean), "integrity_clean");
  EXPECT_EQ(parse_condition_kind("score_below"), ConditionKind::score_below);
  EXPECT_EQ(parse_condition_kind("Score_below"), std::nullopt);
  EXPECT_EQ(kind_of(OnExpiry{}), RuleKind::on_expiry);
  EXPECT_EQ(kind_of(post(std::nullopt, true, false)), RuleKind::post_results);
}

TEST(RuleJson, SendOnStageHasTheDocumentedShapeAndRoundTrips) {
  SendOnStage s = send_in_job(12, 34, 7);
  s.expiry_days = 5;
  const json stored = settings_to_json(s);
  EXPECT_EQ(stored, json::parse(R"({"job_id":12,"stage_id":34,"stage_name":"Technical screen",
      "job_title":"Backend engineer","assessment_id":7,"expiry_days":5,"reminder_after_hours":null})"));
  EXPECT_EQ(round_trip(s), stored);
  const auto any_job = settings_to_json(send_any_job("Interview", 3));
  EXPECT_TRUE(any_job["job_id"].is_null());
  EXPECT_EQ(round_trip(send_any_job("Interview", 3)), any_job);
}

TEST(RuleJson, PostResultsAndOnExpiryRoundTrip) {
  PostResults p = post(9, false, true);
  p.comment_template = "{{candidate}} scored {{score}}";
  EXPECT_EQ(round_trip(p), settings_to_json(p));
  EXPECT_TRUE(settings_to_json(post(std::nullopt, true, false))["assessment_id"].is_null());
  const OnExpiry e{std::nullopt, "Rejected", "Expired: {{assessment}}"};
  EXPECT_EQ(round_trip(e), settings_to_json(e));
}

TEST(RuleJson, MoveOnResultWritesValuesOnlyForScoreConditions) {
  const auto m = move_on(
      5, {all({at_least(80), passed()}, "Interview", {"strong"}), any({below(50), flagged()}, "Rejected")});
  const json stored = settings_to_json(m);
  EXPECT_EQ(stored["bands"][0]["conditions"][0], json::parse(R"({"kind":"score_at_least","value":80})"));
  EXPECT_EQ(stored["bands"][0]["conditions"][1], json::parse(R"({"kind":"passed"})"));
  EXPECT_EQ(stored["bands"][1]["combine"], "any");
  EXPECT_EQ(stored["bands"][0]["tags"], json::parse(R"(["strong"])"));
  EXPECT_EQ(round_trip(m), stored);
  const auto parsed = settings_from_json(RuleKind::move_on_result, stored);
  ASSERT_TRUE(parsed.ok());
  const auto& bands = std::get<MoveOnResult>(*parsed).bands;
  EXPECT_EQ(bands[1].conditions[0].kind, ConditionKind::score_below);
  EXPECT_EQ(bands[1].conditions[0].value, 50);
  EXPECT_EQ(bands[1].stage_name, "Rejected");
}

TEST(RuleJson, MissingOptionalFieldsTakeTheDefaults) {
  const auto parsed = settings_from_json(RuleKind::post_results, json::object());
  ASSERT_TRUE(parsed.ok());
  const auto& p = std::get<PostResults>(*parsed);
  EXPECT_EQ(p.assessment_id, std::nullopt);
  EXPECT_TRUE(p.record);
  EXPECT_FALSE(p.comment);
  EXPECT_EQ(p.comment_template, default_comment_template);
  const auto send =
      settings_from_json(RuleKind::send_on_stage, json{{"assessment_id", 4}, {"stage_name", "Screen"}});
  ASSERT_TRUE(send.ok());
  EXPECT_EQ(std::get<SendOnStage>(*send).stage.job_id, std::nullopt);
  EXPECT_EQ(std::get<SendOnStage>(*send).expiry_days, std::nullopt);
}

TEST(RuleJson, WrongTypesAreRefusedNamingTheField) {
  EXPECT_EQ(parse_error(RuleKind::send_on_stage, json{{"assessment_id", 1}, {"job_id", "12"}}),
            "job_id must be an integer or null");
  EXPECT_EQ(parse_error(RuleKind::send_on_stage, json{{"assessment_id", 1.5}}),
            "assessment_id must be an integer");
  EXPECT_EQ(parse_error(RuleKind::send_on_stage, json{{"stage_name", "Screen"}}),
            "assessment_id is required");
  EXPECT_EQ(parse_error(RuleKind::send_on_stage, json{{"assessment_id", 1}, {"expiry_days", 4294967297}}),
            "expiry_days is out of range");
  EXPECT_EQ(parse_error(RuleKind::send_on_stage, json{{"assessment_id", 1}, {"stage_name", 3}}),
            "stage_name must be a string");
  EXPECT_EQ(parse_error(RuleKind::post_results, json{{"record", "yes"}}), "record must be true or false");
  EXPECT_EQ(parse_error(RuleKind::post_results, json{{"colour", "red"}}), "unknown field colour");
  EXPECT_EQ(parse_error(RuleKind::on_expiry, json::array()), "settings must be a JSON object");
  EXPECT_EQ(parse_error(RuleKind::on_expiry, json{{"assessment_id", 18446744073709551615ULL}}),
            "assessment_id is out of range");
}

TEST(RuleJson, BandsAreReadStrictly) {
  const auto with_band = [](const json& band) {
    return json{{"assessment_id", 1}, {"bands", json::array({band})}};
  };
  const json good_condition = {{"kind", "passed"}};
  EXPECT_EQ(parse_error(RuleKind::move_on_result, json{{"assessment_id", 1}}), "bands is required");
  EXPECT_EQ(parse_error(RuleKind::move_on_result, json{{"assessment_id", 1}, {"bands", json::object()}}),
            "bands must be an array");
  EXPECT_EQ(
      parse_error(RuleKind::move_on_result,
                  with_band({{"conditions", json::array({{{"kind", "score_above"}, {"value", 3}}})}})),
      "bands[0].conditions[0].kind: unknown condition \"score_above\" (score_at_least, score_below, passed, "
      "failed, integrity_flagged, integrity_clean)");
  EXPECT_EQ(parse_error(RuleKind::move_on_result,
                        with_band({{"conditions", json::array({{{"kind", "score_below"}}})}})),
            "bands[0].conditions[0].value is required");
  EXPECT_EQ(parse_error(RuleKind::move_on_result,
                        with_band({{"combine", "most"}, {"conditions", json::array({good_condition})}})),
            "bands[0].combine must be \"all\" or \"any\"");
  EXPECT_EQ(parse_error(RuleKind::move_on_result, with_band({{"conditions", json::array({good_condition})},
                                                             {"tags", json::array({1})}})),
            "bands[0].tags[0] must be a string");
  EXPECT_EQ(parse_error(RuleKind::move_on_result, with_band({{"stage_name", "Offer"}})),
            "bands[0].conditions is required");
  EXPECT_EQ(parse_error(RuleKind::move_on_result, json{{"assessment_id", 1}, {"bands", json::array({7})}}),
            "bands[0] must be a JSON object");
}

TEST(BandEvaluation, ConditionsHoldOnTheirEdges) {
  EXPECT_TRUE(holds(at_least(80), Outcome{80, false, false}));
  EXPECT_FALSE(holds(at_least(80), Outcome{79, false, false}));
  EXPECT_TRUE(holds(below(50), Outcome{49, false, false}));
  EXPECT_FALSE(holds(below(50), Outcome{50, false, false}));
  EXPECT_TRUE(holds(passed(), Outcome{0, true, false}));
  EXPECT_TRUE(holds(failed(), Outcome{100, false, false}));
  EXPECT_TRUE(holds(flagged(), Outcome{0, false, true}));
  EXPECT_FALSE(holds(clean(), Outcome{0, false, true}));
  EXPECT_TRUE(holds(all({at_least(80), passed()}, "Offer"), Outcome{85, true, false}));
  EXPECT_FALSE(holds(all({at_least(80), passed()}, "Offer"), Outcome{85, false, false}));
  EXPECT_TRUE(holds(any({below(50), flagged()}, "Rejected"), Outcome{90, true, true}));
  EXPECT_FALSE(holds(any({below(50), flagged()}, "Rejected"), Outcome{90, true, false}));
}

TEST(BandEvaluation, TheFirstBandThatHoldsWins) {
  const auto rule = move_on(1, {all({at_least(80)}, "Interview"), all({below(50)}, "Rejected")});
  EXPECT_EQ(first_band(rule, Outcome{92, true, false}), &rule.bands[0]);
  EXPECT_EQ(first_band(rule, Outcome{41, false, false}), &rule.bands[1]);
  EXPECT_EQ(first_band(rule, Outcome{65, true, false}), nullptr);
  const auto shadowing = move_on(1, {all({at_least(50)}, "Interview"), all({at_least(80)}, "Interview")});
  EXPECT_EQ(first_band(shadowing, Outcome{90, true, false}), &shadowing.bands[0]);
}

TEST(BandEvaluation, ExplainSaysWhyInRecruiterWords) {
  EXPECT_EQ(explain(all({below(50)}, "Rejected"), Outcome{41, false, false}), "score 41 < 50");
  EXPECT_EQ(explain(all({at_least(80), passed(), clean()}, "Offer"), Outcome{85, true, false}),
            "score 85 >= 80 and passed (pass mark) and no integrity flags");
  // For "any", only the conditions that hold are the reason.
  EXPECT_EQ(explain(any({below(50), failed(), flagged()}, "Rejected"), Outcome{72, false, true}),
            "did not pass or integrity flags raised");
}

TEST(BandEvaluation, DescribeListsTheConditions) {
  EXPECT_EQ(describe(all({at_least(80), passed()}, "Offer")), "score >= 80 and passed");
  EXPECT_EQ(describe(any({below(50), failed()}, "Rejected")), "score < 50 or did not pass");
  EXPECT_EQ(describe(any({flagged(), clean()}, "Review")), "integrity flags raised or no integrity flags");
}

TemplateValues sample() {
  return {"Ada Lovelace", "Backend screen", "85", "70", "passed", "https://x.test/r/1"};
}

TEST(TemplateRender, FillsEveryPlaceholder) {
  auto text = render_template(default_comment_template, sample());
  ASSERT_TRUE(text.ok()) << text.error().message;
  EXPECT_EQ(*text, "Backend screen: 85/100, passed (pass mark 70). Report: https://x.test/r/1");
  text = render_template("{{ candidate }} / {{candidate}}", sample());
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "Ada Lovelace / Ada Lovelace");
}

TEST(TemplateRender, LeavesOtherBracesAlone) {
  auto text = render_template("{score} }} { {x}", sample());
  ASSERT_TRUE(text.ok()) << text.error().message;
  EXPECT_EQ(*text, "{score} }} { {x}");
  EXPECT_EQ(*render_template("", sample()), "");
}

TEST(TemplateRender, UnknownAndUnclosedPlaceholdersAreErrors) {
  auto text = render_template("Hi {{ name }}", sample());
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().code, ErrorCode::invalid_input);
  EXPECT_NE(text.error().message.find("unknown placeholder {{name}}"), std::string::npos)
      << text.error().message;
  text = render_template("Score {{score", sample());
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().message, "\"{{\" at character 7 is not closed with \"}}\"");
  EXPECT_FALSE(render_template("{{}}", sample()).ok());
}

}  // namespace
}  // namespace pinbridge::workflows
