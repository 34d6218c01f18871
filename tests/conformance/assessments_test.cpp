// The assessment platform's lifecycle on every backend: invitations, the candidate's test,
// grading, expiry, reminders, re-grading and tenant isolation. Jobs are run by hand from the real
// queue with a fake clock, so expiry after 7 days takes no time and no sleep.
#include <gtest/gtest.h>

#include "accounts/account_store.hpp"
#include "support/backend_fixture.hpp"
#include "support/test_platform.hpp"

namespace pinbridge::assessments {
namespace {

using namespace std::chrono_literals;

class AssessmentsConformance : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    accounts_ =
        std::make_unique<accounts::AccountStore>(database(), clock_, crypto::PasswordCost::minimal_for_tests);
    acme_ = accounts_->create_account("acme", "Acme")->id;
    globex_ = accounts_->create_account("globex", "Globex")->id;
    platform_ = std::make_unique<testing::TestPlatform>(database(), clock_);
    assessments_ = &platform_->assessments;
    invitations_ = &platform_->invitations;
    candidates_ = &platform_->candidates;
    events_ = &platform_->events;
    outbox_ = &platform_->outbox;
    assessment_ = *assessments_->create(acme_, testing::sample_assessment());
  }

  // Acme's request to invite Ada to its assessment.
  InviteRequest request_for(const std::string& email = "ada@example.com", const std::string& ref = "") {
    InviteRequest request;
    request.account_id = acme_;
    request.assessment_id = assessment_.id;
    request.candidate_name = "Ada Lovelace";
    request.candidate_email = email;
    request.external_ref = ref;
    return request;
  }

  Invited invite(const std::string& email = "ada@example.com", const std::string& ref = "") {
    auto invited = invitations_->invite(request_for(email, ref));
    EXPECT_TRUE(invited.ok()) << (invited.ok() ? "" : invited.error().message);
    return *invited;
  }

  std::string token_of(const Invitation& invitation) { return platform_->token_of(acme_, invitation.id); }
  int run_due_jobs() { return platform_->run_due_jobs(); }

  std::vector<std::string> event_kinds() {
    std::vector<std::string> kinds;
    for (const auto& event : events_->recent(acme_, 100)) kinds.insert(kinds.begin(), event.kind);
    return kinds;
  }

  Invitation completed_with(const std::string& capital_answer) {
    const auto invited = invite();
    const auto token = token_of(invited.invitation);
    EXPECT_TRUE(candidates_->start(token).ok());
    EXPECT_TRUE(candidates_->save_answer(token, "q1", 1).ok());
    EXPECT_TRUE(candidates_->save_answer(token, "q2", capital_answer).ok());
    clock_.advance(3min);
    EXPECT_TRUE(candidates_->submit(token).ok());
    run_due_jobs();
    return *invitations_->find(acme_, invited.invitation.id);
  }

  FakeClock clock_;
  std::unique_ptr<accounts::AccountStore> accounts_;
  std::unique_ptr<testing::TestPlatform> platform_;
  AssessmentStore* assessments_ = nullptr;
  Invitations* invitations_ = nullptr;
  CandidateSessions* candidates_ = nullptr;
  events::EventLog* events_ = nullptr;
  mail::Outbox* outbox_ = nullptr;
  std::int64_t acme_ = 0, globex_ = 0;
  Assessment assessment_;
};

TEST_P(AssessmentsConformance, InvitingTwiceGivesTheSameInvitationAndOneEmail) {
  const auto first = invite("Ada@Example.com ", "pinpoint:application:7");
  const auto again = invite("ada@example.com", "pinpoint:application:7");
  EXPECT_TRUE(first.created);
  EXPECT_FALSE(again.created);
  EXPECT_EQ(first.invitation.id, again.invitation.id);
  EXPECT_EQ(first.invitation.candidate_email, "ada@example.com");
  EXPECT_NE(invite("ada@example.com", "pinpoint:application:8").invitation.id, first.invitation.id);

  const auto emails = outbox_->for_invitation(acme_, first.invitation.id);
  ASSERT_EQ(emails.size(), 1u);
  EXPECT_NE(emails[0].email.text_body.find(*invitations_->candidate_link(acme_, first.invitation.id)),
            std::string::npos);
  EXPECT_EQ(emails[0].email.to_address, "ada@example.com");
  EXPECT_EQ(event_kinds(), (std::vector<std::string>{"invitation.created", "invitation.created"}));
}

