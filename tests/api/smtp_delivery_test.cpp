// The email.send job against a real SMTP server (aiosmtpd): the message read back has the headers,
// the candidate's name and link; an unreachable server leaves the email queued and the job
// retryable; a 550 marks it failed; without SMTP it is held in the outbox.
#include <gtest/gtest.h>

#include "accounts/account_store.hpp"
#include "mail/delivery.hpp"
#include "smtp_server.hpp"
#include "support/test_platform.hpp"

namespace pinbridge::mail {
namespace {

class SmtpDelivery : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { crypto::initialize(); }
  void SetUp() override {
    database_ = std::make_unique<testing::TestDatabase>("sqlite");
    accounts_ = std::make_unique<accounts::AccountStore>(*database_->database(), clock_,
                                                         crypto::PasswordCost::minimal_for_tests);
    account_ = accounts_->create_account("acme", "Acme")->id;
    platform_ = std::make_unique<testing::TestPlatform>(*database_->database(), clock_);
  }

  std::int64_t queue(const std::string& to, const std::string& name, const std::string& body) {
    return database_->database()->write([&](store::Connection& c) {
      return platform_->outbox.queue(
          c, {account_, "invitation", std::nullopt, to, name, "Ihre Einladung – Test", body});
    });
  }

  // Claims the queued email.send job and runs it with the given settings.
  std::pair<jobs::Job, jobs::JobResult> run_send(const SmtpSettings& settings) {
    EmailDelivery delivery(platform_->outbox, settings, clock_);
    for (const auto& job : platform_->jobs.claim("test", 100))
      if (job.kind == send_job_kind) return {job, delivery.run(job)};
    ADD_FAILURE() << "no email.send job";
    return {};
  }

  SmtpSettings smtp(const std::string& url) {
    SmtpSettings settings;
    settings.url = url;
    settings.from = "Pinbridge <no-reply@pinbridge.test>";
    settings.timeout = std::chrono::seconds(5);
    return settings;
  }

