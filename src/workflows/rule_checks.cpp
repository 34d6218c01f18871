// validate(): one rule on its own; check_conflicts(): one rule against the account's other enabled
// rules. Messages are shown to the recruiter in the builder, so they name the field and say what
// to do; conflicts say what the other rule already does.
#include <string>
#include <variant>

#include "assessments/text.hpp"
#include "workflows/band_checks.hpp"
#include "workflows/rules.hpp"

namespace pinbridge::workflows {
namespace {

constexpr int max_expiry_days = 365;
constexpr int max_reminder_hours = 720;  // 30 days
constexpr std::size_t max_bands = 10;
constexpr std::size_t max_conditions = 10;
constexpr std::size_t max_tags = 10;
constexpr std::size_t max_tag_characters = 60;
constexpr std::size_t max_template_characters = 2000;

// What a template is rendered with to prove it renders before it is saved.
const TemplateValues& sample_values() {
  static const TemplateValues values{"Ada Lovelace", "Backend screen", "85",
                                     "70",           "passed",         "https://pinbridge.example/reports/1"};
  return values;
}

bool blank(std::string_view text) {
  return assessments::trim(text).empty();
}

// Characters as people count them: UTF-8 code points, not bytes.
std::size_t characters(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
  return count;
}

std::string id_text(std::int64_t id) {
  return std::to_string(id);
}

Result<void> check_template(const std::string& text) {
  if (blank(text)) return Error::invalid("comment_template can't be blank");
  if (characters(text) > max_template_characters)
    return Error::invalid("comment_template is too long (2000 characters at most)");
  if (auto rendered = render_template(text, sample_values()); !rendered)
    return Error::invalid("comment_template: " + rendered.error().message);
  return {};
}

Result<void> check_optional_assessment(const std::optional<std::int64_t>& assessment_id) {
  if (assessment_id && *assessment_id <= 0)
    return Error::invalid("assessment_id must be a positive id, or empty for every assessment");
  return {};
}

Result<void> check(const SendOnStage& s) {
  if (s.assessment_id <= 0) return Error::invalid("assessment_id: choose the assessment to send");
  if (s.stage.job_id) {
    if (*s.stage.job_id <= 0) return Error::invalid("job_id must be a positive id");
    if (!s.stage.stage_id || *s.stage.stage_id <= 0)
      return Error::invalid("stage_id: choose a stage of the job");
  } else {
    // Stage ids belong to one job's workflow, so a rule for any job can only match by name.
    if (s.stage.stage_id) return Error::invalid("stage_id: a rule for any job names its stage by stage_name");
    if (blank(s.stage.stage_name))
      return Error::invalid("stage_name: choose the stage that sends the assessment");
  }
  if (s.expiry_days && (*s.expiry_days < 1 || *s.expiry_days > max_expiry_days))
    return Error::invalid("expiry_days must be between 1 and 365");
  if (s.reminder_after_hours && (*s.reminder_after_hours < 0 || *s.reminder_after_hours > max_reminder_hours))
    return Error::invalid("reminder_after_hours must be between 0 (no reminder) and 720");
  return {};
}

Result<void> check(const PostResults& s) {
  if (auto valid = check_optional_assessment(s.assessment_id); !valid) return valid;
  if (!s.record && !s.comment)
    return Error::invalid("record, comment: post the Candidate Assessment record, a comment, or both");
  if (s.comment) return check_template(s.comment_template);
  return {};
}

Result<void> check_condition(const Condition& c, const std::string& band) {
  const std::string words = "\"" + describe(Band{Combine::all, {c}, {}, {}}) + "\"";
  if (c.kind == ConditionKind::score_at_least && (c.value < 0 || c.value > 100))
    return Error::invalid(band + ": the score in " + words + " must be between 0 and 100");
  if (c.kind == ConditionKind::score_below && (c.value < 1 || c.value > 100))
    return Error::invalid(band + ": the score in " + words + " must be between 1 and 100");
  return {};
}

Result<void> check_tags(const std::vector<std::string>& tags, const std::string& band) {
  if (tags.size() > max_tags) return Error::invalid(band + ": at most 10 tags");
  for (const auto& tag : tags) {
    const std::string trimmed = assessments::trim(tag);
    if (trimmed.empty()) return Error::invalid(band + ": a tag can't be blank");
    if (characters(trimmed) > max_tag_characters) {
      std::string message = band;
      message.append(": tag \"").append(trimmed).append("\" is longer than 60 characters");
      return Error::invalid(std::move(message));
    }
  }
  return {};
}

Result<void> check_band(const Band& b, std::size_t index) {
  const std::string band = "band " + std::to_string(index + 1);
  if (b.conditions.empty()) return Error::invalid(band + ": add at least one condition");
  if (b.conditions.size() > max_conditions) return Error::invalid(band + ": at most 10 conditions");
  for (const auto& condition : b.conditions) {
    if (auto valid = check_condition(condition, band); !valid) return valid;
  }
  if (blank(b.stage_name)) return Error::invalid(band + ": choose the stage to move to");
  return check_tags(b.tags, band);
}

Result<void> check(const MoveOnResult& s) {
  if (s.assessment_id <= 0)
    return Error::invalid("assessment_id: choose the assessment whose result moves the application");
  if (s.bands.empty()) return Error::invalid("bands: add at least one band");
  if (s.bands.size() > max_bands) return Error::invalid("bands: at most 10 bands");
  for (std::size_t i = 0; i < s.bands.size(); ++i) {
    if (auto valid = check_band(s.bands[i], i); !valid) return valid;
  }
  return check_bands(s.bands);
}

Result<void> check(const OnExpiry& s) {
  if (auto valid = check_optional_assessment(s.assessment_id); !valid) return valid;
  if (blank(s.stage_name) && blank(s.comment_template))
    return Error::invalid("stage_name, comment_template: move the application, comment, or both");
  if (!blank(s.comment_template)) return check_template(s.comment_template);
  return {};
}

// Rules for one assessment and rules for every assessment both fire for that assessment.
bool covers_same(const std::optional<std::int64_t>& a, const std::optional<std::int64_t>& b) {
  return !a || !b || *a == *b;
}

std::string coverage(const std::optional<std::int64_t>& assessment_id, const char* every,
                     const AssessmentNamer& name_of) {
  return assessment_id ? name_of(*assessment_id) : every;
}

std::string stage_words(const StageMatch& stage) {
  std::string name = assessments::trim(stage.stage_name);
  if (name.empty() && stage.stage_id) name = "stage #" + id_text(*stage.stage_id);
  if (!stage.job_id) return name + " (any job)";
  const std::string job = assessments::trim(stage.job_title);
  return name + " (" + (job.empty() ? "job #" + id_text(*stage.job_id) : job) + ")";
}

std::optional<Error> conflict(const SendOnStage& mine, const SendOnStage& other,
                              const AssessmentNamer& name_of) {
  if (mine.assessment_id != other.assessment_id || mine.stage.job_id != other.stage.job_id)
    return std::nullopt;
  const bool same_stage = mine.stage.job_id ? mine.stage.stage_id == other.stage.stage_id
                                            : same_stage_name(mine.stage.stage_name, other.stage.stage_name);
  if (!same_stage) return std::nullopt;
  return Error::conflict("a rule already sends " + name_of(other.assessment_id) +
                         " when an application enters " + stage_words(other.stage));
}

std::optional<Error> conflict(const PostResults& mine, const PostResults& other,
                              const AssessmentNamer& name_of) {
  if (!covers_same(mine.assessment_id, other.assessment_id)) return std::nullopt;
  const std::string what = coverage(other.assessment_id, "every assessment", name_of);
  if (mine.record && other.record)
    return Error::conflict("a rule already posts the Candidate Assessment record for " + what +
                           "; this rule would post it twice");
  if (mine.comment && other.comment)
    return Error::conflict("a rule already comments the results of " + what +
                           "; this rule would comment twice");
  return std::nullopt;
}

std::optional<Error> conflict(const MoveOnResult& mine, const MoveOnResult& other,
                              const AssessmentNamer& name_of) {
  if (mine.assessment_id != other.assessment_id) return std::nullopt;
  return Error::conflict("a rule already moves applications on the result of " +
                         name_of(other.assessment_id) +
                         "; two rules could move one application to two stages");
}

std::optional<Error> conflict(const OnExpiry& mine, const OnExpiry& other, const AssessmentNamer& name_of) {
  if (!covers_same(mine.assessment_id, other.assessment_id)) return std::nullopt;
  const std::string what =
      "when an invitation to " + coverage(other.assessment_id, "any assessment", name_of) + " expires";
  if (!blank(mine.stage_name) && !blank(other.stage_name))
    return Error::conflict("a rule already moves the application " + what +
                           "; this rule would move it twice");
  if (!blank(mine.comment_template) && !blank(other.comment_template))
    return Error::conflict("a rule already comments " + what + "; this rule would comment twice");
  return std::nullopt;
}

}  // namespace

Result<void> validate(const RuleSettings& settings) {
  return std::visit([](const auto& s) { return check(s); }, settings);
}

std::string assessment_by_id(std::int64_t assessment_id) {
  return "assessment #" + id_text(assessment_id);
}

Result<void> check_conflicts(const Rule& candidate, const std::vector<Rule>& others,
                             const AssessmentNamer& name_of) {
  // Overlapping bands are a conflict inside the rule itself; validate() refuses them too.
  if (const auto* move = std::get_if<MoveOnResult>(&candidate.settings)) {
    if (auto bands = check_bands(move->bands); !bands) return bands;
  }
  for (const auto& other : others) {
    if (candidate.id != 0 && other.id == candidate.id) continue;  // a rule never conflicts with itself
    if (other.settings.index() != candidate.settings.index()) continue;
    const auto found = std::visit(
        [&](const auto& mine) {
          return conflict(mine, std::get<std::decay_t<decltype(mine)>>(other.settings), name_of);
        },
        candidate.settings);
    if (found) return *found;
  }
  return {};
}

}  // namespace pinbridge::workflows
