// Report links: unguessable, verifiable without storage, and bound to their invitation.
#include <gtest/gtest.h>

#include "assessments/platform.hpp"

namespace pinbridge::assessments {
namespace {

TEST(ReportLinks, VerifyTheirOwnTokensOnly) {
  const Links links([] { return std::string("https://pb.example"); }, "key-one");
  const auto token = links.report_token(42);
  EXPECT_EQ(links.verify_report_token(token), 42);
  EXPECT_EQ(links.report(42), "https://pb.example/r/" + token);
  EXPECT_EQ(links.candidate("abc"), "https://pb.example/t/abc");

  const Links other([] { return std::string("https://pb.example"); }, "key-two");
  EXPECT_FALSE(other.verify_report_token(token));
  auto tampered = token;
  tampered.replace(0, 2, "43");
  EXPECT_FALSE(links.verify_report_token(tampered));
  EXPECT_FALSE(links.verify_report_token("42"));
  EXPECT_FALSE(links.verify_report_token(".abc"));
  EXPECT_FALSE(links.verify_report_token("-1.abc"));
  EXPECT_FALSE(links.verify_report_token("99999999999999999999999.abc"));
}

}  // namespace
}  // namespace pinbridge::assessments
