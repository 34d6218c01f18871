#pragma once
// The Workflows pages' tests: account acme has the API add-on, a Pinpoint connection, the
// assessment "Backend test" and two jobs' stages as a refresh from Pinpoint would store them.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "dashboard_fixture.hpp"
#include "web/security.hpp"

namespace pinbridge::web::testing {

using FormFields = std::vector<std::pair<std::string, std::string>>;

class WorkflowPagesTest : public DashboardTest {
 protected:
  void SetUp() override {
    DashboardTest::SetUp();
    enable_workflows(acme_.id, "acme");
    add_stages(acme_.id);
    test_ = platform_->assessments.create(acme_.id, pinbridge::testing::sample_assessment("Backend test"))
                .value();
    alice_in_ = alice();
  }

  // The API add-on and a Pinpoint connection: what the Workflows section needs.
  void enable_workflows(std::int64_t account_id, const std::string& subdomain) {
    accounts_->set_addon(account_id, accounts::Addon::api, true);
    automations_->connections.save(account_id, subdomain, Secret("pinpoint-key-1234"));
  }

  // Backend engineer (101): Applied, Technical screen, Interview, Rejected; Designer (102): Applied,
  // Technical screen, Portfolio review, Rejected.
  void add_stages(std::int64_t account_id) {
    struct Row {
      std::int64_t job;
      const char* title;
      std::int64_t stage;
      const char* name;
      const char* type;
    };
    const std::vector<Row> rows{{101, "Backend engineer", 11, "Applied", "applied"},
                                {101, "Backend engineer", 12, "Technical screen", "review"},
                                {101, "Backend engineer", 13, "Interview", "interview"},
                                {101, "Backend engineer", 14, "Rejected", "rejected"},
                                {102, "Designer", 21, "Applied", "applied"},
                                {102, "Designer", 22, "Technical screen", "review"},
                                {102, "Designer", 23, "Portfolio review", "review"},
                                {102, "Designer", 24, "Rejected", "rejected"}};
    database_->write([&](store::Connection& c) {
      std::int64_t position = 0;
      for (const auto& row : rows)
        c.execute(
            "INSERT INTO pinpoint_job_stages (account_id, job_id, job_title, job_status, stage_id, "
            "stage_name, "
            "basic_type, position, synced_at) VALUES ($1, $2, $3, 'open', $4, $5, $6, $7, 0)",
            {account_id, row.job, std::string(row.title), row.stage, std::string(row.name),
             std::string(row.type), position++});
    });
  }

  SignedIn sign_in_globex() {
    enable_workflows(globex_.id, "globex");
    add_stages(globex_.id);
    return sign_in("bob@globex.test", bob_password);
  }

  workflows::WorkflowStore& workflows() { return automations_->workflows; }
  std::string page(const std::string& path) { return get(path, alice_in_.cookie).body; }
  static std::string builder(std::int64_t workflow_id) { return fmt::format("/workflows/{}", workflow_id); }
  std::int64_t create_workflow(const std::string& name) { return workflows().create(acme_.id, name)->id; }

  http::Response post_fields(const std::string& target, const FormFields& fields, const SignedIn& who) {
    std::string body = "_csrf=" + who.csrf;
    for (const auto& [name, value] : fields) body += "&" + name + "=" + url_encode(value);
    return post(target, body, who.cookie);
  }
  http::Response add_rule(std::int64_t workflow_id, const FormFields& fields) {
    return post_fields(builder(workflow_id) + "/rules", fields, alice_in_);
  }
  http::Response add_rule(std::int64_t workflow_id, const FormFields& fields, const SignedIn& who) {
    return post_fields(builder(workflow_id) + "/rules", fields, who);
  }

  workflows::Rule only_rule(std::int64_t workflow_id) {
    const auto workflow = workflows().find(acme_.id, workflow_id);
    EXPECT_TRUE(workflow && workflow->rules.size() == 1U);
    return workflow && !workflow->rules.empty() ? workflow->rules.front() : workflows::Rule{};
  }

  // Score >= 80 to Interview with two tags, < 50 to Rejected, and a third band row left empty.
  static FormFields move_rule_form(std::int64_t assessment_id) {
    return {{"kind", "move_on_result"},
            {"assessment_id", std::to_string(assessment_id)},
            {"band1_combine", "all"},
            {"band1_kind1", "score_at_least"},
            {"band1_value1", "80"},
            {"band1_kind2", ""},
            {"band1_value2", ""},
            {"band1_stage", "Interview"},
            {"band1_tags", "Assessment: strong, fast"},
            {"band2_combine", "any"},
            {"band2_kind1", "score_below"},
            {"band2_value1", "50"},
            {"band2_stage", "Rejected"},
            {"band2_tags", " "},
            {"band3_combine", "all"},
            {"band3_kind1", ""},
            {"band3_value1", ""},
            {"band3_stage", ""},
            {"band3_tags", ""}};
  }

  assessments::Assessment test_;
  SignedIn alice_in_;
};

}  // namespace pinbridge::web::testing