  FakeClock clock_;
  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<accounts::AccountStore> accounts_;
  std::unique_ptr<testing::TestPlatform> platform_;
  std::int64_t account_ = 0;
};

TEST_F(SmtpDelivery, AnInvitationArrivesWithHeadersNameAndLink) {
  testing::SmtpServer server;
  const auto assessment = *platform_->assessments.create(account_, testing::sample_assessment());
  assessments::InviteRequest request;
  request.account_id = account_;
  request.assessment_id = assessment.id;
  request.candidate_name = "Zoë Ådams";
  request.candidate_email = "zoe@example.com";
  const auto invited = platform_->invitations.invite(request);
  ASSERT_TRUE(invited.ok());
  const auto [job, result] = run_send(smtp(server.url()));
  EXPECT_EQ(result.kind, jobs::JobResult::Kind::completed) << result.error;

  const auto message = server.message(0);
  ASSERT_FALSE(message.is_null());
  EXPECT_EQ(message["mail_from"], "no-reply@pinbridge.test");
  EXPECT_EQ(message["rcpt_tos"], nlohmann::json::array({"zoe@example.com"}));
  const auto& headers = message["headers"];
  EXPECT_EQ(headers["To"], "Zoë Ådams <zoe@example.com>");
  EXPECT_EQ(headers["From"], "Pinbridge <no-reply@pinbridge.test>");
  const auto stored = platform_->outbox.for_invitation(account_, invited->invitation.id).at(0);
  EXPECT_EQ(headers["Subject"], stored.email.subject);
  EXPECT_EQ(headers["MIME-Version"], "1.0");
  EXPECT_NE(message["raw"].get<std::string>().find("\r\nContent-Type: text/plain; charset=utf-8\r\n"),
            std::string::npos);
  EXPECT_EQ(headers["Content-Transfer-Encoding"], "quoted-printable");
  EXPECT_TRUE(headers["Message-ID"].get<std::string>().ends_with("@pinbridge.test>"));
  EXPECT_EQ(headers["Date"], "Tue, 14 Nov 2023 22:13:20 +0000");
  const auto link = platform_->invitations.candidate_link(account_, invited->invitation.id).value();
  EXPECT_NE(message["body"].get<std::string>().find(link), std::string::npos) << message["body"];
  EXPECT_EQ(stored.status, EmailStatus::sent);
  EXPECT_TRUE(stored.sent_at.has_value());
}

TEST_F(SmtpDelivery, NonAsciiSubjectAndDotLinesSurviveTheTrip) {
  testing::SmtpServer server;
  const std::string body = "Hallo Jürgen,\n.\n..two dots\n.leading dot\n" + std::string(120, 'x') + "\nEnde";
  queue("jurgen@example.com", "Jürgen \"JJ\" Müller", body);
  const auto [job, result] = run_send(smtp(server.url()));
  ASSERT_EQ(result.kind, jobs::JobResult::Kind::completed) << result.error;
  const auto message = server.message(0);
  ASSERT_FALSE(message.is_null());
  EXPECT_EQ(message["headers"]["Subject"], "Ihre Einladung – Test");
  EXPECT_NE(message["raw"].get<std::string>().find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_EQ(message["headers"]["To"], "\"Jürgen \\\"JJ\\\" Müller\" <jurgen@example.com>");
  // The text must come back exactly, dots included (curl stuffs them, the server removes them);
  // only the line ends are CRLF on the wire.
  std::string received = message["body"];
  for (auto at = received.find("\r\n"); at != std::string::npos; at = received.find("\r\n", at))
    received.erase(at, 1);
  EXPECT_EQ(received, body + "\n");
}

TEST_F(SmtpDelivery, AnUnreachableServerLeavesTheEmailQueuedAndTheJobRetryable) {
  const auto id = queue("ada@example.com", "Ada", "Hello");
  const auto [job, result] = run_send(smtp("smtp://127.0.0.1:" + std::to_string(testing::closed_port())));
  EXPECT_EQ(result.kind, jobs::JobResult::Kind::retry);
  const auto email = platform_->outbox.find(account_, id).value();
  EXPECT_EQ(email.status, EmailStatus::queued);
  EXPECT_EQ(email.attempts, 1);
  ASSERT_TRUE(email.last_error.has_value());
  EXPECT_NE(email.last_error->find("SMTP"), std::string::npos) << *email.last_error;
  platform_->jobs.finish({{job, result}});
  EXPECT_EQ(platform_->jobs.find(job.id)->state, jobs::JobState::retryable);
}

TEST_F(SmtpDelivery, APermanentRefusalMarksTheEmailFailedAndDiscardsTheJob) {
  testing::SmtpServer server;
  const auto id = queue("reject-me@example.com", "Nobody", "Hello");
  const auto [job, result] = run_send(smtp(server.url()));
  EXPECT_EQ(result.kind, jobs::JobResult::Kind::discard);
  const auto email = platform_->outbox.find(account_, id).value();
  EXPECT_EQ(email.status, EmailStatus::failed);
  EXPECT_NE(email.last_error.value_or("").find("550"), std::string::npos) << email.last_error.value_or("");
}

TEST_F(SmtpDelivery, WithoutSmtpTheEmailIsHeldInTheOutbox) {
  const auto id = queue("ada@example.com", "Ada", "Hello");
  const auto [job, result] = run_send(SmtpSettings{});
  EXPECT_EQ(result.kind, jobs::JobResult::Kind::completed);
  EXPECT_EQ(platform_->outbox.find(account_, id)->status, EmailStatus::held);
}

TEST_F(SmtpDelivery, QuotedPrintableKeepsLinesShortAndEscapesEquals) {
  const auto encoded = quoted_printable("a=b " + std::string(100, 'y') + " \nnext");
  EXPECT_NE(encoded.find("a=3Db"), std::string::npos);
  for (std::size_t start = 0, end; start < encoded.size(); start = end + 2) {
    end = encoded.find("\r\n", start);
    if (end == std::string::npos) end = encoded.size();
    EXPECT_LE(end - start, 76u);
  }
  EXPECT_NE(encoded.find("=20\r\nnext"), std::string::npos);  // trailing space made visible
  EXPECT_EQ(encode_display_name("Ada"), "\"Ada\"");
  EXPECT_EQ(encode_header_text("Line\r\nBcc: x@evil"), "Line  Bcc: x@evil");
}

}  // namespace
}  // namespace pinbridge::mail