TEST_P(AssessmentsConformance, BadInvitationsAreRefusedAndChangeNothing) {
  auto request = request_for("not-an-email");
  EXPECT_EQ(invitations_->invite(request).error().message, "Candidate email is invalid");
  request.candidate_email = "ada@example.com";
  request.candidate_name = "  ";
  EXPECT_EQ(invitations_->invite(request).error().message, "Candidate name can't be blank");
  request.candidate_name = "Ada Lovelace";
  request.account_id = globex_;  // another account's assessment
  EXPECT_EQ(invitations_->invite(request).error().code, ErrorCode::not_found);
  request.account_id = acme_;
  ASSERT_TRUE(assessments_->set_archived(acme_, assessment_.id, true).ok());
  EXPECT_EQ(invitations_->invite(request).error().message, "The assessment \"Backend screen\" is archived");
  EXPECT_EQ(invitations_->count(acme_, {}), 0);
  EXPECT_TRUE(outbox_->list(acme_, 10, 0).empty());
}

TEST_P(AssessmentsConformance, TheCheckRefusesWhatInvitingWouldAndWritesNothing) {
  auto request = request_for("not-an-email");
  EXPECT_EQ(invitations_->check(request).error().message, "Candidate email is invalid");
  request.candidate_email = "ada@example.com";
  request.account_id = globex_;  // another account's assessment
  EXPECT_EQ(invitations_->check(request).error().code, ErrorCode::not_found);
  request.account_id = acme_;
  EXPECT_TRUE(invitations_->check(request).ok());
  EXPECT_EQ(invitations_->count(acme_, {}), 0);

  ASSERT_TRUE(assessments_->set_archived(acme_, assessment_.id, true).ok());
  EXPECT_EQ(invitations_->check(request).error().message, "The assessment \"Backend screen\" is archived");
  ASSERT_TRUE(assessments_->set_archived(acme_, assessment_.id, false).ok());
  invite("ada@example.com");
  ASSERT_TRUE(assessments_->set_archived(acme_, assessment_.id, true).ok());
  EXPECT_TRUE(invitations_->check(request).ok()) << "inviting again returns the invitation already made";
}

TEST_P(AssessmentsConformance, AnInvitationMadeInTheCallersTransactionCommitsOrRollsBackWithIt) {
  const auto request = request_for();
  EXPECT_THROW(database().write([&](store::Connection& c) {
    EXPECT_TRUE(invitations_->invite(c, request).ok());
    throw std::runtime_error("the caller's other writes failed");
  }),
               std::runtime_error);
  EXPECT_EQ(invitations_->count(acme_, {}), 0);
  EXPECT_TRUE(outbox_->list(acme_, 10, 0).empty());
  EXPECT_TRUE(event_kinds().empty());

  const auto invited =
      database().write([&](store::Connection& c) { return invitations_->invite(c, request); });
  ASSERT_TRUE(invited.ok());
  EXPECT_TRUE(invited->created);
  EXPECT_EQ(outbox_->for_invitation(acme_, invited->invitation.id).size(), 1u);
  EXPECT_EQ(event_kinds(), std::vector<std::string>{"invitation.created"});
}

TEST_P(AssessmentsConformance, CandidateTakesTheTestAndIsGraded) {
  const auto invited = invite();
  const auto token = token_of(invited.invitation);
  EXPECT_EQ(candidates_->open(token)->invitation.status, InvitationStatus::invited);
  const auto started = candidates_->start(token);
  ASSERT_TRUE(started.ok());
  EXPECT_EQ(started->invitation.deadline_at, clock_.now() + 20min);
  ASSERT_TRUE(candidates_->save_answer(token, "q1", 0).ok());
  ASSERT_TRUE(candidates_->save_answer(token, "q1", 1).ok());  // changed their mind
  ASSERT_TRUE(candidates_->save_answer(token, "q2", " paris ").ok());
  EXPECT_EQ(candidates_->save_answer(token, "q9", 1).error().code, ErrorCode::invalid_input);
  ASSERT_TRUE(candidates_->record_signal(token, Signal::left_page).ok());
  ASSERT_TRUE(candidates_->record_signal(token, Signal::paste).ok());
  clock_.advance(5min);
  EXPECT_EQ(candidates_->submit(token)->invitation.status, InvitationStatus::submitted);
  EXPECT_EQ(candidates_->submit(token)->invitation.status, InvitationStatus::submitted);  // a double click
  EXPECT_EQ(candidates_->save_answer(token, "q1", 0).error().code, ErrorCode::conflict);

  run_due_jobs();
  const auto done = invitations_->find(acme_, invited.invitation.id);
  EXPECT_EQ(done->status, InvitationStatus::completed);
  EXPECT_EQ(done->signals.left_page, 1);
  EXPECT_EQ(done->signals.pastes, 1);
  const auto result = invitations_->latest_result(acme_, done->id);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->grade.score, 100);
  EXPECT_TRUE(result->grade.passed);
  EXPECT_EQ(result->time_taken_ms, 5 * 60 * 1000);
  EXPECT_EQ(result->version, 1);
  EXPECT_EQ(event_kinds(),
            (std::vector<std::string>{"invitation.created", "invitation.started", "assessment.completed"}));
  const auto completed_event = events_->recent(acme_, 1).front();
  EXPECT_EQ(completed_event.data["score"], 100);
  EXPECT_EQ(completed_event.data["report_url"], platform_->links.report(done->id));
  EXPECT_EQ(candidates_->start(token).error().message, "This assessment has already been submitted.");
}

