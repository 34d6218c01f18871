#include "workflows/planner.hpp"

#include <fmt/format.h>

#include <charconv>

namespace pinbridge::workflows {
namespace {

constexpr std::string_view ref_prefix = "pinpoint-application:";

std::optional<std::int64_t> integer_at(const nlohmann::json& data, const char* key) {
  const auto it = data.find(key);
  return it != data.end() && it->is_number_integer() ? std::optional(it->get<std::int64_t>()) : std::nullopt;
}

std::string text_at(const nlohmann::json& data, const char* key) {
  const auto it = data.find(key);
  return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool covers(const std::optional<std::int64_t>& rule_assessment, std::int64_t assessment_id) {
  return !rule_assessment || *rule_assessment == assessment_id;
}

// The facts of a stage event, as DeliveryProcessor::describe wrote them.
struct StageEntry {
  std::int64_t application_id = 0;
  std::optional<std::int64_t> job_id, stage_id;
  std::string candidate, email, job_title, stage_name;

  std::string where() const {
    const auto stage = stage_name.empty() ? fmt::format("stage #{}", stage_id.value_or(0)) : stage_name;
    return job_title.empty() ? stage : fmt::format("{} ({})", stage, job_title);
  }
};

StageEntry stage_entry(const nlohmann::json& data) {
  StageEntry entry;
  entry.application_id = integer_at(data, "application_id").value_or(0);
  entry.job_id = integer_at(data, "job_id");
  entry.stage_id = integer_at(data, "stage_id");
  entry.candidate = fmt::format("{} {}", text_at(data, "first_name"), text_at(data, "last_name"));
  entry.email = text_at(data, "email");
  entry.job_title = text_at(data, "job_title");
  entry.stage_name = text_at(data, "stage_name");
  return entry;
}

bool matches(const StageMatch& match, const StageEntry& entry) {
  if (match.job_id) return match.job_id == entry.job_id && match.stage_id == entry.stage_id;
  return !entry.stage_name.empty() && same_stage_name(match.stage_name, entry.stage_name);
}

Plan plan_stage_entry(const std::string& kind, const nlohmann::json& data,
                      const std::vector<WorkflowStore::ActiveRule>& rules, const PlanContext& context) {
  const auto entry = stage_entry(data);
  Plan plan;
  plan.application_id = entry.application_id;
  plan.summary = kind == "pinpoint.application_created"
                     ? fmt::format("New application from {}, in {}", entry.candidate, entry.where())
                     : fmt::format("{} entered {}", entry.candidate, entry.where());
  for (const auto& [rule, workflow_name] : rules) {
    const auto* send = std::get_if<SendOnStage>(&rule.settings);
    if (send == nullptr || !matches(send->stage, entry)) continue;
    plan.actions.push_back(
        {rule.id,
         workflow_name,
         ActionKind::invite,
         fmt::format("invite:{}:{}:{}", rule.id, entry.application_id, send->assessment_id),
         {{"application_id", entry.application_id},
          {"assessment_id", send->assessment_id},
          {"candidate_name", entry.candidate},
          {"email", entry.email},
          {"expiry_days", send->expiry_days ? nlohmann::json(*send->expiry_days) : nlohmann::json()},
          {"reminder_after_hours",
           send->reminder_after_hours ? nlohmann::json(*send->reminder_after_hours) : nlohmann::json()}},
         fmt::format("invited {} to {} by '{}' because the application entered {}", entry.candidate,
                     context.assessment_name(send->assessment_id), workflow_name, entry.where())});
  }
  return plan;
}

// The facts of a platform event about an invitation a workflow made.
struct InvitationFacts {
  std::int64_t invitation_id = 0;
  std::int64_t assessment_id = 0;
  std::int64_t application_id = 0;
  std::string candidate, assessment;
  std::optional<std::int64_t> result_id;
  Outcome outcome;
};

InvitationFacts invitation_facts(const nlohmann::json& data, std::int64_t application_id,
                                 const PlanContext& context) {
  InvitationFacts facts;
  facts.invitation_id = integer_at(data, "invitation_id").value_or(0);
  facts.assessment_id = integer_at(data, "assessment_id").value_or(0);
  facts.application_id = application_id;
  facts.candidate = text_at(data, "candidate_name");
  facts.assessment = context.assessment_name(facts.assessment_id);
  facts.result_id = integer_at(data, "result_id");
  facts.outcome.score = static_cast<int>(integer_at(data, "score").value_or(0));
  facts.outcome.passed = data.value("passed", false);
  const auto integrity = data.value("integrity", nlohmann::json::object());
  facts.outcome.integrity_flagged = integrity.value("left_page", 0) > 0 || integrity.value("pastes", 0) > 0;
  return facts;
}

nlohmann::json base_args(const InvitationFacts& facts) {
  return {{"invitation_id", facts.invitation_id}, {"application_id", facts.application_id}};
}

PlannedAction record_action(const Rule& rule, const std::string& workflow, const InvitationFacts& facts,
                            const std::string& status, const std::string& key_suffix) {
  auto args = base_args(facts);
  args["status"] = status;
  if (facts.result_id) args["result_id"] = *facts.result_id;
  return {rule.id,
          workflow,
          ActionKind::post_record,
          fmt::format("record:{}:{}:{}", rule.id, facts.invitation_id, key_suffix),
          args,
          fmt::format("marked {} {} on {}'s Pinpoint profile by '{}'", facts.assessment, status,
                      facts.candidate, workflow)};
}

PlannedAction comment_action(const Rule& rule, const std::string& workflow, const InvitationFacts& facts,
                             const std::string& key, const std::string& text, const std::string& why) {
  auto args = base_args(facts);
  args["template"] = text;
  return {rule.id,
          workflow,
          ActionKind::post_comment,
          key,
          args,
          fmt::format("commented on {}'s application by '{}' {}", facts.candidate, workflow, why)};
}

PlannedAction move_action(const Rule& rule, const std::string& workflow, const InvitationFacts& facts,
                          const std::string& key, const std::string& stage,
                          const std::vector<std::string>& tags, const std::string& why) {
  auto args = base_args(facts);
  args["stage_name"] = stage;
  args["tags"] = tags;
  return {rule.id,
          workflow,
          ActionKind::move_stage,
          key,
          args,
          fmt::format("moved {} to {} by '{}' because {}", facts.candidate, stage, workflow, why)};
}

void plan_invited(Plan& plan, const InvitationFacts& facts,
                  const std::vector<WorkflowStore::ActiveRule>& rules) {
  plan.summary = fmt::format("{} was invited to {}", facts.candidate, facts.assessment);
  for (const auto& [rule, workflow] : rules)
    if (const auto* post = std::get_if<PostResults>(&rule.settings);
        post != nullptr && post->record && covers(post->assessment_id, facts.assessment_id))
      plan.actions.push_back(record_action(rule, workflow, facts, "pending", "pending"));
}

void plan_completed(Plan& plan, const InvitationFacts& facts,
                    const std::vector<WorkflowStore::ActiveRule>& rules) {
  plan.summary = fmt::format("{} completed {}: score {}, {}", facts.candidate, facts.assessment,
                             facts.outcome.score, facts.outcome.passed ? "passed" : "did not pass");
  const auto result_key = fmt::format("result:{}", facts.result_id.value_or(0));
  for (const auto& [rule, workflow] : rules) {
    if (const auto* post = std::get_if<PostResults>(&rule.settings);
        post != nullptr && covers(post->assessment_id, facts.assessment_id)) {
      if (post->record) plan.actions.push_back(record_action(rule, workflow, facts, "completed", result_key));
      if (post->comment)
        plan.actions.push_back(comment_action(rule, workflow, facts,
                                              fmt::format("comment:{}:{}", rule.id, facts.invitation_id),
                                              post->comment_template, "with the result"));
    }
    const auto* move = std::get_if<MoveOnResult>(&rule.settings);
    if (move == nullptr || move->assessment_id != facts.assessment_id) continue;
    if (const auto* band = first_band(*move, facts.outcome))
      plan.actions.push_back(move_action(rule, workflow, facts,
                                         fmt::format("move:{}:{}", rule.id, facts.invitation_id),
                                         band->stage_name, band->tags, explain(*band, facts.outcome)));
  }
}

void plan_regraded(Plan& plan, const InvitationFacts& facts,
                   const std::vector<WorkflowStore::ActiveRule>& rules) {
  plan.summary = fmt::format("{}'s result for {} changed: score {}", facts.candidate, facts.assessment,
                             facts.outcome.score);
  for (const auto& [rule, workflow] : rules)
    if (const auto* post = std::get_if<PostResults>(&rule.settings);
        post != nullptr && post->record && covers(post->assessment_id, facts.assessment_id))
      plan.actions.push_back(record_action(rule, workflow, facts, "completed",
                                           fmt::format("result:{}", facts.result_id.value_or(0))));
}

void plan_expired(Plan& plan, const InvitationFacts& facts,
                  const std::vector<WorkflowStore::ActiveRule>& rules) {
  plan.summary = fmt::format("{}'s invitation to {} expired unstarted", facts.candidate, facts.assessment);
  for (const auto& [rule, workflow] : rules) {
    if (const auto* post = std::get_if<PostResults>(&rule.settings);
        post != nullptr && post->record && covers(post->assessment_id, facts.assessment_id))
      plan.actions.push_back(record_action(rule, workflow, facts, "abandoned", "abandoned"));
    const auto* expiry = std::get_if<OnExpiry>(&rule.settings);
    if (expiry == nullptr || !covers(expiry->assessment_id, facts.assessment_id)) continue;
    const auto why = fmt::format("the invitation to {} expired", facts.assessment);
    if (!expiry->stage_name.empty())
      plan.actions.push_back(move_action(rule, workflow, facts,
                                         fmt::format("expired-move:{}:{}", rule.id, facts.invitation_id),
                                         expiry->stage_name, {}, why));
    if (!expiry->comment_template.empty())
      plan.actions.push_back(comment_action(
          rule, workflow, facts, fmt::format("expired-comment:{}:{}", rule.id, facts.invitation_id),
          expiry->comment_template, "because " + why));
  }
}

Plan plan_invitation_event(const std::string& kind, const nlohmann::json& data,
                           const std::vector<WorkflowStore::ActiveRule>& rules, const PlanContext& context) {
  const auto application_id = application_from_ref(text_at(data, "external_ref"));
  if (!application_id) return {};  // not a workflow's invitation: nothing of ours to update
  const auto facts = invitation_facts(data, *application_id, context);
  Plan plan;
  plan.application_id = application_id;
  if (kind == "invitation.created") plan_invited(plan, facts, rules);
  if (kind == "assessment.completed") plan_completed(plan, facts, rules);
  if (kind == "result.updated") plan_regraded(plan, facts, rules);
  if (kind == "invitation.expired") plan_expired(plan, facts, rules);
  return plan;
}

}  // namespace

std::string application_ref(std::int64_t application_id) {
  return fmt::format("{}{}", ref_prefix, application_id);
}

std::optional<std::int64_t> application_from_ref(std::string_view external_ref) {
  if (!external_ref.starts_with(ref_prefix)) return std::nullopt;
  const auto digits = external_ref.substr(ref_prefix.size());
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (error != std::errc() || end != digits.data() + digits.size() || id <= 0) return std::nullopt;
  return id;
}

const std::vector<std::string>& planned_event_kinds() {
  static const std::vector<std::string> kinds = {"pinpoint.application_created",
                                                 "pinpoint.application_stage_changed",
                                                 "pinpoint.application_moved",
                                                 "invitation.created",
                                                 "assessment.completed",
                                                 "result.updated",
                                                 "invitation.expired"};
  return kinds;
}

Plan plan(const std::string& kind, const nlohmann::json& data,
          const std::vector<WorkflowStore::ActiveRule>& rules, const PlanContext& context) {
  if (kind.starts_with("pinpoint.")) return plan_stage_entry(kind, data, rules, context);
  return plan_invitation_event(kind, data, rules, context);
}

}  // namespace pinbridge::workflows
