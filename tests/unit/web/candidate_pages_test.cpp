#include "platform_fixture.hpp"

namespace pinbridge::web::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using CandidatePagesTest = PlatformPagesTest;

TEST_F(CandidatePagesTest, TakesTheTestThroughTheRoutes) {
  const auto inv = invite(sample());
  const auto base = "/t/" + token(inv);
  const auto landing = get(base);
  EXPECT_EQ(landing.status, 200);
  EXPECT_THAT(landing.body, HasSubstr("<h1>Backend screen</h1>"));
  EXPECT_THAT(landing.body, HasSubstr("20 minutes"));
  EXPECT_THAT(landing.body, HasSubstr("action=\"" + base + "/start\""));
  EXPECT_EQ(platform_->invitations.find(acme_.id, inv.id)->status, assessments::InvitationStatus::invited);

  const auto started = post(base + "/start", "");
  EXPECT_EQ(started.status, 303);
  EXPECT_EQ(started.headers.at("Location"), base);
  clock_.advance(std::chrono::minutes(5));
  const auto test = get(base);
  EXPECT_EQ(test.status, 200);
  EXPECT_THAT(test.body, HasSubstr("data-remaining-ms=\"900000\""));
  EXPECT_THAT(test.body, HasSubstr("15:00"));
  EXPECT_THAT(test.body, HasSubstr("Capital of France?"));

  EXPECT_EQ(post_json(base + "/answers", R"({"question_id":"q1","answer":1})").body, R"({"saved":true})");
  EXPECT_EQ(post_json(base + "/signals", R"({"kind":"left_page"})").status, 200);
  EXPECT_EQ(post_json(base + "/signals", R"({"kind":"paste"})").status, 200);
  EXPECT_EQ(post_json(base + "/answers", R"({"question_id":"q9","answer":1})").status, 400);
  EXPECT_EQ(post_json(base + "/answers", "not json").status, 400);
  EXPECT_EQ(post_json(base + "/signals", R"({"kind":"telepathy"})").status, 400);
  EXPECT_THAT(get(base).body, HasSubstr("value=\"1\" checked=\"checked\""));  // saved answers come back

  const auto submitted = post(base + "/submit", form({{"a1", " paris "}}));
  EXPECT_EQ(submitted.headers.at("Location"), base + "/submitted");
  EXPECT_THAT(get(base + "/submitted").body, HasSubstr("Thank you, your answers are submitted"));
  platform_->run_due_jobs();
  const auto done = platform_->invitations.find(acme_.id, inv.id);
  EXPECT_EQ(done->status, assessments::InvitationStatus::completed);
  EXPECT_EQ(done->signals.left_page, 1);
  EXPECT_EQ(done->signals.pastes, 1);
  EXPECT_EQ(platform_->invitations.latest_result(acme_.id, inv.id)->grade.score, 100);

  const auto used = get(base);
  EXPECT_EQ(used.status, 410);
  EXPECT_THAT(used.body, HasSubstr("This link has already been used"));
  EXPECT_EQ(post(base + "/start", "").headers.at("Location"), base);
  EXPECT_EQ(post_json(base + "/answers", R"({"question_id":"q1","answer":0})").status, 409);
}

TEST_F(CandidatePagesTest, TheTestPageNeverHoldsTheAnswers) {
  auto draft = pinbridge::testing::sample_assessment();
  draft.questions[1].accepted_answers = {"Zanzibarian-secret"};
  const auto a = platform_->assessments.create(acme_.id, draft).value();
  const auto base = "/t/" + token(invite(a));
  for (const auto& body : {get(base).body, (post(base + "/start", ""), get(base).body)}) {
    EXPECT_THAT(body, Not(HasSubstr("Zanzibarian-secret")));
    EXPECT_THAT(body, Not(HasSubstr("correct")));
    EXPECT_THAT(body, Not(HasSubstr("accepted")));
  }
}

