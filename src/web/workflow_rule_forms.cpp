// The builder's "Add" forms read back into rule settings. Stages and assessments are picked from
// lists, so a value that is not in the account's catalog (a stage Pinpoint no longer has, another
// account's assessment, a hand-made request) is refused here, before the store checks the rule.
#include <fmt/format.h>

#include <algorithm>

#include "web/workflow_pages.hpp"

namespace pinbridge::web {

using workflows::Band;
using workflows::Condition;
using workflows::ConditionKind;
using workflows::MoveOnResult;
using workflows::OnExpiry;
using workflows::PostResults;
using workflows::RuleKind;
using workflows::RuleSettings;
using workflows::SendOnStage;
using workflows::StageMatch;

namespace {

constexpr std::string_view unknown_stage =
    "pick a stage from the list synced from Pinpoint: that one is not among your jobs' stages. If you "
    "changed them in Pinpoint, refresh the list under Integrations.";

// Browsers send textarea lines with CRLF.
std::string text_area(const Fields& fields, const std::string& name) {
  std::string text = field(fields, name);
  for (auto at = text.find("\r\n"); at != std::string::npos; at = text.find("\r\n", at)) text.erase(at, 1);
  return text;
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

Result<std::int64_t> chosen_assessment(const Fields& fields, const Catalog& catalog) {
  const auto id = parse_id(trimmed_field(fields, "assessment_id"));
  if (!id) return Error::invalid("Pick the assessment.");
  for (const auto* assessment : catalog.active_assessments())
    if (assessment->id == *id) return *id;
  return Error::invalid("Pick an assessment from the list: that one is archived or does not exist.");
}

// "" in the form: every assessment sent by a workflow.
Result<std::optional<std::int64_t>> optional_assessment(const Fields& fields, const Catalog& catalog) {
  if (trimmed_field(fields, "assessment_id").empty()) return std::optional<std::int64_t>();
  auto id = chosen_assessment(fields, catalog);
  if (!id) return id.error();
  return std::optional<std::int64_t>(*id);
}

Result<std::optional<int>> optional_number(const Fields& fields, const std::string& name,
                                           std::string_view label) {
  const auto text = trimmed_field(fields, name);
  if (text.empty()) return std::optional<int>();
  const auto number = parse_int(text, -1'000'000, 1'000'000);
  if (!number)
    return Error::invalid(fmt::format("{} must be a whole number, or blank for the default.", label));
  return std::optional<int>(*number);
}

Result<StageMatch> stage_match(const std::string& choice, const Catalog& catalog) {
  if (choice.starts_with("any:")) {
    const auto name = catalog.known_stage_name(std::string_view(choice).substr(4));
    if (name.empty()) return Error::invalid(std::string(unknown_stage));
    return StageMatch{std::nullopt, std::nullopt, name, ""};
  }
  for (const auto& known : catalog.stages)
    if (stage_choice(known) == choice)
      return StageMatch{known.job_id, known.stage.id, known.stage.name, known.job_title};
  if (choice.empty()) return Error::invalid("Pick the stage that sends the assessment.");
  return Error::invalid(std::string(unknown_stage));
}

Result<RuleSettings> send_on_stage(const Fields& fields, const Catalog& catalog) {
  auto stage = stage_match(trimmed_field(fields, "stage"), catalog);
  if (!stage) return stage.error();
  auto assessment = chosen_assessment(fields, catalog);
  if (!assessment) return assessment.error();
  auto expiry = optional_number(fields, "expiry_days", "Expires after (days)");
  if (!expiry) return expiry.error();
  auto reminder = optional_number(fields, "reminder_hours", "Reminder after (hours)");
  if (!reminder) return reminder.error();
  return RuleSettings(SendOnStage{*stage, *assessment, *expiry, *reminder});
}

Result<RuleSettings> post_results(const Fields& fields, const Catalog& catalog) {
  auto assessment = optional_assessment(fields, catalog);
  if (!assessment) return assessment.error();
  PostResults rule;
  rule.assessment_id = *assessment;
  rule.record = fields.contains("record");
  rule.comment = fields.contains("comment");
  if (!rule.record && !rule.comment)
    return Error::invalid("Tick what to post: the Candidate Assessment record, a comment, or both.");
  if (auto text = text_area(fields, "comment_template"); !text.empty())
    rule.comment_template = std::move(text);
  return RuleSettings(std::move(rule));
}

std::vector<std::string> tags_from(const std::string& text) {
  std::vector<std::string> tags;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = std::min(text.find(',', start), text.size());
    if (auto tag = trim(std::string_view(text).substr(start, comma - start)); !tag.empty())
      tags.push_back(std::move(tag));
    start = comma + 1;
  }
  return tags;
}

bool is_score(ConditionKind kind) {
  return kind == ConditionKind::score_at_least || kind == ConditionKind::score_below;
}

Result<void> add_conditions(const Fields& fields, int band_number, Band& band) {
  for (int c = 1; c <= band_conditions; ++c) {
    const auto name = trimmed_field(fields, condition_field(band_number, c, "kind"));
    if (name.empty()) continue;
    const auto kind = workflows::parse_condition_kind(name);
    if (!kind)
      return Error::invalid(
          fmt::format("Band {}, condition {}: pick a condition from the list.", band_number, c));
    Condition condition{*kind, 0};
    if (is_score(*kind)) {
      const auto value = parse_int(trimmed_field(fields, condition_field(band_number, c, "value")), 0, 100);
      if (!value)
        return Error::invalid(
            fmt::format("Band {}, condition {}: enter a score from 0 to 100.", band_number, c));
      condition.value = *value;
    }
    band.conditions.push_back(condition);
  }
  return {};
}

// One band row; nullopt when the row was left empty.
Result<std::optional<Band>> band_from(const Fields& fields, int number, const Catalog& catalog) {
  Band band;
  band.combine = field(fields, band_field(number, "combine")) == "any" ? workflows::Combine::any
                                                                       : workflows::Combine::all;
  if (auto added = add_conditions(fields, number, band); !added) return added.error();
  const auto stage = trimmed_field(fields, band_field(number, "stage"));
  band.tags = tags_from(field(fields, band_field(number, "tags")));
  if (band.conditions.empty() && stage.empty() && band.tags.empty()) return std::optional<Band>();
  if (band.conditions.empty())
    return Error::invalid(fmt::format("Band {}: add at least one condition.", number));
  if (stage.empty()) return Error::invalid(fmt::format("Band {}: pick the stage to move to.", number));
  band.stage_name = catalog.known_stage_name(stage);
  if (band.stage_name.empty()) return Error::invalid(fmt::format("Band {}: {}", number, unknown_stage));
  return std::optional<Band>(std::move(band));
}

Result<RuleSettings> move_on_result(const Fields& fields, const Catalog& catalog) {
  auto assessment = chosen_assessment(fields, catalog);
  if (!assessment) return assessment.error();
  MoveOnResult rule;
  rule.assessment_id = *assessment;
  for (int b = 1; b <= form_bands; ++b) {
    auto band = band_from(fields, b, catalog);
    if (!band) return band.error();
    if (*band) rule.bands.push_back(std::move(**band));
  }
  if (rule.bands.empty())
    return Error::invalid("Fill in at least one band: its conditions and the stage to move to.");
  return RuleSettings(std::move(rule));
}

Result<RuleSettings> on_expiry(const Fields& fields, const Catalog& catalog) {
  auto assessment = optional_assessment(fields, catalog);
  if (!assessment) return assessment.error();
  OnExpiry rule;
  rule.assessment_id = *assessment;
  if (const auto stage = trimmed_field(fields, "stage_name"); !stage.empty()) {
    rule.stage_name = catalog.known_stage_name(stage);
    if (rule.stage_name.empty()) return Error::invalid(std::string(unknown_stage));
  }
  rule.comment_template = text_area(fields, "comment_template");
  if (trim(rule.comment_template).empty()) rule.comment_template.clear();
  if (rule.stage_name.empty() && rule.comment_template.empty())
    return Error::invalid("Choose what happens: a stage to move to, a comment, or both.");
  return RuleSettings(std::move(rule));
}

}  // namespace

std::string band_field(int band, std::string_view part) {
  return fmt::format("band{}_{}", band, part);
}

std::string condition_field(int band, int condition, std::string_view part) {
  return fmt::format("band{}_{}{}", band, part, condition);
}

std::string stage_choice(const automations::KnownStage& known) {
  return fmt::format("job:{}:stage:{}", known.job_id, known.stage.id);
}

std::string any_stage_choice(std::string_view stage_name) {
  return fmt::format("any:{}", stage_name);
}

Result<RuleSettings> rule_from_form(RuleKind kind, const Fields& fields, const Catalog& catalog) {
  switch (kind) {
    case RuleKind::send_on_stage:
      return send_on_stage(fields, catalog);
    case RuleKind::post_results:
      return post_results(fields, catalog);
    case RuleKind::move_on_result:
      return move_on_result(fields, catalog);
    case RuleKind::on_expiry:
      return on_expiry(fields, catalog);
  }
  return Error::invalid("Unknown kind of rule.");
}

}  // namespace pinbridge::web
