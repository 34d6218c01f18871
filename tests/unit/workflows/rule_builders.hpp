#pragma once
// Short ways to write the rules the workflow tests build.
#include <string>
#include <utility>
#include <vector>

#include "workflows/rules.hpp"

namespace pinbridge::workflows::builders {

inline Condition at_least(int value) {
  return {ConditionKind::score_at_least, value};
}
inline Condition below(int value) {
  return {ConditionKind::score_below, value};
}
inline Condition passed() {
  return {ConditionKind::passed, 0};
}
inline Condition failed() {
  return {ConditionKind::failed, 0};
}
inline Condition flagged() {
  return {ConditionKind::integrity_flagged, 0};
}
inline Condition clean() {
  return {ConditionKind::integrity_clean, 0};
}

inline Band all(std::vector<Condition> conditions, std::string stage, std::vector<std::string> tags = {}) {
  return {Combine::all, std::move(conditions), std::move(stage), std::move(tags)};
}
inline Band any(std::vector<Condition> conditions, std::string stage, std::vector<std::string> tags = {}) {
  return {Combine::any, std::move(conditions), std::move(stage), std::move(tags)};
}

inline MoveOnResult move_on(std::int64_t assessment_id, std::vector<Band> bands) {
  return {assessment_id, std::move(bands)};
}

// Send on entering a stage of any job, matched by name.
inline SendOnStage send_any_job(std::string stage, std::int64_t assessment_id) {
  SendOnStage s;
  s.stage.stage_name = std::move(stage);
  s.assessment_id = assessment_id;
  return s;
}

// Send on entering one job's stage, by id.
inline SendOnStage send_in_job(std::int64_t job_id, std::int64_t stage_id, std::int64_t assessment_id) {
  SendOnStage s;
  s.stage = {job_id, stage_id, "Technical screen", "Backend engineer"};
  s.assessment_id = assessment_id;
  return s;
}

inline PostResults post(std::optional<std::int64_t> assessment_id, bool record, bool comment) {
  PostResults p;
  p.assessment_id = assessment_id;
  p.record = record;
  p.comment = comment;
  return p;
}

inline Rule rule(std::int64_t id, RuleSettings settings) {
  return {id, 1, 1, true, std::move(settings)};
}

}  // namespace pinbridge::workflows::builders
