#include "platform_fixture.hpp"
#include "web/invitation_bulk.hpp"

namespace pinbridge::web::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using InvitationPagesTest = PlatformPagesTest;

TEST_F(InvitationPagesTest, InvitesOneCandidateAndShowsTheDetailPage) {
  const auto a = sample();
  const auto response = post_as_alice(
      "/invitations",
      {{"assessment_id", std::to_string(a.id)}, {"name", "Ada Lovelace"}, {"email", "ada@example.com"}});
  ASSERT_EQ(response.status, 303) << response.body;
  const auto list = platform_->invitations.list(acme_.id, {}, 10, 0);
  ASSERT_EQ(list.size(), 1u);
  const auto detail_path = "/invitations/" + std::to_string(list[0].id);
  EXPECT_EQ(response.headers.at("Location"), detail_path + "?notice=invited");
  const auto detail = get_as_alice(detail_path + "?notice=invited").body;
  EXPECT_THAT(detail, HasSubstr("Invitation sent."));
  EXPECT_THAT(detail, HasSubstr("ada@example.com"));
  EXPECT_THAT(detail, HasSubstr(*platform_->invitations.candidate_link(acme_.id, list[0].id)));
  EXPECT_THAT(detail, HasSubstr("data-copy=\"#candidate-link\""));
  EXPECT_THAT(detail, HasSubstr("Invited</strong>"));
  EXPECT_THAT(detail, HasSubstr("/invitations/outbox/"));  // the email sent for it
  EXPECT_THAT(detail, HasSubstr("Cancel invitation"));

  const auto again =
      post_as_alice("/invitations",
                    {{"assessment_id", std::to_string(a.id)}, {"name", "Ada"}, {"email", "ADA@example.com"}});
  EXPECT_EQ(again.headers.at("Location"), detail_path + "?notice=existing");
  const auto page = get_as_alice("/invitations").body;
  EXPECT_THAT(page, HasSubstr("Ada Lovelace"));
  EXPECT_THAT(page, HasSubstr("Backend screen"));
  EXPECT_THAT(page, HasSubstr("badge-invited"));
}

TEST_F(InvitationPagesTest, ABadEmailIsShownNextToTheFieldWithTheInputKept) {
  const auto a = sample();
  const auto response = post_as_alice(
      "/invitations",
      {{"assessment_id", std::to_string(a.id)}, {"name", "Ada <b>"}, {"email", "not-an-email"}});
  EXPECT_EQ(response.status, 400);
  EXPECT_THAT(response.body, HasSubstr("Candidate email is invalid"));
  EXPECT_THAT(response.body, HasSubstr("aria-describedby=\"invite-email-error\""));
  EXPECT_EQ(input_value(response.body, "email"), "not-an-email");
  EXPECT_THAT(response.body, HasSubstr("value=\"Ada &lt;b&gt;\""));
  EXPECT_EQ(platform_->invitations.count(acme_.id, {}), 0);
}

TEST_F(InvitationPagesTest, InvitesAPastedListWithAReportPerLine) {
  const auto a = sample();
  invite(a, "grace@example.com");
  const std::string lines =
      "name,email\r\nAda Lovelace, ada@example.com\r\nGrace Hopper <grace@example.com>\r\n\r\n"
      "\"Turing, Alan\",alan@example.com\r\nno email here\r\nBad, not-an-email\r\n";
  const auto response =
      post_as_alice("/invitations/bulk", {{"assessment_id", std::to_string(a.id)}, {"lines", lines}});
  EXPECT_EQ(response.status, 200);
  EXPECT_THAT(response.body, HasSubstr("2 invited, 1 already invited, 2 failed."));
  EXPECT_THAT(response.body, HasSubstr("Already invited"));
  EXPECT_THAT(response.body, HasSubstr("Candidate email is invalid"));
  EXPECT_THAT(response.body, HasSubstr("Write &quot;Name, email&quot;"));
  EXPECT_EQ(platform_->invitations.count(acme_.id, {}), 3);
  const auto alan = platform_->invitations.list(acme_.id, {}, 1, 0).at(0);
  EXPECT_EQ(alan.candidate_name, "Turing, Alan");

  const auto empty =
      post_as_alice("/invitations/bulk", {{"assessment_id", std::to_string(a.id)}, {"lines", " \n "}});
  EXPECT_EQ(empty.status, 400);
  EXPECT_THAT(empty.body, HasSubstr("Paste at least one candidate"));
}

