// Rules in a recruiter's words, as the builder lists them.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "web/workflow_pages.hpp"

namespace pinbridge::web {

using workflows::Band;
using workflows::ConditionKind;
using workflows::MoveOnResult;
using workflows::OnExpiry;
using workflows::PostResults;
using workflows::Rule;
using workflows::RuleKind;
using workflows::SendOnStage;

namespace {

std::string counted(int count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

std::string sentence(const SendOnStage& rule, const Catalog& catalog) {
  const auto& stage = rule.stage;
  const std::string where = stage.job_id ? fmt::format("{} ({})", stage.stage_name, stage.job_title)
                                         : fmt::format("{} in any job", stage.stage_name);
  std::string out = fmt::format("When an application enters {}, send {}", where,
                                catalog.assessment_name(rule.assessment_id));
  if (rule.expiry_days) out += fmt::format("; expires after {}", counted(*rule.expiry_days, "day"));
  if (rule.reminder_after_hours)
    out += *rule.reminder_after_hours == 0
               ? std::string("; no reminder")
               : fmt::format("; reminder after {}", counted(*rule.reminder_after_hours, "hour"));
  return out;
}

std::string which_assessment(const std::optional<std::int64_t>& assessment_id, const Catalog& catalog) {
  return assessment_id ? catalog.assessment_name(*assessment_id) : "every assessment sent by a workflow";
}

std::string sentence(const PostResults& rule, const Catalog& catalog) {
  const std::string_view what = rule.record && rule.comment ? "the Candidate Assessment record and a comment"
                                : rule.record               ? "the Candidate Assessment record"
                                                            : "a comment";
  return fmt::format("When {} is completed, post {} to Pinpoint",
                     which_assessment(rule.assessment_id, catalog), what);
}

std::string band_words(const Band& band) {
  std::string out = fmt::format("{} → {}", describe(band), band.stage_name);
  if (!band.tags.empty()) out += fmt::format(", tags {}", fmt::join(band.tags, ", "));
  return out;
}

std::string sentence(const MoveOnResult& rule, const Catalog& catalog) {
  std::vector<std::string> bands;
  bands.reserve(rule.bands.size());
  for (const auto& band : rule.bands) bands.push_back(band_words(band));
  return fmt::format("{}: {}", catalog.assessment_name(rule.assessment_id), fmt::join(bands, "; "));
}

std::string sentence(const OnExpiry& rule, const Catalog& catalog) {
  std::vector<std::string> actions;
  if (!rule.stage_name.empty()) actions.push_back("move to " + rule.stage_name);
  if (!rule.comment_template.empty()) actions.emplace_back("comment");
  if (actions.empty()) actions.emplace_back("do nothing");
  return fmt::format("When an invitation to {} expires without being started, {}",
                     which_assessment(rule.assessment_id, catalog), fmt::join(actions, " and "));
}

}  // namespace

std::string rule_sentence(const Rule& rule, const Catalog& catalog) {
  return std::visit([&](const auto& settings) { return sentence(settings, catalog); }, rule.settings);
}

std::string_view rule_kind_title(RuleKind kind) {
  switch (kind) {
    case RuleKind::send_on_stage:
      return "Send assessment on stage";
    case RuleKind::post_results:
      return "Post results to Pinpoint";
    case RuleKind::move_on_result:
      return "Move stage on result";
    case RuleKind::on_expiry:
      return "Expired without completion";
  }
  return "";
}

std::string_view condition_label(ConditionKind kind) {
  switch (kind) {
    case ConditionKind::score_at_least:
      return "Score at least";
    case ConditionKind::score_below:
      return "Score below";
    case ConditionKind::passed:
      return "Passed (pass mark)";
    case ConditionKind::failed:
      return "Did not pass";
    case ConditionKind::integrity_flagged:
      return "Integrity flagged";
    case ConditionKind::integrity_clean:
      return "No integrity flags";
  }
  return "";
}

}  // namespace pinbridge::web
