// POST, PUT and DELETE of the simulated API. Each write runs in one transaction that rolls back
// as a whole when any part is invalid (a PUT that adds a tag and names a bad stage changes nothing).
#include "sim/jsonapi.hpp"
#include "sim/resource_reader.hpp"
#include "sim/rest_api.hpp"
#include "sim/sim_sql.hpp"

namespace pinbridge::sim {
namespace {

using nlohmann::json;

// Carries a validation failure out of a transaction so that it rolls back.
struct Rollback {
  Error error;
};

// The request's "data" member; nullopt (and a response) when the body is not a JSON:API document.
std::variant<json, http::Response> parse_data(const http::Request& request) {
  const auto body = json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return error_response(400, "Request body is not valid JSON");
  const auto it = body.find("data");
  if (it == body.end() || it->is_null()) return json::object();
  if (!it->is_object()) return error_response(400, "data must be an object");
  return *it;
}

// The write probe of pinpoint-api.md: POST with an empty data answers 422 and creates nothing.
bool is_empty(const json& data) {
  const auto attributes = data.value("attributes", json::object());
  const auto relationships = data.value("relationships", json::object());
  return (!attributes.is_object() || attributes.empty()) &&
         (!relationships.is_object() || relationships.empty());
}

std::string text(const json& attributes, const char* name) {
  const auto it = attributes.find(name);
  if (it == attributes.end() || it->is_null()) return {};
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::optional<std::string> optional_text(const json& attributes, const char* name) {
  const auto it = attributes.find(name);
  if (it == attributes.end()) return std::nullopt;
  if (it->is_null()) return std::string();
  return it->is_string() ? it->get<std::string>() : it->dump();
}

// relationships.<name>.data.id, else attributes.<fallback>; numbers and numeric strings alike.
std::optional<std::int64_t> related_id(const json& data, const char* name, const char* fallback) {
  const auto relationships = data.value("relationships", json::object());
  if (relationships.is_object() && relationships.contains(name)) {
    const auto& rel = relationships[name];
    if (rel.is_object() && rel.contains("data") && rel["data"].is_object() && rel["data"].contains("id"))
      return id_from_json(rel["data"]["id"]);
  }
  const auto attributes = data.value("attributes", json::object());
  if (fallback != nullptr && attributes.is_object() && attributes.contains(fallback))
    return id_from_json(attributes[fallback]);
  return std::nullopt;
}

AssessmentInput assessment_input(const json& data) {
  const auto a = data.value("attributes", json::object());
  AssessmentInput in;
  in.application_id = related_id(data, "application", nullptr);
  in.assessment_name = optional_text(a, "assessment_name");
  in.provider_code = optional_text(a, "provider_code");
  in.external_uid = optional_text(a, "external_uid");
  in.status = optional_text(a, "status");
  in.result = optional_text(a, "result");
  in.result_url = optional_text(a, "result_url");
  if (a.contains("result_details")) in.result_details = a["result_details"];
  return in;
}

template <typename T>
T or_rollback(Result<T> result) {
  if (!result) throw Rollback{result.error()};
  if constexpr (!std::is_void_v<T>) return std::move(result).value();
}

void apply_tags(Pinpoint& p, store::Connection& c, std::int64_t company, std::int64_t id,
                const json& attributes) {
  const auto add = attributes.value("add_tags_with_context", json::array());
  for (const auto& tag : add.is_array() ? add : json::array({add}))
    if (tag.is_object()) or_rollback(p.add_tag(c, company, id, text(tag, "tag"), text(tag, "context")));
  if (!attributes.contains("remove_tag_with_context")) return;
  const auto& remove = attributes["remove_tag_with_context"];
  for (const auto& tag : remove.is_array() ? remove : json::array({remove}))
    if (tag.is_object()) or_rollback(p.remove_tag(c, company, id, text(tag, "tag"), text(tag, "context")));
}

std::int64_t create_in(Pinpoint& p, store::Connection& c, std::int64_t company, const ResourceDef& def,
                       const json& data) {
  const auto a = data.value("attributes", json::object());
  if (def.type == "applications") {
    NewApplication app{related_id(data, "job", "job_id").value_or(0),
                       text(a, "first_name"),
                       text(a, "last_name"),
                       text(a, "email"),
                       text(a, "phone"),
                       text(a, "external_system_reference"),
                       a.value("attachments", json::array())};
    return or_rollback(p.create_application(c, company, app, "api"));
  }
  if (def.type == "job_seekers")
    return or_rollback(
        p.create_job_seeker(c, company, text(a, "email"), text(a, "first_name"), text(a, "last_name")));
  if (def.type == "comments")
    return or_rollback(p.create_comment(
        c, company, related_id(data, "commentable", "commentable_id").value_or(0), text(a, "body_text")));
  return or_rollback(p.create_assessment(c, company, assessment_input(data)));
}

void update_in(Pinpoint& p, store::Connection& c, std::int64_t company, const ResourceDef& def,
               std::int64_t id, const json& data) {
  const auto a = data.value("attributes", json::object());
  if (def.type == "applications") {
    if (!load_resource(c, company, def, id)) throw Rollback{Error::not_found("Record not found")};
    apply_tags(p, c, company, id, a.is_object() ? a : json::object());
    if (const auto job = related_id(data, "job", nullptr))
      or_rollback(p.move_to_job(c, company, id, *job, "api"));
    const auto stage = related_id(data, "stage", "stage_id");
    const bool names_stage =
        data.value("relationships", json::object()).contains("stage") || a.contains("stage_id");
    if (names_stage && !stage) throw Rollback{Error::invalid("Stage is invalid")};
    if (stage) or_rollback(p.move_to_stage(c, company, id, *stage, "api"));
  } else if (def.type == "candidates") {
    or_rollback(p.update_candidate(c, company, id, a));
  } else {
    or_rollback(p.update_assessment(c, company, id, assessment_input(data)));
  }
}

bool creatable(const ResourceDef& def) {
  return def.type == "applications" || def.type == "comments" || def.type == "candidate_assessments" ||
         def.type == "job_seekers";
}
bool updatable(const ResourceDef& def) {
  return def.type == "applications" || def.type == "candidates" || def.type == "candidate_assessments";
}
bool deletable(const ResourceDef& def) {
  return def.type == "comments" || def.type == "candidate_assessments";
}

}  // namespace

http::Response RestApi::create(const http::Request& request, const ApiKey& key, const ResourceDef& def) {
  auto data = parse_data(request);
  if (auto* bad = std::get_if<http::Response>(&data)) return std::move(*bad);
  const auto& payload = std::get<json>(data);
  if (is_empty(payload)) return error_response(422, "data can't be blank");
  if (!creatable(def))
    return error_response(400, std::string(def.type) + " cannot be created through the API");
  try {
    const auto resource = database_.write([&](store::Connection& c) {
      const auto id = create_in(pinpoint_, c, key.company_id, def, payload);
      return *load_resource(c, key.company_id, def, id);
    });
    return document_response(201,
                             {{"data", resource}, {"included", json::array()}, {"meta", json::object()}});
  } catch (const Rollback& rollback) {
    return api_error(rollback.error);
  }
}

http::Response RestApi::update(const http::Request& request, const ApiKey& key, const ResourceDef& def,
                               std::int64_t id) {
  auto data = parse_data(request);
  if (auto* bad = std::get_if<http::Response>(&data)) return std::move(*bad);
  if (!updatable(def))
    return error_response(400, std::string(def.type) + " cannot be updated through the API");
  try {
    const auto resource = database_.write([&](store::Connection& c) {
      update_in(pinpoint_, c, key.company_id, def, id, std::get<json>(data));
      const auto loaded = load_resource(c, key.company_id, def, id);
      if (!loaded) throw Rollback{Error::not_found("Record not found")};
      return *loaded;
    });
    return document_response(200,
                             {{"data", resource}, {"included", json::array()}, {"meta", json::object()}});
  } catch (const Rollback& rollback) {
    return api_error(rollback.error);
  }
}

http::Response RestApi::remove(const ApiKey& key, const ResourceDef& def, std::int64_t id) {
  if (!deletable(def))
    return error_response(400, std::string(def.type) + " cannot be deleted through the API");
  const auto deleted = database_.write([&](store::Connection& c) {
    return c.execute(def.type == "comments" ? sql::delete_comment : sql::delete_assessment,
                     {key.company_id, id});
  });
  if (deleted == 0) return error_response(404, "Record not found");
  return document_response(200, {{"meta", json::object()}});
}

}  // namespace pinbridge::sim