TEST(BulkParse, ReadsTheSupportedShapesAndLimitsTheRows) {
  const auto list = parse_bulk("Ada, ada@x.test\n\"Lovelace, Ada\" <ada2@x.test>\nada3@x.test\n");
  ASSERT_EQ(list.rows.size(), 3u);
  EXPECT_EQ(list.rows[0].name, "Ada");
  EXPECT_EQ(list.rows[1].name, "Lovelace, Ada");
  EXPECT_EQ(list.rows[1].email, "ada2@x.test");
  EXPECT_EQ(list.rows[2].line, 3u);
  EXPECT_FALSE(list.rows[2].error.empty());
  std::string many;
  for (int i = 0; i < 250; ++i) many += "A, a" + std::to_string(i) + "@x.test\n";
  const auto capped = parse_bulk(many);
  EXPECT_EQ(capped.rows.size(), max_bulk_rows);
  EXPECT_TRUE(capped.truncated);
}

TEST_F(InvitationPagesTest, ListsNewestFirstWithAStatusFilterAndPages) {
  const auto a = sample();
  for (int i = 0; i < 27; ++i) invite(a, "c" + std::to_string(i) + "@example.com");
  ASSERT_TRUE(
      platform_->invitations.cancel(acme_.id, platform_->invitations.list(acme_.id, {}, 1, 0)[0].id).ok());
  const auto first = get_as_alice("/invitations").body;
  EXPECT_THAT(first, HasSubstr("Page 1 of 2 (27 invitations)"));
  EXPECT_LT(first.find("c26@example.com"), first.find("c25@example.com"));
  EXPECT_THAT(first, Not(HasSubstr("c0@example.com")));
  EXPECT_THAT(get_as_alice("/invitations?page=2").body, HasSubstr("c0@example.com"));
  const auto cancelled = get_as_alice("/invitations?status=cancelled").body;
  EXPECT_THAT(cancelled, HasSubstr("c26@example.com"));
  EXPECT_THAT(cancelled, Not(HasSubstr("c25@example.com")));
  EXPECT_THAT(cancelled, HasSubstr("<option value=\"cancelled\" selected=\"selected\">"));
}

TEST_F(InvitationPagesTest, CancelsAndShowsTheOutbox) {
  const auto inv = invite(sample());
  const auto path = "/invitations/" + std::to_string(inv.id);
  EXPECT_EQ(post_as_alice(path + "/cancel", {}).headers.at("Location"), path + "?notice=cancelled");
  EXPECT_EQ(platform_->invitations.find(acme_.id, inv.id)->status, assessments::InvitationStatus::cancelled);
  EXPECT_THAT(get_as_alice(path).body, Not(HasSubstr("Cancel invitation")));
  EXPECT_EQ(post_as_alice(path + "/cancel", {}).headers.at("Location"), path + "?notice=not_cancellable");

  const auto outbox = get_as_alice("/invitations/outbox").body;
  EXPECT_THAT(outbox, HasSubstr("ada@example.com"));
  const auto email = platform_->outbox.for_invitation(acme_.id, inv.id).at(0);
  const auto body = get_as_alice("/invitations/outbox/" + std::to_string(email.id)).body;
  const auto link = *platform_->invitations.candidate_link(acme_.id, inv.id);
  EXPECT_THAT(body, HasSubstr("<a href=\"" + link + "\""));
  EXPECT_THAT(body, HasSubstr("Open invitation"));
}

TEST_F(InvitationPagesTest, AnotherAccountCannotSeeOrChangeThem) {
  const auto a = sample();
  const auto inv = invite(a);
  const auto bob = bob_in();
  const auto path = "/invitations/" + std::to_string(inv.id);
  EXPECT_EQ(get(path, bob.cookie).status, 404);
  EXPECT_EQ(post_as(bob, path + "/cancel", {}).status, 404);
  EXPECT_EQ(get(path + "/report", bob.cookie).status, 404);
  EXPECT_THAT(get("/invitations", bob.cookie).body, Not(HasSubstr("ada@example.com")));
  EXPECT_THAT(get("/invitations/outbox", bob.cookie).body, Not(HasSubstr("ada@example.com")));
  const auto email = platform_->outbox.for_invitation(acme_.id, inv.id).at(0);
  EXPECT_EQ(get("/invitations/outbox/" + std::to_string(email.id), bob.cookie).status, 404);
  const auto invite_into_acme =
      post_as(bob, "/invitations",
              {{"assessment_id", std::to_string(a.id)}, {"name", "Eve"}, {"email", "eve@example.com"}});
  EXPECT_EQ(invite_into_acme.status, 404);
  EXPECT_EQ(
      post_as(bob, "/invitations/bulk", {{"assessment_id", std::to_string(a.id)}, {"lines", "Eve, e@x.test"}})
          .status,
      404);
  EXPECT_EQ(platform_->invitations.count(acme_.id, {}), 1);
  EXPECT_EQ(platform_->invitations.find(acme_.id, inv.id)->status, assessments::InvitationStatus::invited);
}

}  // namespace
}  // namespace pinbridge::web::testing