TEST_F(CandidatePagesTest, WithoutJavaScriptSubmitSavesEveryAnswer) {
  assessments::AssessmentDraft draft = pinbridge::testing::sample_assessment();
  assessments::Question many;
  many.kind = assessments::QuestionKind::multiple_choice;
  many.prompt = "Primes?";
  many.options = {"2", "4", "5"};
  many.correct_options = {0, 2};
  draft.questions.push_back(many);
  const auto a = platform_->assessments.create(acme_.id, draft).value();
  const auto inv = invite(a);
  const auto base = "/t/" + token(inv);
  post(base + "/start", "");
  EXPECT_THAT(get(base).body, HasSubstr("name=\"a2_shown\""));
  post(base + "/submit",
       form({{"a0", "1"}, {"a1", "Paris"}, {"a2_shown", "1"}, {"a2_0", "1"}, {"a2_2", "1"}}));
  platform_->run_due_jobs();
  EXPECT_EQ(platform_->invitations.latest_result(acme_.id, inv.id)->grade.score, 100);
}

TEST_F(CandidatePagesTest, ExpiredCancelledAndForgedLinksGetClearPages) {
  const auto a = sample();
  const auto expired = invite(a, "late@example.com");
  const auto cancelled = invite(a, "gone@example.com");
  ASSERT_TRUE(platform_->invitations.cancel(acme_.id, cancelled.id).ok());
  clock_.advance(std::chrono::hours(24 * 7 + 1));
  const auto late = get("/t/" + token(expired));
  EXPECT_EQ(late.status, 410);
  EXPECT_THAT(late.body, HasSubstr("This invitation has expired"));
  EXPECT_EQ(post("/t/" + token(expired) + "/start", "").status, 303);
  EXPECT_EQ(platform_->invitations.find(acme_.id, expired.id)->status,
            assessments::InvitationStatus::expired);
  const auto gone = get("/t/" + token(cancelled));
  EXPECT_EQ(gone.status, 410);
  EXPECT_THAT(gone.body, HasSubstr("This invitation was cancelled"));
  for (const auto& forged : std::vector<std::string>{"made-up-token", std::string(300, 'x')}) {
    EXPECT_EQ(get("/t/" + forged).status, 404);
    EXPECT_THAT(get("/t/" + forged).body, HasSubstr("This link is not valid"));
    EXPECT_EQ(post("/t/" + forged + "/start", "").status, 404);
    EXPECT_EQ(post("/t/" + forged + "/submit", "").status, 404);
    EXPECT_EQ(post_json("/t/" + forged + "/answers", R"({"question_id":"q1","answer":1})").status, 404);
  }
}

TEST_F(CandidatePagesTest, TheServerSubmitsWhenTimeRunsOut) {
  const auto inv = invite(sample());
  const auto base = "/t/" + token(inv);
  post(base + "/start", "");
  post_json(base + "/answers", R"({"question_id":"q1","answer":1})");
  clock_.advance(std::chrono::minutes(21));
  EXPECT_EQ(post_json(base + "/answers", R"({"question_id":"q2","answer":"Paris"})").status, 409);
  EXPECT_EQ(post(base + "/submit", form({{"a1", "Paris"}})).headers.at("Location"), base + "/submitted");
  platform_->run_due_jobs();
  EXPECT_EQ(platform_->invitations.latest_result(acme_.id, inv.id)->grade.score, 50);  // Paris came too late
}

TEST_F(CandidatePagesTest, CrossSiteRequestsAreRefusedAndChangeNothing) {
  const auto inv = invite(sample());
  const auto base = "/t/" + token(inv);
  auto start = request("POST", base + "/start");
  start.headers["Origin"] = "https://evil.example";
  EXPECT_EQ(dispatch(std::move(start)).status, 403);
  EXPECT_EQ(platform_->invitations.find(acme_.id, inv.id)->status, assessments::InvitationStatus::invited);
  post(base + "/start", "");
  EXPECT_EQ(post_json(base + "/answers", R"({"question_id":"q1","answer":1})", "https://evil.example").status,
            403);
  EXPECT_EQ(post_json(base + "/signals", R"({"kind":"paste"})", "null").status, 403);
  EXPECT_TRUE(platform_->invitations.find(acme_.id, inv.id)->answers.empty());
}

}  // namespace
}  // namespace pinbridge::web::testing