TEST_P(AssessmentsConformance, TheServerEnforcesTheDeadline) {
  const auto invited = invite();
  const auto token = token_of(invited.invitation);
  ASSERT_TRUE(candidates_->start(token).ok());
  ASSERT_TRUE(candidates_->save_answer(token, "q1", 1).ok());
  clock_.advance(20min + 4s);  // inside the grace
  ASSERT_TRUE(candidates_->save_answer(token, "q2", "Paris").ok());
  clock_.advance(2s);
  EXPECT_EQ(candidates_->save_answer(token, "q2", "Lyon").error().code, ErrorCode::conflict);
  EXPECT_EQ(candidates_->open(token)->invitation.status, InvitationStatus::submitted);
  run_due_jobs();
  EXPECT_EQ(invitations_->latest_result(acme_, invited.invitation.id)->grade.score, 100);
  EXPECT_EQ(invitations_->latest_result(acme_, invited.invitation.id)->time_taken_ms, 20 * 60 * 1000);
}

TEST_P(AssessmentsConformance, TheDeadlineJobSubmitsWhenTheCandidateWalksAway) {
  const auto invited = invite();
  const auto token = token_of(invited.invitation);
  ASSERT_TRUE(candidates_->start(token).ok());
  ASSERT_TRUE(candidates_->save_answer(token, "q2", "Paris").ok());
  clock_.advance(10min);
  run_due_jobs();
  EXPECT_EQ(invitations_->find(acme_, invited.invitation.id)->status, InvitationStatus::started);
  clock_.advance(11min);
  run_due_jobs();
  EXPECT_EQ(invitations_->find(acme_, invited.invitation.id)->status, InvitationStatus::completed);
  EXPECT_EQ(invitations_->latest_result(acme_, invited.invitation.id)->grade.score, 50);
}

TEST_P(AssessmentsConformance, UnstartedInvitationsAreRemindedOnceThenExpire) {
  const auto invited = invite();
  clock_.advance(47h);
  run_due_jobs();
  EXPECT_EQ(outbox_->for_invitation(acme_, invited.invitation.id).size(), 1u);
  clock_.advance(2h);
  run_due_jobs();
  const auto emails = outbox_->for_invitation(acme_, invited.invitation.id);
  ASSERT_EQ(emails.size(), 2u);
  EXPECT_EQ(emails[1].email.kind, "reminder");
  EXPECT_NE(emails[1].email.text_body.find(token_of(invited.invitation)), std::string::npos);
  clock_.advance(24h * 5);
  run_due_jobs();
  EXPECT_EQ(invitations_->find(acme_, invited.invitation.id)->status, InvitationStatus::expired);
  EXPECT_EQ(outbox_->for_invitation(acme_, invited.invitation.id).size(), 2u);
  EXPECT_EQ(candidates_->start(token_of(invited.invitation)).error().message, "This invitation has expired.");
  EXPECT_EQ(event_kinds().back(), "invitation.expired");
}

TEST_P(AssessmentsConformance, AnExpiredLinkOpenedBeforeTheJobRunsIsExpiredAtOnce) {
  const auto invited = invite();
  clock_.advance(24h * 7 + 1s);
  EXPECT_EQ(candidates_->open(token_of(invited.invitation))->invitation.status, InvitationStatus::expired);
  run_due_jobs();
  EXPECT_EQ(event_kinds(), (std::vector<std::string>{"invitation.created", "invitation.expired"}));
}

TEST_P(AssessmentsConformance, CancellingStopsTheLink) {
  const auto invited = invite();
  ASSERT_TRUE(invitations_->cancel(acme_, invited.invitation.id).ok());
  EXPECT_EQ(invitations_->cancel(acme_, invited.invitation.id).error().code, ErrorCode::conflict);
  EXPECT_EQ(candidates_->start(token_of(invited.invitation)).error().message,
            "This invitation was cancelled.");
  EXPECT_EQ(event_kinds().back(), "invitation.cancelled");
}

TEST_P(AssessmentsConformance, ForgedLinksFindNothing) {
  invite();
  EXPECT_EQ(candidates_->open("made-up-token").error().code, ErrorCode::not_found);
  EXPECT_EQ(candidates_->open("").error().code, ErrorCode::not_found);
  EXPECT_EQ(candidates_->submit(std::string(500, 'a')).error().code, ErrorCode::not_found);
}

