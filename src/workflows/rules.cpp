// The workflow model's vocabulary and its evaluation: names of kinds, whether a band holds for a
// result, the recruiter's words for it, and comment templates. The stored JSON form lives in
// rule_json.cpp, the checks of a rule (validate, check_conflicts) in rule_checks.cpp and
// band_checks.cpp.
#include "workflows/rules.hpp"

#include <algorithm>
#include <array>
#include <type_traits>
#include <utility>

#include "assessments/text.hpp"

namespace pinbridge::workflows {
namespace {

constexpr std::array<std::pair<RuleKind, std::string_view>, 4> rule_kinds{{
    {RuleKind::send_on_stage, "send_on_stage"},
    {RuleKind::post_results, "post_results"},
    {RuleKind::move_on_result, "move_on_result"},
    {RuleKind::on_expiry, "on_expiry"},
}};

constexpr std::array<std::pair<ConditionKind, std::string_view>, 6> condition_kinds{{
    {ConditionKind::score_at_least, "score_at_least"},
    {ConditionKind::score_below, "score_below"},
    {ConditionKind::passed, "passed"},
    {ConditionKind::failed, "failed"},
    {ConditionKind::integrity_flagged, "integrity_flagged"},
    {ConditionKind::integrity_clean, "integrity_clean"},
}};

template <typename Kind, std::size_t N>
std::string_view name_in(const std::array<std::pair<Kind, std::string_view>, N>& table, Kind kind) {
  for (const auto& [k, name] : table) {
    if (k == kind) return name;
  }
  return {};
}

template <typename Kind, std::size_t N>
std::optional<Kind> parse_in(const std::array<std::pair<Kind, std::string_view>, N>& table,
                             std::string_view name) {
  for (const auto& [kind, n] : table) {
    if (n == name) return kind;
  }
  return std::nullopt;
}

// How the builder lists a condition ("score >= 80") and how a run explains it ("score 85 >= 80").
// The two differ only for the score kinds, which quote the candidate's score.
std::string condition_words(const Condition& condition, const Outcome* outcome) {
  const std::string score = outcome ? "score " + std::to_string(outcome->score) : "score";
  switch (condition.kind) {
    case ConditionKind::score_at_least:
      return score + " >= " + std::to_string(condition.value);
    case ConditionKind::score_below:
      return score + " < " + std::to_string(condition.value);
    case ConditionKind::passed:
      return outcome ? "passed (pass mark)" : "passed";
    case ConditionKind::failed:
      return "did not pass";
    case ConditionKind::integrity_flagged:
      return "integrity flags raised";
    case ConditionKind::integrity_clean:
      return "no integrity flags";
  }
  return {};
}

std::string_view joiner(Combine combine) {
  return combine == Combine::all ? " and " : " or ";
}

// The text of a placeholder, or nullptr when the name is not one.
const std::string* placeholder_value(std::string_view name, const TemplateValues& values) {
  if (name == "candidate") return &values.candidate;
  if (name == "assessment") return &values.assessment;
  if (name == "score") return &values.score;
  if (name == "pass_mark") return &values.pass_mark;
  if (name == "outcome") return &values.outcome;
  if (name == "report_url") return &values.report_url;
  return nullptr;
}

}  // namespace

std::string_view rule_kind_name(RuleKind kind) {
  return name_in(rule_kinds, kind);
}

std::optional<RuleKind> parse_rule_kind(std::string_view name) {
  return parse_in(rule_kinds, name);
}

std::string_view condition_kind_name(ConditionKind kind) {
  return name_in(condition_kinds, kind);
}

std::optional<ConditionKind> parse_condition_kind(std::string_view name) {
  return parse_in(condition_kinds, name);
}

// RuleSettings' alternatives are declared in RuleKind's order, so the index is the kind.
static_assert(std::is_same_v<std::variant_alternative_t<0, RuleSettings>, SendOnStage> &&
              std::is_same_v<std::variant_alternative_t<1, RuleSettings>, PostResults> &&
              std::is_same_v<std::variant_alternative_t<2, RuleSettings>, MoveOnResult> &&
              std::is_same_v<std::variant_alternative_t<3, RuleSettings>, OnExpiry>);

RuleKind kind_of(const RuleSettings& settings) {
  return static_cast<RuleKind>(settings.index());
}

bool holds(const Condition& condition, const Outcome& outcome) {
  switch (condition.kind) {
    case ConditionKind::score_at_least:
      return outcome.score >= condition.value;
    case ConditionKind::score_below:
      return outcome.score < condition.value;
    case ConditionKind::passed:
      return outcome.passed;
    case ConditionKind::failed:
      return !outcome.passed;
    case ConditionKind::integrity_flagged:
      return outcome.integrity_flagged;
    case ConditionKind::integrity_clean:
      return !outcome.integrity_flagged;
  }
  return false;
}

bool holds(const Band& band, const Outcome& outcome) {
  const auto check = [&](const Condition& c) { return holds(c, outcome); };
  if (band.combine == Combine::all) return std::all_of(band.conditions.begin(), band.conditions.end(), check);
  return std::any_of(band.conditions.begin(), band.conditions.end(), check);
}

const Band* first_band(const MoveOnResult& rule, const Outcome& outcome) {
  for (const auto& band : rule.bands) {
    if (holds(band, outcome)) return &band;
  }
  return nullptr;
}

std::string explain(const Band& band, const Outcome& outcome) {
  // Only the conditions that hold are the reason; for "all" that is every one when the band holds.
  std::string out;
  for (const auto& condition : band.conditions) {
    if (!holds(condition, outcome)) continue;
    if (!out.empty()) out += joiner(band.combine);
    out += condition_words(condition, &outcome);
  }
  return out;
}

bool same_stage_name(std::string_view a, std::string_view b) {
  return assessments::normalize_answer(a) == assessments::normalize_answer(b);
}

std::string describe(const Band& band) {
  std::string out;
  for (const auto& condition : band.conditions) {
    if (!out.empty()) out += joiner(band.combine);
    out += condition_words(condition, nullptr);
  }
  return out;
}

Result<std::string> render_template(std::string_view text, const TemplateValues& values) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto open = text.find("{{", at);
    if (open == std::string_view::npos) break;
    out.append(text.substr(at, open - at));
    const auto close = text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      return Error::invalid("\"{{\" at character " + std::to_string(open + 1) + " is not closed with \"}}\"");
    }
    const std::string name = assessments::trim(text.substr(open + 2, close - open - 2));
    const std::string* value = placeholder_value(name, values);
    if (!value) {
      return Error::invalid("unknown placeholder {{" + name +
                            "}}; use {{candidate}}, {{assessment}}, {{score}}, {{pass_mark}}, {{outcome}} "
                            "or {{report_url}}");
    }
    out += *value;
    at = close + 2;
  }
  if (at < text.size()) out.append(text.substr(at));
  return out;
}

}  // namespace pinbridge::workflows
