// Validation of assessments and grading of answers: pure logic, no database.
#include "assessments/grading.hpp"

#include <gtest/gtest.h>

namespace pinbridge::assessments {
namespace {

Question choice(std::vector<std::string> options, std::vector<int> correct,
                QuestionKind kind = QuestionKind::single_choice) {
  Question q;
  q.kind = kind;
  q.prompt = "Pick";
  q.options = std::move(options);
  q.correct_options = std::move(correct);
  return q;
}

Question short_answer(std::vector<std::string> accepted, int points = 1) {
  Question q;
  q.kind = QuestionKind::short_answer;
  q.prompt = "Capital of France?";
  q.accepted_answers = std::move(accepted);
  q.points = points;
  return q;
}

AssessmentDraft draft(std::vector<Question> questions) {
  AssessmentDraft d;
  d.name = "  Backend screen ";
  d.time_limit_minutes = 20;
  d.pass_mark = 50;
  d.questions = std::move(questions);
  return d;
}

std::string error_of(const AssessmentDraft& d) {
  auto result = validate(d);
  return result ? "" : result.error().message;
}

TEST(AssessmentValidation, TrimsAndNumbersQuestions) {
  auto valid = validate(draft({choice({"a", "b"}, {1}), short_answer({" Paris "})}));
  ASSERT_TRUE(valid.ok());
  EXPECT_EQ(valid->name, "Backend screen");
  EXPECT_EQ(valid->questions[0].id, "q1");
  EXPECT_EQ(valid->questions[1].id, "q2");
  EXPECT_EQ(valid->questions[1].accepted_answers, std::vector<std::string>{"Paris"});
}

TEST(AssessmentValidation, KeepsExistingIdsAndContinuesAfterTheHighest) {
  auto first = choice({"a", "b"}, {0});
  first.id = "q7";
  auto valid = validate(draft({first, short_answer({"x"})}));
  ASSERT_TRUE(valid.ok());
  EXPECT_EQ(valid->questions[1].id, "q8");
}

TEST(AssessmentValidation, RefusesBadInputWithMessagesNamingTheQuestion) {
  EXPECT_EQ(error_of(draft({})), "Add at least one question");
  EXPECT_EQ(error_of(draft({choice({"only"}, {0})})), "Question 1: give at least two options");
  EXPECT_EQ(error_of(draft({choice({"a", "b"}, {0, 1})})), "Question 1: mark exactly one option as correct");
  EXPECT_EQ(error_of(draft({choice({"a", "b"}, {}, QuestionKind::multiple_choice)})),
            "Question 1: mark at least one option as correct");
  EXPECT_EQ(error_of(draft({choice({"a", "b"}, {5})})), "Question 1: a correct option does not exist");
  EXPECT_EQ(error_of(draft({choice({"a", "b"}, {0}), short_answer({" "})})),
            "Question 2: give at least one accepted answer");
  auto blank_name = draft({short_answer({"x"})});
  blank_name.name = "   ";
  EXPECT_EQ(error_of(blank_name), "Name can't be blank");
  auto bad_mark = draft({short_answer({"x"})});
  bad_mark.pass_mark = 101;
  EXPECT_EQ(error_of(bad_mark), "Pass mark must be 0 to 100");
  auto long_test = draft({short_answer({"x"})});
  long_test.time_limit_minutes = 0;
  EXPECT_EQ(error_of(long_test), "Time limit must be 1 to 480 minutes");
  std::vector<Question> too_many(101, short_answer({"x"}));
  EXPECT_EQ(error_of(draft(too_many)), "An assessment has at most 100 questions");
}

TEST(AssessmentValidation, QuestionsSurviveTheirJsonForm) {
  auto valid = validate(
      draft({choice({"a", "b", "c"}, {2, 0}, QuestionKind::multiple_choice), short_answer({"x"}, 3)}));
  ASSERT_TRUE(valid.ok());
  auto back = questions_from_json(questions_to_json(valid->questions));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(questions_to_json(*back), questions_to_json(valid->questions));
  EXPECT_EQ((*back)[0].correct_options, (std::vector<int>{0, 2}));
  EXPECT_FALSE(questions_from_json(nlohmann::json::parse(R"([{"kind":"essay","prompt":"x"}])")).ok());
  EXPECT_FALSE(
      questions_from_json(nlohmann::json::parse(R"([{"kind":"short_answer","points":"many"}])")).ok());
}

class Grading : public ::testing::Test {
 protected:
  void SetUp() override {
    content_ = *validate(
        draft({choice({"a", "b"}, {1}), choice({"a", "b", "c"}, {0, 2}, QuestionKind::multiple_choice),
               short_answer({"Paris", "paris, france"}, 2)}));
    assessment_.content = content_;
  }
  AssessmentDraft content_;
  Assessment assessment_;
};

TEST_F(Grading, AllCorrectScoresHundredAndPasses) {
  const auto g = grade(content_, {{"q1", 1}, {"q2", {0, 2}}, {"q3", "  PARIS "}});
  EXPECT_EQ(g.score, 100);
  EXPECT_TRUE(g.passed);
  EXPECT_EQ(g.points_awarded, 4);
  EXPECT_EQ(g.points_possible, 4);
}

TEST_F(Grading, MultipleChoiceIsAllOrNothingAndPointsWeigh) {
  const auto g = grade(content_, {{"q1", 1}, {"q2", {0}}, {"q3", "Lyon"}});
  EXPECT_EQ(g.points_awarded, 1);
  EXPECT_EQ(g.score, 25);
  EXPECT_FALSE(g.passed);
  EXPECT_FALSE(g.questions[1].correct);
  EXPECT_TRUE(g.questions[1].answered);
}

TEST_F(Grading, UnansweredCountsAsWrongAndScoreRoundsHalfUp) {
  auto three = *validate(draft({short_answer({"a"}), short_answer({"b"}), short_answer({"c"})}));
  const auto g = grade(three, {{"q1", "a"}, {"q2", "b"}});
  EXPECT_EQ(g.score, 67);  // 2/3
  EXPECT_FALSE(g.questions[2].answered);
  EXPECT_TRUE(g.questions[2].answer.is_null());
}

TEST_F(Grading, PassMarkIsInclusive) {
  auto two = *validate(draft({short_answer({"a"}), short_answer({"b"})}));
  EXPECT_TRUE(grade(two, {{"q1", "a"}}).passed);  // 50 >= 50
}

TEST_F(Grading, OverridesReplaceTheAutomaticVerdict) {
  const auto g = grade(content_, {{"q1", 0}, {"q3", "Lutetia"}}, {{"q3", true}});
  EXPECT_TRUE(g.questions[2].correct);
  EXPECT_TRUE(g.questions[2].overridden);
  EXPECT_EQ(g.points_awarded, 2);
}

TEST_F(Grading, AnswersAreCheckedBeforeTheyAreSaved) {
  EXPECT_FALSE(check_answer(assessment_, "q9", 1).ok());
  EXPECT_FALSE(check_answer(assessment_, "q1", 2).ok());
  EXPECT_FALSE(check_answer(assessment_, "q1", "b").ok());
  EXPECT_FALSE(check_answer(assessment_, "q2", {0, 7}).ok());
  EXPECT_FALSE(check_answer(assessment_, "q3", 3).ok());
  EXPECT_FALSE(check_answer(assessment_, "q3", std::string(2001, 'x')).ok());
  EXPECT_EQ(*check_answer(assessment_, "q2", {2, 0, 2}), nlohmann::json({0, 2}));
  EXPECT_TRUE(check_answer(assessment_, "q1", nullptr)->is_null());
}

TEST_F(Grading, BreakdownSurvivesItsJsonForm) {
  const auto g = grade(content_, {{"q1", 1}, {"q3", "paris"}});
  EXPECT_EQ(grade_to_json(grade_from_json(grade_to_json(g))), grade_to_json(g));
}

}  // namespace
}  // namespace pinbridge::assessments