TEST_P(AssessmentsConformance, ChangingAcceptedAnswersRegradesCompletedInvitations) {
  const auto done = completed_with("Lutetia");
  EXPECT_EQ(invitations_->latest_result(acme_, done.id)->grade.score, 50);
  auto renamed = assessment_.content;
  renamed.name = "Backend screen v2";
  EXPECT_EQ(assessments_->update(acme_, assessment_.id, renamed)->version, 1);  // grading unchanged
  auto widened = renamed;
  widened.questions[1].accepted_answers.push_back("Lutetia");
  EXPECT_EQ(assessments_->update(acme_, assessment_.id, widened)->version, 2);
  run_due_jobs();
  const auto latest = invitations_->latest_result(acme_, done.id);
  EXPECT_EQ(latest->version, 2);
  EXPECT_EQ(latest->grade.score, 100);
  EXPECT_EQ(latest->reason, "regraded");
  EXPECT_EQ(latest->assessment_version, 2);
  EXPECT_EQ(event_kinds().back(), "result.updated");
  EXPECT_EQ(invitations_->results(acme_, done.id).size(), 2u);
}

TEST_P(AssessmentsConformance, ARecruitersOverrideAddsAVersionOnlyWhenItChangesTheGrade) {
  const auto done = completed_with("Lutetia");
  const auto overridden = invitations_->override_question(acme_, done.id, "q2", true);
  ASSERT_TRUE(overridden.ok());
  EXPECT_EQ(overridden->version, 2);
  EXPECT_EQ(overridden->grade.score, 100);
  EXPECT_EQ(invitations_->override_question(acme_, done.id, "q2", true)->version, 2);
  EXPECT_EQ(invitations_->override_question(acme_, done.id, "q7", true).error().code,
            ErrorCode::invalid_input);
}

TEST_P(AssessmentsConformance, AReportOfAnInvitationCarriesItsAssessmentsLabelAndItsLatestResult) {
  const auto invited = invite();
  const auto pending = invitations_->report_of(acme_, invited.invitation.id);
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->invitation.status, InvitationStatus::invited);
  EXPECT_EQ(pending->assessment->name, "Backend screen");
  EXPECT_EQ(pending->assessment->pass_mark, assessment_.content.pass_mark);
  EXPECT_FALSE(pending->latest_result);

  const auto done = completed_with("Lutetia");  // the same identity: the same invitation
  ASSERT_TRUE(invitations_->override_question(acme_, done.id, "q2", true).ok());
  const auto report = invitations_->report_of(acme_, done.id);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->invitation.status, InvitationStatus::completed);
  EXPECT_EQ(report->latest_result->version, 2);
  EXPECT_EQ(report->latest_result->grade.score, 100);
}

TEST_P(AssessmentsConformance, AnotherAccountSeesNothing) {
  const auto done = completed_with("Paris");
  const auto result = invitations_->latest_result(acme_, done.id);
  EXPECT_FALSE(invitations_->find(globex_, done.id));
  EXPECT_FALSE(invitations_->report_of(globex_, done.id));
  EXPECT_FALSE(invitations_->latest_result(globex_, done.id));
  EXPECT_FALSE(invitations_->result(globex_, result->id));
  EXPECT_FALSE(invitations_->candidate_link(globex_, done.id));
  EXPECT_EQ(invitations_->cancel(globex_, done.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(invitations_->override_question(globex_, done.id, "q1", true).error().code, ErrorCode::not_found);
  EXPECT_FALSE(assessments_->find(globex_, assessment_.id));
  EXPECT_EQ(assessments_->update(globex_, assessment_.id, testing::sample_assessment()).error().code,
            ErrorCode::not_found);
  EXPECT_TRUE(assessments_->list(globex_, true).empty());
  EXPECT_EQ(invitations_->count(globex_, {}), 0);
}

TEST_P(AssessmentsConformance, InvitationsListNewestFirstWithFilters) {
  const auto a = invite("a@example.com").invitation;
  const auto b = invite("b@example.com").invitation;
  ASSERT_TRUE(invitations_->cancel(acme_, a.id).ok());
  const auto all = invitations_->list(acme_, {}, 10, 0);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, b.id);
  InvitationFilter cancelled;
  cancelled.status = InvitationStatus::cancelled;
  EXPECT_EQ(invitations_->list(acme_, cancelled, 10, 0).at(0).id, a.id);
  EXPECT_EQ(invitations_->count(acme_, cancelled), 1);
  EXPECT_EQ(invitations_->list(acme_, {}, 1, 1).at(0).id, a.id);
}

PINBRIDGE_ON_EVERY_BACKEND(AssessmentsConformance);

}  // namespace
}  // namespace pinbridge::assessments
