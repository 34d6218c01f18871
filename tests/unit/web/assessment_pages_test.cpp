#include "platform_fixture.hpp"

namespace pinbridge::web::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using AssessmentPagesTest = PlatformPagesTest;

Form two_questions(const std::string& name) {
  return {{"name", name},
          {"description", "Warm-up"},
          {"time_limit", "15"},
          {"pass_mark", "70"},
          {"q0_id", ""},
          {"q0_kind", "single_choice"},
          {"q0_prompt", "2 + 2?"},
          {"q0_options", "3\r\n* 4\r\n5"},
          {"q0_points", "2"},
          {"q3_id", ""},
          {"q3_kind", "short_answer"},
          {"q3_prompt", "Capital of France?"},
          {"q3_answers", "Paris\nLutetia"},
          {"q3_points", "1"},
          {"q4_kind", "single_choice"},  // a blank spare slot
          {"q4_points", "1"}};
}

TEST_F(AssessmentPagesTest, CreatesAnAssessmentFromTheForm) {
  const auto form_page = get_as_alice("/assessments/new");
  EXPECT_EQ(form_page.status, 200);
  EXPECT_THAT(form_page.body, HasSubstr("id=\"question-template\""));
  EXPECT_THAT(form_page.body, HasSubstr("name=\"q2_prompt\""));  // spare slots without JavaScript
  const auto created = post_as_alice("/assessments", two_questions("Screening"));
  ASSERT_EQ(created.status, 303) << created.body;
  EXPECT_EQ(created.headers.at("Location"), "/assessments?notice=created");
  const auto all = platform_->assessments.list(acme_.id, true);
  ASSERT_EQ(all.size(), 1u);
  const auto& content = all[0].content;
  EXPECT_EQ(content.time_limit_minutes, 15);
  EXPECT_EQ(content.pass_mark, 70);
  ASSERT_EQ(content.questions.size(), 2u);
  EXPECT_EQ(content.questions[0].options, (std::vector<std::string>{"3", "4", "5"}));
  EXPECT_EQ(content.questions[0].correct_options, (std::vector<int>{1}));
  EXPECT_EQ(content.questions[0].points, 2);
  EXPECT_EQ(content.questions[1].accepted_answers, (std::vector<std::string>{"Paris", "Lutetia"}));
  const auto list = get_as_alice("/assessments?notice=created").body;
  EXPECT_THAT(list, HasSubstr("Assessment created."));
  EXPECT_THAT(list, HasSubstr(">Screening</a>"));
  EXPECT_THAT(list, HasSubstr("15 min"));
  EXPECT_THAT(list, HasSubstr("70%"));
}

TEST_F(AssessmentPagesTest, ValidationErrorsKeepTheInputAndPointAtTheQuestion) {
  Form bad = {
      {"name", "Broken"},        {"time_limit", "20"},   {"pass_mark", "50"}, {"q0_kind", "single_choice"},
      {"q0_prompt", "Pick one"}, {"q0_options", "a\nb"}, {"q0_points", "1"}};
  const auto response = post_as_alice("/assessments", bad);
  EXPECT_EQ(response.status, 400);
  EXPECT_THAT(response.body, HasSubstr("role=\"alert\""));
  EXPECT_THAT(response.body, HasSubstr("Question 1: mark exactly one option as correct"));
  EXPECT_THAT(response.body, HasSubstr("aria-describedby=\"q0-error\""));
  EXPECT_THAT(response.body, HasSubstr(">Pick one</textarea>"));
  EXPECT_EQ(input_value(response.body, "name"), "Broken");
  EXPECT_TRUE(platform_->assessments.list(acme_.id, true).empty());

  const auto not_number =
      post_as_alice("/assessments", {{"name", "X"}, {"time_limit", "soon"}, {"pass_mark", "50"}});
  EXPECT_EQ(not_number.status, 400);
  EXPECT_THAT(not_number.body, HasSubstr("Time limit must be a whole number of minutes"));
  EXPECT_THAT(not_number.body, HasSubstr("aria-invalid=\"true\""));
  const auto none = post_as_alice("/assessments", {{"name", "X"}, {"time_limit", "5"}, {"pass_mark", "50"}});
  EXPECT_THAT(none.body, HasSubstr("Add at least one question"));
}

TEST_F(AssessmentPagesTest, EditingKeepsQuestionIdsAndArchivingHidesItFromInvites) {
  const auto a = sample();
  const auto edit = get_as_alice("/assessments/" + std::to_string(a.id));
  EXPECT_EQ(edit.status, 200);
  EXPECT_EQ(input_value(edit.body, "q0_id"), "q1");
  EXPECT_THAT(edit.body, HasSubstr("* 4</textarea>"));
  const auto saved = post_as_alice("/assessments/" + std::to_string(a.id), {{"name", "Renamed"},
                                                                            {"time_limit", "20"},
                                                                            {"pass_mark", "50"},
                                                                            {"q0_id", "q2"},
                                                                            {"q0_kind", "short_answer"},
                                                                            {"q0_prompt", "Capital?"},
                                                                            {"q0_answers", "Paris"},
                                                                            {"q0_points", "1"}});
  ASSERT_EQ(saved.status, 303) << saved.body;
  const auto stored = platform_->assessments.find(acme_.id, a.id);
  EXPECT_EQ(stored->content.name, "Renamed");
  ASSERT_EQ(stored->content.questions.size(), 1u);
  EXPECT_EQ(stored->content.questions[0].id, "q2");

  EXPECT_EQ(post_as_alice("/assessments/" + std::to_string(a.id) + "/archive", {}).status, 303);
  EXPECT_EQ(platform_->assessments.find(acme_.id, a.id)->status, assessments::AssessmentStatus::archived);
  EXPECT_THAT(get_as_alice("/assessments").body, HasSubstr("Archived"));
  EXPECT_THAT(get_as_alice("/invitations").body, HasSubstr("create an assessment first"));
  EXPECT_EQ(post_as_alice("/assessments/" + std::to_string(a.id) + "/unarchive", {}).status, 303);
  EXPECT_EQ(platform_->assessments.find(acme_.id, a.id)->status, assessments::AssessmentStatus::active);
}

TEST_F(AssessmentPagesTest, AnotherAccountCannotSeeOrChangeThem) {
  const auto a = sample();
  const auto bob = bob_in();
  const auto path = "/assessments/" + std::to_string(a.id);
  EXPECT_EQ(get(path, bob.cookie).status, 404);
  EXPECT_THAT(get("/assessments", bob.cookie).body, Not(HasSubstr("Backend screen")));
  EXPECT_EQ(post_as(bob, path, two_questions("Hijacked")).status, 404);
  EXPECT_EQ(post_as(bob, path + "/archive", {}).status, 404);
  EXPECT_EQ(platform_->assessments.find(acme_.id, a.id)->content.name, "Backend screen");
  EXPECT_EQ(platform_->assessments.find(acme_.id, a.id)->status, assessments::AssessmentStatus::active);
  EXPECT_EQ(get("/assessments/abc", bob.cookie).status, 404);
}

TEST_F(AssessmentPagesTest, WritesNeedTheCsrfToken) {
  std::string body;
  for (const auto& [name, value] : two_questions("Sneaky")) body += name + "=" + url_encode(value) + "&";
  EXPECT_EQ(post("/assessments", body, alice_in_.cookie).status, 403);
  EXPECT_EQ(post("/assessments", body + "_csrf=wrong", alice_in_.cookie).status, 403);
  EXPECT_TRUE(platform_->assessments.list(acme_.id, true).empty());
}

}  // namespace
}  // namespace pinbridge::web::testing
