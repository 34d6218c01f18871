#include "platform_fixture.hpp"

namespace pinbridge::web::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using ReportPagesTest = PlatformPagesTest;

TEST_F(ReportPagesTest, TheRecruiterReadsTheReportAndOverridesAQuestion) {
  const auto inv = completed("Lutetia");
  const auto path = "/invitations/" + std::to_string(inv.id) + "/report";
  const auto report = get_as_alice(path);
  ASSERT_EQ(report.status, 200);
  EXPECT_THAT(report.body, HasSubstr("50%"));
  EXPECT_THAT(report.body, HasSubstr("Passed"));  // pass mark 50
  EXPECT_THAT(report.body, HasSubstr("<dd>Lutetia</dd>"));
  EXPECT_THAT(report.body, HasSubstr("<dd>Paris</dd>"));  // the accepted answer
  EXPECT_THAT(report.body, HasSubstr("<dd>4</dd>"));      // the option picked, in words
  EXPECT_THAT(report.body, HasSubstr("2 min 0 s"));
  EXPECT_THAT(report.body, HasSubstr(platform_->links.report(inv.id)));
  const auto overridden = post_as_alice(path + "/override", {{"question_id", "q2"}, {"verdict", "correct"}});
  EXPECT_EQ(overridden.headers.at("Location"), path + "?notice=overridden");
  EXPECT_EQ(platform_->invitations.latest_result(acme_.id, inv.id)->grade.score, 100);
  const auto after = get_as_alice(path + "?notice=overridden").body;
  EXPECT_THAT(after, HasSubstr("marked by a recruiter"));
  EXPECT_THAT(after, HasSubstr("<td>override</td>"));
  EXPECT_EQ(post_as_alice(path + "/override", {{"question_id", "q7"}, {"verdict", "correct"}}).status, 400);
  EXPECT_EQ(post_as_alice(path + "/override", {{"question_id", "q2"}, {"verdict", "maybe"}}).status, 400);
  const auto bob = bob_in();
  EXPECT_EQ(post_as(bob, path + "/override", {{"question_id", "q2"}, {"verdict", "incorrect"}}).status, 404);
  EXPECT_EQ(platform_->invitations.latest_result(acme_.id, inv.id)->grade.score, 100);
}

TEST_F(ReportPagesTest, NoReportBeforeTheCandidateSubmits) {
  const auto inv = invite(sample());
  const auto page = get_as_alice("/invitations/" + std::to_string(inv.id) + "/report");
  EXPECT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("No result yet"));
  EXPECT_EQ(get("/r/" + platform_->links.report_token(inv.id)).status, 404);
}

TEST_F(ReportPagesTest, TheShareableReportWorksUntilSharingIsTurnedOff) {
  const auto inv = completed();
  const auto shared_path = "/r/" + platform_->links.report_token(inv.id);
  const auto shared = get(shared_path);
  ASSERT_EQ(shared.status, 200);
  EXPECT_THAT(shared.body, HasSubstr("Report: Ada Lovelace"));
  EXPECT_THAT(shared.body, HasSubstr("100%"));
  EXPECT_THAT(shared.body, Not(HasSubstr("ada@example.com")));  // nothing beyond the report
  EXPECT_THAT(shared.body, Not(HasSubstr("Mark incorrect")));
  EXPECT_THAT(shared.body, Not(HasSubstr("Acme")));
  EXPECT_THAT(shared.body, Not(HasSubstr("<form")));

  EXPECT_THAT(get_as_alice("/settings").body, HasSubstr("Turn off report links"));
  EXPECT_EQ(post_as_alice("/settings/reports", {{"share", "off"}}).headers.at("Location"),
            "/settings?notice=sharing_off");
  const auto refused = get(shared_path);
  EXPECT_EQ(refused.status, 403);
  EXPECT_THAT(refused.body, HasSubstr("Report sharing is off"));
  EXPECT_THAT(get_as_alice("/invitations/" + std::to_string(inv.id) + "/report").body,
              HasSubstr("Report sharing is turned off"));
  post_as_alice("/settings/reports", {{"share", "on"}});
  EXPECT_EQ(get(shared_path).status, 200);
}

TEST_F(ReportPagesTest, ForgedReportTokensFindNothing) {
  const auto inv = completed();
  auto tampered = platform_->links.report_token(inv.id);
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  for (const auto& token : std::vector<std::string>{tampered, std::string("1.abc"), std::string("nonsense"),
                                                    std::to_string(inv.id)}) {
    const auto response = get("/r/" + token);
    EXPECT_EQ(response.status, 404) << token;
    EXPECT_THAT(response.body, HasSubstr("This report link is not valid"));
  }
}

}  // namespace
}  // namespace pinbridge::web::testing
