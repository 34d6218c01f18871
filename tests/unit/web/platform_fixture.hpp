#pragma once
// The dashboard fixture with helpers for the assessment platform's pages: posting signed-in forms,
// a sample assessment in acme, invitations, and the candidate's requests.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dashboard_fixture.hpp"
#include "web/security.hpp"

namespace pinbridge::web::testing {

using Form = std::vector<std::pair<std::string, std::string>>;

class PlatformPagesTest : public DashboardTest {
 protected:
  void SetUp() override {
    DashboardTest::SetUp();
    alice_in_ = alice();
  }
  http::Response post_as(const SignedIn& who, const std::string& target, Form fields) {
    std::string body = "_csrf=" + who.csrf;
    for (const auto& [name, value] : fields) body += "&" + name + "=" + url_encode(value);
    return post(target, body, who.cookie);
  }
  http::Response post_as_alice(const std::string& target, Form fields) {
    return post_as(alice_in_, target, fields);
  }
  http::Response get_as_alice(const std::string& target) { return get(target, alice_in_.cookie); }
  SignedIn bob_in() { return sign_in("bob@globex.test", bob_password); }

  assessments::Assessment sample() {
    return platform_->assessments.create(acme_.id, pinbridge::testing::sample_assessment()).value();
  }
  assessments::Invitation invite(const assessments::Assessment& a,
                                 const std::string& email = "ada@example.com") {
    assessments::InviteRequest request;
    request.account_id = a.account_id;
    request.assessment_id = a.id;
    request.candidate_name = "Ada Lovelace";
    request.candidate_email = email;
    return platform_->invitations.invite(request).value().invitation;
  }
  std::string token(const assessments::Invitation& inv) {
    return platform_->token_of(inv.account_id, inv.id);
  }

  // A candidate's JSON request, from our own pages (Origin is the Host).
  http::Response post_json(const std::string& target, const std::string& json,
                           const std::string& origin = "http://pinbridge.test") {
    auto req = request("POST", target);
    req.headers["Content-Type"] = "application/json";
    if (!origin.empty()) req.headers["Origin"] = origin;
    req.body = json;
    return dispatch(std::move(req));
  }
  // Takes the sample test through the routes: start, q1 right, q2 as given, submit, grade.
  assessments::Invitation completed(const std::string& capital = "Paris") {
    const auto inv = invite(sample());
    const auto t = token(inv);
    EXPECT_EQ(post("/t/" + t + "/start", "").status, 303);
    EXPECT_EQ(post_json("/t/" + t + "/answers", R"({"question_id":"q1","answer":1})").status, 200);
    clock_.advance(std::chrono::minutes(2));
    EXPECT_EQ(post("/t/" + t + "/submit", form({{"a1", capital}})).status, 303);
    platform_->run_due_jobs();
    return *platform_->invitations.find(acme_.id, inv.id);
  }

  SignedIn alice_in_;
};

}  // namespace pinbridge::web::testing
