// The builder's "Add" forms, one per kind of rule. Jobs, stages and assessments are always picked
// from lists (the stages synced from Pinpoint, the account's active assessments), never typed. There
// is no client-side framework, so the send-on-stage form picks job and stage in one select: a group
// per job with its stages, and an "Any job" group with each stage name once.
#include <fmt/format.h>

#include "web/components.hpp"
#include "web/workflow_pages.hpp"

namespace pinbridge::web {

using workflows::RuleKind;

namespace {

struct Choice {
  std::string value;
  std::string label;
};

// The ids of one form's fields: "move_on_result-band1_stage".
struct FormContext {
  const Fields& posted;
  std::string prefix;

  std::string id(std::string_view name) const { return prefix + std::string(name); }
  std::string value(const std::string& name, std::string_view fallback = {}) const {
    const auto it = posted.find(name);
    return it == posted.end() ? std::string(fallback) : it->second;
  }
};

void option(Html& html, const Choice& choice, std::string_view selected) {
  html.element("option", {{"value", choice.value}, {choice.value == selected ? "selected" : "", "selected"}},
               choice.label);
}

void select_field(Html& html, const FormContext& form, const std::string& name, std::string_view label,
                  const std::vector<Choice>& choices, std::string_view hint = {}) {
  const std::string id = form.id(name);
  const std::string hint_id = id + "-hint";
  html.open("div", {{"class", "field"}});
  html.element("label", {{"for", id}}, label);
  html.open("select", {{"id", id}, {"name", name}, {hint.empty() ? "" : "aria-describedby", hint_id}});
  const std::string selected = form.value(name);
  for (const auto& choice : choices) option(html, choice, selected);
  html.close("select");
  if (!hint.empty()) html.element("p", {{"class", "field-hint"}, {"id", hint_id}}, hint);
  html.close("div");
}

void number_field(Html& html, const FormContext& form, const std::string& name, std::string_view label,
                  std::string_view hint) {
  text_field(html, {.name = name,
                    .label = label,
                    .value = form.value(name),
                    .type = "number",
                    .hint = hint,
                    .id_prefix = form.prefix,
                    .required = false});
}

void textarea_field(Html& html, const FormContext& form, const std::string& name, std::string_view label,
                    std::string_view fallback, std::string_view hint) {
  const std::string id = form.id(name);
  html.open("div", {{"class", "field field-wide"}});
  html.element("label", {{"for", id}}, label);
  html.element("textarea", {{"id", id}, {"name", name}, {"rows", "3"}, {"aria-describedby", id + "-hint"}},
               form.value(name, fallback));
  html.element("p", {{"class", "field-hint"}, {"id", id + "-hint"}}, hint);
  html.close("div");
}

void checkbox(Html& html, const FormContext& form, const std::string& name, std::string_view label,
              bool checked) {
  html.open("label", {{"class", "choice"}});
  html.empty("input", {{"type", "checkbox"},
                       {"id", form.id(name)},
                       {"name", name},
                       {"value", "yes"},
                       {checked ? "checked" : "", "checked"}});
  html.text(label).close("label");
}

std::vector<Choice> assessment_choices(const Catalog& catalog, std::string_view every) {
  std::vector<Choice> choices{{"", every.empty() ? "Choose an assessment" : std::string(every)}};
  for (const auto* assessment : catalog.active_assessments())
    choices.push_back({std::to_string(assessment->id), assessment->content.name});
  return choices;
}

std::vector<Choice> stage_name_choices(const Catalog& catalog, std::string_view none) {
  std::vector<Choice> choices{{"", std::string(none)}};
  for (const auto& stage : catalog.stage_names())
    choices.push_back({stage.name, fmt::format("{} ({})", stage.name, stage.basic_type)});
  return choices;
}

constexpr std::string_view placeholders_hint =
    "Placeholders: {{candidate}}, {{assessment}}, {{score}}, {{pass_mark}}, {{outcome}} (passed or did not "
    "pass), {{report_url}}.";

// One select for job and stage: "Any job" with each stage name, then each job with its stages.
void job_stage_select(Html& html, const FormContext& form, const Catalog& catalog) {
  const std::string id = form.id("stage");
  const std::string selected = form.value("stage");
  html.open("div", {{"class", "field"}});
  html.element("label", {{"for", id}}, "When an application enters");
  html.open("select",
            {{"id", id}, {"name", "stage"}, {"required", "required"}, {"aria-describedby", id + "-hint"}});
  option(html, {"", "Choose a job and stage"}, selected);
  html.open("optgroup", {{"label", "Any job"}});
  for (const auto& stage : catalog.stage_names())
    option(html, {any_stage_choice(stage.name), stage.name}, selected);
  html.close("optgroup");
  for (std::size_t i = 0; i < catalog.stages.size(); ++i) {
    const auto& known = catalog.stages[i];
    const bool new_job = i == 0 || catalog.stages[i - 1].job_id != known.job_id;
    if (new_job) html.open("optgroup", {{"label", known.job_title}});
    option(html, {stage_choice(known), known.stage.name}, selected);
    if (i + 1 == catalog.stages.size() || catalog.stages[i + 1].job_id != known.job_id)
      html.close("optgroup");
  }
  html.close("select");
  html.element("p", {{"class", "field-hint"}, {"id", id + "-hint"}},
               "A stage of one job, or under Any job a stage by its name in every job.");
  html.close("div");
}

void send_on_stage_fields(Html& html, const FormContext& form, const Catalog& catalog) {
  job_stage_select(html, form, catalog);
  select_field(html, form, "assessment_id", "Send the assessment", assessment_choices(catalog, ""));
  number_field(html, form, "expiry_days", "Expires after (days)", "Blank: the platform's default.");
  number_field(html, form, "reminder_hours", "Reminder after (hours)",
               "Blank: the platform's default; 0: no reminder.");
}

void post_results_fields(Html& html, const FormContext& form, const Catalog& catalog) {
  select_field(html, form, "assessment_id", "Results of", assessment_choices(catalog, "Every assessment"));
  const bool fresh = form.posted.empty();
  html.open("fieldset", {{"class", "rule-checks"}});
  html.element("legend", "Post to the candidate in Pinpoint");
  checkbox(html, form, "record", "The Candidate Assessment record (status, score, report link)",
           fresh || form.posted.contains("record"));
  checkbox(html, form, "comment", "A comment on the application", form.posted.contains("comment"));
  html.close("fieldset");
  textarea_field(html, form, "comment_template", "Comment", workflows::default_comment_template,
                 placeholders_hint);
}

void condition_row(Html& html, const FormContext& form, int band, int condition) {
  std::vector<Choice> kinds{{"", "(none)"}};
  html.open("div", {{"class", "condition"}});
  for (const auto kind : condition_kinds)
    kinds.push_back({std::string(workflows::condition_kind_name(kind)), std::string(condition_label(kind))});
  select_field(html, form, condition_field(band, condition, "kind"), fmt::format("Condition {}", condition),
               kinds);
  number_field(html, form, condition_field(band, condition, "value"), "Score",
               "0-100, for the score conditions.");
  html.close("div");
}

void band_row(Html& html, const FormContext& form, const Catalog& catalog, int band) {
  html.open("fieldset", {{"class", "band-row"}});
  html.element("legend", fmt::format("Band {}", band));
  select_field(html, form, band_field(band, "combine"), "Conditions that must hold",
               {{"all", "All of them"}, {"any", "Any of them"}});
  html.open("div", {{"class", "band-conditions"}});
  for (int c = 1; c <= band_conditions; ++c) condition_row(html, form, band, c);
  html.close("div");
  select_field(html, form, band_field(band, "stage"), "Move to",
               stage_name_choices(catalog, "Choose a stage"), "In the application's own job.");
  text_field(html, {.name = band_field(band, "tags"),
                    .label = "Tags",
                    .value = form.value(band_field(band, "tags")),
                    .hint = "Comma separated, added with the move. Optional.",
                    .id_prefix = form.prefix,
                    .required = false});
  html.close("fieldset");
}

void move_on_result_fields(Html& html, const FormContext& form, const Catalog& catalog) {
  select_field(html, form, "assessment_id", "When this assessment is completed",
               assessment_choices(catalog, ""));
  html.element("p", {{"class", "field-hint field-wide"}},
               "The first band whose conditions hold decides the stage. Leave a band empty to skip it.");
  for (int b = 1; b <= form_bands; ++b) band_row(html, form, catalog, b);
}

void on_expiry_fields(Html& html, const FormContext& form, const Catalog& catalog) {
  select_field(html, form, "assessment_id", "When an invitation expires unstarted",
               assessment_choices(catalog, "Every assessment"));
  select_field(html, form, "stage_name", "Move to", stage_name_choices(catalog, "Do not move"),
               "In the application's own job. Optional.");
  textarea_field(html, form, "comment_template", "Comment", "",
                 fmt::format("Optional. {}", placeholders_hint));
}

// Why the form cannot be used yet, or "" when it can.
std::string missing_for(RuleKind kind, const Catalog& catalog) {
  const bool needs_stages = kind == RuleKind::send_on_stage || kind == RuleKind::move_on_result;
  if (needs_stages && catalog.stages.empty())
    return "No jobs and stages have been read from Pinpoint yet. Refresh them under Integrations.";
  const bool needs_assessment = kind == RuleKind::send_on_stage || kind == RuleKind::move_on_result;
  if (needs_assessment && catalog.active_assessments().empty())
    return "Create an assessment first, under Assessments.";
  return {};
}

}  // namespace

void rule_add_form(Html& html, const accounts::SessionContext& session, std::int64_t workflow_id,
                   RuleKind kind, const Catalog& catalog, const Fields& posted) {
  if (const auto missing = missing_for(kind, catalog); !missing.empty()) {
    html.element("p", {{"class", "muted"}}, missing);
    return;
  }
  const std::string kind_name(workflows::rule_kind_name(kind));
  const FormContext form{posted, kind_name + "-"};
  html.open("form",
            {{"method", "post"}, {"action", workflow_path(workflow_id) + "/rules"}, {"class", "form-grid"}});
  csrf_input(html, session.csrf_token);
  html.empty("input", {{"type", "hidden"}, {"name", "kind"}, {"value", kind_name}});
  switch (kind) {
    case RuleKind::send_on_stage:
      send_on_stage_fields(html, form, catalog);
      break;
    case RuleKind::post_results:
      post_results_fields(html, form, catalog);
      break;
    case RuleKind::move_on_result:
      move_on_result_fields(html, form, catalog);
      break;
    case RuleKind::on_expiry:
      on_expiry_fields(html, form, catalog);
      break;
  }
  html.open("div", {{"class", "form-actions"}});
  html.element("button", {{"type", "submit"}, {"class", "button button-primary"}}, "Add rule");
  html.close("div").close("form");
}

}  // namespace pinbridge::web
