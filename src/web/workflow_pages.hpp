#pragma once
// The Workflows section (product.md "Workflows"): the list of workflows, the builder of one, the
// run history and the dry run. Internal to web/: what its files share. Every page and action needs
// the API add-on and a Pinpoint connection, and reads and writes the signed-in account only.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/sessions.hpp"
#include "assessments/assessment.hpp"
#include "automations/stage_cache.hpp"
#include "web/html.hpp"
#include "web/page_support.hpp"
#include "web/routes.hpp"
#include "workflows/rules.hpp"

namespace pinbridge::web {

inline constexpr std::string_view workflows_path = "/workflows";
inline constexpr std::string_view workflow_runs_path = "/workflows/runs";
inline constexpr std::string_view workflow_dry_run_path = "/workflows/dry-run";

std::string workflow_path(std::int64_t workflow_id);

// The account's workflow services; only call once workflows_gate() said "".
WorkflowServices& workflow_services(const Deps& deps);
// Why this account cannot use Workflows now (no API add-on, not connected to Pinpoint, not served
// here), or "" when it can.
std::string workflows_gate(const Deps& deps, const accounts::SessionContext& session);

// What rules are built from: the stages synced from Pinpoint and the account's assessments.
struct Catalog {
  std::vector<automations::KnownStage> stages;       // by job title, then position
  std::vector<assessments::Assessment> assessments;  // archived ones too, for naming old rules

  struct StageName {
    std::string name;
    std::string basic_type;  // of the first job that has a stage by this name
  };
  // Each stage name once (case-insensitive), in the order first seen.
  std::vector<StageName> stage_names() const;
  // The stage name as synced, when `name` is one (case-insensitive); "" otherwise.
  std::string known_stage_name(std::string_view name) const;
  std::vector<const assessments::Assessment*> active_assessments() const;
  // The assessment's name, or "assessment #12" when it is unknown.
  std::string assessment_name(std::int64_t assessment_id) const;
};
Catalog load_catalog(const Deps& deps, std::int64_t account_id);

// A rule in a recruiter's words: "When an application enters Technical screen (Backend engineer),
// send Backend test; expires after 7 days".
std::string rule_sentence(const workflows::Rule& rule, const Catalog& catalog);
std::string_view rule_kind_title(workflows::RuleKind kind);
std::string_view condition_label(workflows::ConditionKind kind);
inline constexpr std::array<workflows::ConditionKind, 6> condition_kinds{
    workflows::ConditionKind::score_at_least,
    workflows::ConditionKind::score_below,
    workflows::ConditionKind::passed,
    workflows::ConditionKind::failed,
    workflows::ConditionKind::integrity_flagged,
    workflows::ConditionKind::integrity_clean};
inline constexpr int form_bands = 3;       // band rows in the move-on-result form
inline constexpr int band_conditions = 3;  // condition rows in each band

// The names of the move-on-result form's fields: band_field(2, "stage") is "band2_stage",
// condition_field(2, 1, "kind") is "band2_kind1" (both counted from 1).
std::string band_field(int band, std::string_view part);
std::string condition_field(int band, int condition, std::string_view part);
// The send-on-stage form's stage choices: "job:<job id>:stage:<stage id>" for a stage of one job,
// "any:<stage name>" for a stage by name in any job.
std::string stage_choice(const automations::KnownStage& known);
std::string any_stage_choice(std::string_view stage_name);

// The settings of a rule as the builder's "Add" form of `kind` posted them. Stages and
// assessments must be ones the catalog lists; an error says which field and why.
Result<workflows::RuleSettings> rule_from_form(workflows::RuleKind kind, const Fields& fields,
                                               const Catalog& catalog);

// The builder's "Add" form for `kind`, filled with `posted` (the refused form's fields, or none).
void rule_add_form(Html& html, const accounts::SessionContext& session, std::int64_t workflow_id,
                   workflows::RuleKind kind, const Catalog& catalog, const Fields& posted);

// A form with one button, for actions without input; `confirm` asks first (app.js).
void button_form(Html& html, const accounts::SessionContext& session, std::string_view action,
                 std::string_view label, std::string_view kind, std::string_view confirm = {},
                 std::string_view aria_label = {});
void enabled_badge(Html& html, bool enabled);

// What a page shows above its content after a write.
struct Feedback {
  int status = 200;
  std::string success{};
  std::string error{};
};

// GET /workflows and its refusals (the create form re-shown with `name`).
http::Response workflow_list_page(const Deps& deps, const accounts::SessionContext& session,
                                  const Feedback& feedback, std::string_view name = {});
// What the Workflows pages show instead of themselves when workflows_gate() says why not.
http::Response workflow_gate_page(const Deps& deps, const accounts::SessionContext& session, int status,
                                  std::string_view why);

// The builder; after a refused rule, `refused_kind` names the form to fill with `posted`.
struct BuilderView {
  Feedback feedback;
  std::optional<workflows::RuleKind> refused_kind{};
  Fields posted{};
  std::string name{};  // the rename form's value after a refusal
};
http::Response workflow_builder_page(const Deps& deps, const accounts::SessionContext& session,
                                     const workflows::Workflow& workflow, const BuilderView& view);

http::Response workflow_runs_page(const Deps& deps, const http::Request& request,
                                  const accounts::SessionContext& session, const Feedback& feedback);
http::Response workflow_dry_run_page(const Deps& deps, const http::Request& request,
                                     const accounts::SessionContext& session);

http::Response workflow_not_found(const Deps& deps, const accounts::SessionContext& session,
                                  std::string_view what);

}  // namespace pinbridge::web
