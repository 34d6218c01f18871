#include "sim/resources.hpp"

#include <array>

namespace pinbridge::sim {
namespace {

using K = FieldKind;

constexpr Field created_at{"created_at", "created_at", K::timestamp};
constexpr Field updated_at{"updated_at", "updated_at", K::timestamp};
constexpr FilterColumn id_filter{"id", "id", K::integer};
constexpr FilterColumn created_filter{"created_at", "created_at", K::timestamp};
constexpr FilterColumn updated_filter{"updated_at", "updated_at", K::timestamp};

ResourceDef applications() {
  return {"applications",
          "applications",
          "Application",
          {{"first_name", "first_name", K::text},
           {"last_name", "last_name", K::text},
           {"full_name", "TRIM(first_name || ' ' || last_name)", K::text},
           {"email", "email", K::text},
           {"phone", "phone", K::text},
           {"candidate_id", "candidate_id", K::integer},
           {"job_id", "job_id", K::integer},
           {"stage_id", "stage_id", K::integer},
           {"uuid", "uuid", K::text},
           created_at,
           updated_at,
           {"hired_at", "hired_at", K::timestamp},
           {"rejected_at", "rejected_at", K::timestamp},
           {"external_system_reference", "external_system_reference", K::text},
           {"attachments", "attachments", K::json, true},
           {"tags", "", K::tags, true}},
          {id_filter,
           created_filter,
           updated_filter,
           {"candidate_email", "email", K::text},
           {"email", "email", K::text},
           {"job_id", "job_id", K::integer},
           {"stage_id", "stage_id", K::integer},
           {"candidate_id", "candidate_id", K::integer},
           {"external_system_reference", "external_system_reference", K::text}},
          {{"candidate", "candidates", "candidate_id"},
           {"job", "jobs", "job_id"},
           {"stage", "stages", "stage_id"}},
          {}};
}

ResourceDef candidates() {
  return {"candidates",
          "candidates",
          "Candidate",
          {{"first_name", "first_name", K::text},
           {"last_name", "last_name", K::text},
           {"full_name", "TRIM(first_name || ' ' || last_name)", K::text},
           {"email", "email", K::text},
           {"phone", "phone", K::text},
           created_at,
           updated_at},
          {id_filter, created_filter, updated_filter},
          {},
          {{"applications", "applications", "id", "candidate_id"}}};
}

ResourceDef jobs() {
  return {
      "jobs",
      "pinpoint_jobs",
      "Job",
      {{"title", "title", K::text},
       {"status", "status", K::text},
       {"selected_hiring_workflow_id", "selected_hiring_workflow_id", K::integer},
       created_at,
       updated_at},
      {id_filter, created_filter, updated_filter, {"status", "status", K::text}, {"title", "title", K::text}},
      {{"hiring_workflow", "hiring_workflows", "selected_hiring_workflow_id"}},
      {{"stages", "stages", "selected_hiring_workflow_id", "hiring_workflow_id"}}};
}

ResourceDef hiring_workflows() {
  return {"hiring_workflows",
          "hiring_workflows",
          "Hiring Workflow",
          {{"name", "name", K::text}, created_at, updated_at},
          {id_filter, created_filter, updated_filter, {"name", "name", K::text}},
          {},
          {{"stages", "stages", "id", "hiring_workflow_id"}}};
}

ResourceDef stages() {
  ResourceDef def{"stages",
                  "stages",
                  "Hiring Workflow",
                  {{"name", "name", K::text},
                   {"basic_type", "basic_type", K::text},
                   {"position", "position", K::integer},
                   {"hiring_workflow_id", "hiring_workflow_id", K::integer},
                   created_at,
                   updated_at},
                  {id_filter},
                  {{"hiring_workflow", "hiring_workflows", "hiring_workflow_id"}},
                  {}};
  def.order = "position";
  def.routable = false;  // "There is no /stages endpoint."
  return def;
}

ResourceDef comments() {
  return {"comments",
          "comments",
          "Comment",
          {{"body_text", "body_text", K::text},
           {"commentable_id", "commentable_id", K::integer},
           {"commentable_type", "commentable_type", K::text},
           {"user_id", "user_id", K::integer},
           created_at,
           updated_at},
          {id_filter,
           created_filter,
           updated_filter,
           {"commentable_id", "commentable_id", K::integer},
           {"commentable_type", "commentable_type", K::text}},
          {{"commentable", "applications", "commentable_id"}, {"user", "users", "user_id"}},
          {}};
}

ResourceDef candidate_assessments() {
  return {"candidate_assessments",
          "candidate_assessments",
          "Candidate Assessment",
          {{"application_id", "application_id", K::integer},
           {"assessment_name", "assessment_name", K::text},
           {"provider_code", "provider_code", K::text},
           {"external_uid", "external_uid", K::text},
           {"status", "status", K::text},
           {"result", "result", K::text},
           {"result_url", "result_url", K::text},
           {"result_details", "result_details", K::json},
           created_at,
           updated_at},
          {id_filter,
           created_filter,
           updated_filter,
           {"application_id", "application_id", K::integer},
           {"external_uid", "external_uid", K::text},
           {"status", "status", K::text}},
          {{"application", "applications", "application_id"}},
          {}};
}

ResourceDef users() {
  return {"users",
          "users",
          "User",
          {{"email", "email", K::text},
           {"first_name", "first_name", K::text},
           {"last_name", "last_name", K::text},
           created_at,
           updated_at},
          {id_filter, created_filter, updated_filter, {"email", "email", K::text}},
          {},
          {}};
}

ResourceDef job_seekers() {
  return {"job_seekers",
          "job_seekers",
          "Talent Pipeline",
          {{"email", "email", K::text},
           {"first_name", "first_name", K::text},
           {"last_name", "last_name", K::text},
           created_at,
           updated_at},
          {id_filter, created_filter, updated_filter, {"email", "email", K::text}},
          {},
          {}};
}

const std::array<ResourceDef, 9>& all_resources() {
  static const std::array<ResourceDef, 9> defs{applications(),          candidates(), jobs(),
                                               hiring_workflows(),      stages(),     comments(),
                                               candidate_assessments(), users(),      job_seekers()};
  return defs;
}

}  // namespace

const ResourceDef* find_resource(std::string_view type) {
  for (const auto& def : all_resources())
    if (def.type == type) return &def;
  return nullptr;
}

}  // namespace pinbridge::sim
