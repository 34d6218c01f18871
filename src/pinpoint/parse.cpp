#include "pinpoint/parse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace pinbridge::pinpoint {
namespace {

using nlohmann::json;

// The checked frame of one resource object: its id, and its attributes (empty when absent).
struct Resource {
  Id id = 0;
  const json* attributes = nullptr;
  const json* relationships = nullptr;
};

const json& empty_object() {
  static const json empty = json::object();
  return empty;
}

Result<Resource> frame(const json& resource, std::string_view type) {
  if (!resource.is_object()) return Error::invalid(fmt::format("a {} resource is not an object", type));
  const auto id = parse_id(resource.value("id", json()));
  if (!id) return Error::invalid(fmt::format("a {} resource has no usable id", type));
  if (resource.contains("type") && resource["type"] != type)
    return Error::invalid(fmt::format("expected a {} resource, got {}", type, resource["type"].dump()));
  Resource out{*id, &empty_object(), &empty_object()};
  if (resource.contains("attributes") && resource["attributes"].is_object())
    out.attributes = &resource["attributes"];
  if (resource.contains("relationships") && resource["relationships"].is_object())
    out.relationships = &resource["relationships"];
  return out;
}

// Text attributes: strings as they are, numbers as their JSON text (a score may come as 85),
// absent or null as "".
std::string text(const json& attributes, const char* name) {
  const auto it = attributes.find(name);
  if (it == attributes.end() || it->is_null()) return {};
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::optional<Id> id_attribute(const json& attributes, const char* name) {
  const auto it = attributes.find(name);
  return it == attributes.end() ? std::nullopt : parse_id(*it);
}

// The linkage of a relationship: {"data": {"type", "id"}} or {"data": [...]}; nullptr when it is
// {"meta": {"included": false}}, null, or absent.
const json* linkage(const Resource& resource, const char* name) {
  const auto it = resource.relationships->find(name);
  if (it == resource.relationships->end() || !it->is_object()) return nullptr;
  const auto data = it->find("data");
  if (data == it->end() || data->is_null()) return nullptr;
  return &*data;
}

std::optional<Id> to_one_id(const Resource& resource, const char* name) {
  const json* data = linkage(resource, name);
  if (data == nullptr || !data->is_object()) return std::nullopt;
  return parse_id(data->value("id", json()));
}

// The included stages a to-many "stages" relationship points at, in workflow order.
Result<std::vector<Stage>> stages_of(const Resource& resource, const Included& included) {
  std::vector<Stage> stages;
  const json* data = linkage(resource, "stages");
  if (data == nullptr || !data->is_array()) return stages;
  for (const auto& ref : *data) {
    const auto id = ref.is_object() ? parse_id(ref.value("id", json())) : std::nullopt;
    const json* stage = id ? included.find("stages", *id) : nullptr;
    if (stage == nullptr) continue;  // linked but not side-loaded: nothing to read
    auto parsed = parse_stage(*stage, included);
    if (!parsed) return parsed.error();
    stages.push_back(std::move(parsed).value());
  }
  std::stable_sort(stages.begin(), stages.end(),
                   [](const Stage& a, const Stage& b) { return a.position < b.position; });
  return stages;
}

Application application_attributes(Id id, const json& a) {
  Application app;
  app.id = id;
  app.first_name = text(a, "first_name");
  app.last_name = text(a, "last_name");
  app.full_name = text(a, "full_name");
  app.email = text(a, "email");
  app.phone = text(a, "phone");
  app.candidate_id = id_attribute(a, "candidate_id");
  app.job_id = id_attribute(a, "job_id");
  app.stage_id = id_attribute(a, "stage_id");
  app.uuid = text(a, "uuid");
  app.created_at = text(a, "created_at");
  app.updated_at = text(a, "updated_at");
  app.hired_at = text(a, "hired_at");
  app.rejected_at = text(a, "rejected_at");
  app.external_system_reference = text(a, "external_system_reference");
  // Read as {name, context}; written as {tag, context} (see requests.cpp).
  if (const auto tags = a.find("tags"); tags != a.end() && tags->is_array())
    for (const auto& tag : *tags)
      if (tag.is_object()) app.tags.push_back({text(tag, "name"), text(tag, "context")});
  return app;
}

}  // namespace

std::optional<Id> parse_id(const json& value) {
  if (value.is_number_unsigned() || value.is_number_integer()) {
    const auto id = value.get<std::int64_t>();
    return id > 0 ? std::optional<Id>(id) : std::nullopt;
  }
  if (!value.is_string()) return std::nullopt;
  const auto& text = value.get_ref<const std::string&>();
  Id id = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, id);
  if (text.empty() || ec != std::errc() || ptr != end || id <= 0) return std::nullopt;
  return id;
}

