#pragma once
// The results report: score, pass or fail, per-question breakdown, time taken and integrity
// signals. Recruiters see it signed in, with result versions and per-question overrides; the
// shareable link shows the same report without either, and nothing else about the account.
#include <optional>
#include <string>
#include <vector>

#include "assessments/assessment.hpp"
#include "assessments/invitation.hpp"
#include "web/html.hpp"

namespace pinbridge::web {

struct ReportData {
  assessments::Invitation invitation;
  assessments::Assessment assessment;
  assessments::AssessmentResult result;                 // the latest version
  std::vector<assessments::AssessmentResult> versions;  // recruiter only; empty on the shared page
};

struct ReportOptions {
  bool recruiter = false;
  std::string csrf_token;  // for the override forms
  std::string share_url;   // the shareable link, when the account shares reports
};

void render_report(Html& html, const ReportData& data, const ReportOptions& options);

// The candidate's answer in words: option texts, the text typed, or "No answer".
std::string readable_answer(const assessments::Question& question, const nlohmann::json& answer);
// The right answer in words: the correct options, or the accepted answers.
std::string correct_answer(const assessments::Question& question);

}  // namespace pinbridge::web
