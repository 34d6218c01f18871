#pragma once
// The workflow model: what a recruiter builds under Workflows (product.md "Workflows").
//
// A workflow is a named group of rules that is enabled or disabled as a whole; each rule is also
// enabled or disabled on its own. A rule is one of four kinds:
//   send on stage     - when an application enters a stage, invite the candidate to an assessment;
//   post results      - write the result back to Pinpoint: a Candidate Assessment record and/or a
//                       comment from a template;
//   move on result    - when an assessment is completed, move the application to the stage named
//                       by the first band whose conditions hold, and add that band's tags;
//   on expiry         - when an invitation expires unstarted, move the application and/or comment.
//
// Stages. Pinpoint's stages belong to a job's hiring workflow, so the same "Interview" is a
// different stage id in every job. A rule for one job names its stage by id; a rule for any job,
// and every move target, names a stage by its name, matched case-insensitively within the
// application's own job. Both are picked from the stages synced from Pinpoint, never typed.
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace pinbridge::workflows {

// Where an application must be for a send-on-stage rule to fire.
struct StageMatch {
  std::optional<std::int64_t> job_id;    // nullopt: any job
  std::optional<std::int64_t> stage_id;  // set when job_id is set
  std::string stage_name;                // matched by name when job_id is nullopt; shown always
  std::string job_title;                 // shown only ("" for any job)
};

struct SendOnStage {
  StageMatch stage;
  std::int64_t assessment_id = 0;
  std::optional<int> expiry_days;           // nullopt: the platform's default
  std::optional<int> reminder_after_hours;  // nullopt: the platform's default; 0: no reminder
};

inline constexpr std::string_view default_comment_template =
    "{{assessment}}: {{score}}/100, {{outcome}} (pass mark {{pass_mark}}). Report: {{report_url}}";

struct PostResults {
  std::optional<std::int64_t> assessment_id;  // nullopt: every assessment sent by a workflow
  bool record = true;                         // the Candidate Assessment record
  bool comment = false;                       // a comment on the application
  std::string comment_template{default_comment_template};
};

// One test of a completed result.
enum class ConditionKind { score_at_least, score_below, passed, failed, integrity_flagged, integrity_clean };
std::string_view condition_kind_name(ConditionKind kind);
std::optional<ConditionKind> parse_condition_kind(std::string_view name);

struct Condition {
  ConditionKind kind = ConditionKind::score_at_least;
  int value = 0;  // the score threshold (0-100) for the score kinds; unused otherwise
};

enum class Combine { all, any };

struct Band {
  Combine combine = Combine::all;
  std::vector<Condition> conditions;  // at least one
  std::string stage_name;             // the target, in the application's own job
  std::vector<std::string> tags;      // added with the move; may be empty
};

struct MoveOnResult {
  std::int64_t assessment_id = 0;
  std::vector<Band> bands;  // the first band that holds wins
};

struct OnExpiry {
  std::optional<std::int64_t> assessment_id;  // nullopt: every assessment sent by a workflow
  std::string stage_name;                     // "" : no move
  std::string comment_template;               // "" : no comment
};

using RuleSettings = std::variant<SendOnStage, PostResults, MoveOnResult, OnExpiry>;

enum class RuleKind { send_on_stage, post_results, move_on_result, on_expiry };
std::string_view rule_kind_name(RuleKind kind);
std::optional<RuleKind> parse_rule_kind(std::string_view name);
RuleKind kind_of(const RuleSettings& settings);

struct Rule {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::int64_t workflow_id = 0;
  bool enabled = true;
  RuleSettings settings;
};

struct Workflow {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::string name;
  bool enabled = true;
  std::vector<Rule> rules;  // in the order they were added
};

// Stored form of a rule's settings (the workflow_rules.settings column).
nlohmann::json settings_to_json(const RuleSettings& settings);
Result<RuleSettings> settings_from_json(RuleKind kind, const nlohmann::json& json);

// What a completed result looks like to the conditions.
struct Outcome {
  int score = 0;
  bool passed = false;
  bool integrity_flagged = false;  // the candidate left the page or pasted during the test
};

bool holds(const Condition& condition, const Outcome& outcome);
bool holds(const Band& band, const Outcome& outcome);
// The first band that holds, or nullptr.
const Band* first_band(const MoveOnResult& rule, const Outcome& outcome);
// Why a band holds, in a recruiter's words: "score 41 < 50", "passed and no integrity flags".
std::string explain(const Band& band, const Outcome& outcome);
// A band's conditions as the builder lists them: "score >= 80 and passed".
std::string describe(const Band& band);

// Stage names match the way recruiters read them: "review " is Review. Rules name stages by name
// because Pinpoint's stage ids differ per job.
bool same_stage_name(std::string_view a, std::string_view b);

// Checks one rule on its own: every field in range, a band never empty nor impossible, a comment
// template that renders. The error names the field and says why.
Result<void> validate(const RuleSettings& settings);

// Checks a rule against the account's other enabled rules (in every enabled workflow): the same
// send-on-stage row twice, two move-on-result rules for one assessment, two bands of one rule
// that can both hold for some result but name different stages. The error explains with an
// example ("a score of 85 that passed matches both 'score >= 50' -> Interview and 'score >= 80'
// -> Offer"). Also two post-results rules covering one assessment (equal ids, or either for every
// assessment) that both post the record or both comment, and two such on-expiry rules that both
// move or both comment. Error::conflict between rules, Error::invalid for the bands of one rule.
// name_of words an assessment for the recruiter ("Backend screen"); by default "assessment #3".
using AssessmentNamer = std::function<std::string(std::int64_t assessment_id)>;
std::string assessment_by_id(std::int64_t assessment_id);
Result<void> check_conflicts(const Rule& candidate, const std::vector<Rule>& others,
                             const AssessmentNamer& name_of = assessment_by_id);

// Renders a comment template: {{candidate}}, {{assessment}}, {{score}}, {{pass_mark}},
// {{outcome}} (passed / did not pass), {{report_url}}. An unknown placeholder is an error.
struct TemplateValues {
  std::string candidate, assessment, score, pass_mark, outcome, report_url;
};
Result<std::string> render_template(std::string_view text, const TemplateValues& values);

}  // namespace pinbridge::workflows
