#pragma once
// The planner: which actions the account's active rules ask for when a domain event happens. Pure
// (no database, no network), so the engine, the dry run and the unit tests share it.
//
//   pinpoint.application_created / pinpoint.application_stage_changed
//       -> send on stage: invite                         key invite:<rule>:<application>:<assessment>
//   invitation.created (a workflow's invitation)
//       -> post results: pending record                   key record:<rule>:<invitation>:pending
//   assessment.completed (a workflow's invitation)
//       -> post results: completed record, comment        key record:<rule>:<invitation>:result:<id>,
//                                                              comment:<rule>:<invitation>
//       -> move on result: move to the band's stage, tags key move:<rule>:<invitation>
//   result.updated (a re-grade or a recruiter's verdict)
//       -> post results: the same record updated          key record:<rule>:<invitation>:result:<id>
//   invitation.expired
//       -> post results: abandoned record                 key record:<rule>:<invitation>:abandoned
//       -> on expiry: move, comment                        key expired-move / expired-comment:<rule>:<inv>
//
// The keys make every effect happen once however often its event comes: an application that
// re-enters a stage, a replayed webhook, our own stage move coming back from Pinpoint. A move is
// made once per invitation: a re-grade updates the record but does not move the candidate again.
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "workflows/rules.hpp"
#include "workflows/run_log.hpp"
#include "workflows/workflow_store.hpp"

namespace pinbridge::workflows {

// Invitations a workflow makes carry this reference, which links them to the application.
std::string application_ref(std::int64_t application_id);
std::optional<std::int64_t> application_from_ref(std::string_view external_ref);

struct Plan {
  std::string summary;  // the trigger in a recruiter's words; "" when the event is not one we plan for
  std::optional<std::int64_t> application_id;
  std::vector<PlannedAction> actions;
};

struct PlanContext {
  // The assessment's name for explanations ("" when unknown).
  std::function<std::string(std::int64_t assessment_id)> assessment_name;
};

// The event kinds plan() acts on; the engine subscribes to these.
const std::vector<std::string>& planned_event_kinds();

// kind and data as recorded by events::EventLog (automations/delivery_processor.hpp and
// assessments/invitation.hpp name the kinds and their data).
Plan plan(const std::string& kind, const nlohmann::json& data,
          const std::vector<WorkflowStore::ActiveRule>& rules, const PlanContext& context);

}  // namespace pinbridge::workflows