Included::Included(const json& document) {
  const auto it = document.find("included");
  if (it == document.end() || !it->is_array()) return;
  for (const auto& resource : *it) {
    if (!resource.is_object() || !resource.contains("type") || !resource["type"].is_string()) continue;
    if (const auto id = parse_id(resource.value("id", json())))
      index_.emplace(std::pair{resource["type"].get<std::string>(), *id}, &resource);
  }
}

const json* Included::find(const std::string& type, Id id) const {
  const auto it = index_.find({type, id});
  return it == index_.end() ? nullptr : it->second;
}

Result<Stage> parse_stage(const json& resource, const Included&) {
  auto r = frame(resource, "stages");
  if (!r) return r.error();
  const json& a = *r->attributes;
  const auto position = a.value("position", json());
  return Stage{r->id, text(a, "name"), text(a, "basic_type"),
               position.is_number_integer() ? position.get<int>() : 0};
}

Result<Job> parse_job(const json& resource, const Included& included) {
  auto r = frame(resource, "jobs");
  if (!r) return r.error();
  const json& a = *r->attributes;
  auto stages = stages_of(*r, included);
  if (!stages) return stages.error();
  auto workflow = id_attribute(a, "selected_hiring_workflow_id");
  if (!workflow) workflow = to_one_id(*r, "hiring_workflow");
  return Job{r->id, text(a, "title"), text(a, "status"), workflow, std::move(stages).value()};
}

Result<HiringWorkflow> parse_hiring_workflow(const json& resource, const Included& included) {
  auto r = frame(resource, "hiring_workflows");
  if (!r) return r.error();
  auto stages = stages_of(*r, included);
  if (!stages) return stages.error();
  return HiringWorkflow{r->id, text(*r->attributes, "name"), std::move(stages).value()};
}

Result<Application> parse_application(const json& resource, const Included& included) {
  auto r = frame(resource, "applications");
  if (!r) return r.error();
  Application app = application_attributes(r->id, *r->attributes);
  // Foreign keys may be missing from a sparse fieldset while the linkage is there.
  if (!app.candidate_id) app.candidate_id = to_one_id(*r, "candidate");
  if (!app.job_id) app.job_id = to_one_id(*r, "job");
  if (!app.stage_id) app.stage_id = to_one_id(*r, "stage");
  if (const json* job = app.job_id ? included.find("jobs", *app.job_id) : nullptr) {
    auto parsed = parse_job(*job, included);
    if (!parsed) return parsed.error();
    app.job = std::move(parsed).value();
  }
  if (const json* stage = app.stage_id ? included.find("stages", *app.stage_id) : nullptr) {
    auto parsed = parse_stage(*stage, included);
    if (!parsed) return parsed.error();
    app.stage = std::move(parsed).value();
  }
  return app;
}

Result<Comment> parse_comment(const json& resource, const Included&) {
  auto r = frame(resource, "comments");
  if (!r) return r.error();
  const json& a = *r->attributes;
  auto commentable = id_attribute(a, "commentable_id");
  if (!commentable) commentable = to_one_id(*r, "commentable");
  return Comment{r->id,
                 text(a, "body_text"),
                 commentable,
                 text(a, "commentable_type"),
                 id_attribute(a, "user_id"),
                 text(a, "created_at")};
}

Result<CandidateAssessment> parse_candidate_assessment(const json& resource, const Included&) {
  auto r = frame(resource, "candidate_assessments");
  if (!r) return r.error();
  const json& a = *r->attributes;
  CandidateAssessment out;
  out.id = r->id;
  out.application_id = id_attribute(a, "application_id");
  if (!out.application_id) out.application_id = to_one_id(*r, "application");
  out.assessment_name = text(a, "assessment_name");
  out.provider_code = text(a, "provider_code");
  out.external_uid = text(a, "external_uid");
  out.status = text(a, "status");
  out.result = text(a, "result");
  out.result_url = text(a, "result_url");
  out.result_details = a.value("result_details", json());
  out.created_at = text(a, "created_at");
  out.updated_at = text(a, "updated_at");
  return out;
}

Result<User> parse_user(const json& resource, const Included&) {
  auto r = frame(resource, "users");
  if (!r) return r.error();
  const json& a = *r->attributes;
  return User{r->id, text(a, "email"), text(a, "first_name"), text(a, "last_name")};
}

}  // namespace pinbridge::pinpoint
