// Applications: creation with the candidate, stage moves (hiring and rejection are moves to the
// hired/rejected stage of the job's workflow), moves to another job, tags, candidate updates.
#include <fmt/format.h>

#include "sim/pinpoint.hpp"
#include "sim/sim_sql.hpp"

namespace pinbridge::sim {
namespace {

using nlohmann::json;

json ref(std::int64_t id) {
  return {{"id", id}};
}

std::optional<std::int64_t> job_workflow(store::Connection& c, std::int64_t company_id, std::int64_t job_id) {
  const auto row = c.query_one(sql::select_job_workflow, {company_id, job_id});
  if (!row) return std::nullopt;
  return row->integer(0);
}

}  // namespace

Result<std::int64_t> Pinpoint::create_application(store::Connection& c, std::int64_t company_id,
                                                  const NewApplication& a, const std::string& source) {
  if (a.email.empty()) return Error::invalid("email can't be blank");
  if (a.job_id == 0) return Error::invalid("Job can't be blank");
  const auto workflow = job_workflow(c, company_id, a.job_id);
  if (!workflow) return Error::invalid("Job must exist");
  const auto stage = c.query_one(sql::first_stage_of_workflow, {*workflow});
  if (!stage) return Error::invalid("Job has no stages");
  const auto candidate =
      c.query(sql::insert_candidate, {company_id, a.first_name, a.last_name, a.email, a.phone, now_ms()})
          .at(0)
          .integer(0);
  const auto id = c.query(sql::insert_application,
                          {company_id, candidate, a.job_id, stage->integer(0), new_uuid(), a.first_name,
                           a.last_name, a.email, a.phone,
                           a.external_system_reference.empty() ? store::Value{nullptr}
                                                               : store::Value{a.external_system_reference},
                           a.attachments.dump(), now_ms()})
                      .at(0)
                      .integer(0);
  c.execute(sql::insert_stage_history, {id, nullptr, stage->integer(0), source, now_ms()});
  webhooks_.fire(c, company_id, "application_created", {{"application", ref(id)}, {"job", ref(a.job_id)}});
  return id;
}

Result<void> Pinpoint::move_to_stage(store::Connection& c, std::int64_t company_id,
                                     std::int64_t application_id, std::int64_t stage_id,
                                     const std::string& source) {
  const auto state = c.query_one(sql::select_application_state, {company_id, application_id});
  if (!state) return Error::not_found("Record not found");
  const auto job_id = state->integer(0);
  const auto previous = state->integer(1);
  const auto workflow = job_workflow(c, company_id, job_id);
  const auto stage = workflow ? c.query_one(sql::stage_of_workflow, {*workflow, stage_id}) : std::nullopt;
  if (!stage) return Error::invalid("Stage is invalid");
  if (stage_id == previous) return {};  // not a change: no history, no webhook
  const auto basic_type = stage->text(0);
  c.execute(sql::update_application_stage, {application_id, stage_id, now_ms(), basic_type});
  c.execute(sql::insert_stage_history, {application_id, previous, stage_id, source, now_ms()});
  const json data{{"application", ref(application_id)},
                  {"job", ref(job_id)},
                  {"stage", ref(stage_id)},
                  {"previous_stage", ref(previous)}};
  webhooks_.fire(c, company_id, "application_stage_changed", data);
  if (basic_type == "hired")
    webhooks_.fire(c, company_id, "application_hired",
                   {{"application", ref(application_id)}, {"job", ref(job_id)}});
  return {};
}

Result<void> Pinpoint::move_to_stage_type(store::Connection& c, std::int64_t company_id,
                                          std::int64_t application_id, const std::string& basic_type,
                                          const std::string& source) {
  const auto state = c.query_one(sql::select_application_state, {company_id, application_id});
  if (!state) return Error::not_found("Record not found");
  const auto workflow = job_workflow(c, company_id, state->integer(0));
  const auto stage = workflow ? c.query_one(sql::stage_by_type, {*workflow, basic_type}) : std::nullopt;
  if (!stage) return Error::invalid(fmt::format("the job's workflow has no {} stage", basic_type));
  return move_to_stage(c, company_id, application_id, stage->integer(0), source);
}

Result<void> Pinpoint::move_to_job(store::Connection& c, std::int64_t company_id, std::int64_t application_id,
                                   std::int64_t job_id, const std::string& source) {
  const auto state = c.query_one(sql::select_application_state, {company_id, application_id});
  if (!state) return Error::not_found("Record not found");
  const auto previous_job = state->integer(0);
  if (previous_job == job_id) return {};
  const auto workflow = job_workflow(c, company_id, job_id);
  if (!workflow) return Error::invalid("Job must exist");
  const auto stage = c.query_one(sql::first_stage_of_workflow, {*workflow});
  if (!stage) return Error::invalid("Job has no stages");
  c.execute(sql::update_application_job, {application_id, job_id, stage->integer(0), now_ms()});
  c.execute(sql::insert_stage_history,
            {application_id, state->integer(1), stage->integer(0), source, now_ms()});
  webhooks_.fire(
      c, company_id, "application_moved",
      {{"application", ref(application_id)}, {"job", ref(job_id)}, {"previous_job", ref(previous_job)}});
  return {};
}

Result<void> Pinpoint::add_tag(store::Connection& c, std::int64_t company_id, std::int64_t application_id,
                               const std::string& name, const std::string& context) {
  if (name.empty()) return Error::invalid("Tag can't be blank");
  if (!c.query_one(sql::application_exists, {company_id, application_id}))
    return Error::not_found("Record not found");
  c.execute(sql::insert_tag, {application_id, name, context, now_ms()});
  c.execute(sql::touch_application, {application_id, now_ms()});
  return {};
}

Result<void> Pinpoint::remove_tag(store::Connection& c, std::int64_t company_id, std::int64_t application_id,
                                  const std::string& name, const std::string& context) {
  if (!c.query_one(sql::application_exists, {company_id, application_id}))
    return Error::not_found("Record not found");
  if (c.execute(sql::delete_tag, {application_id, name, context}) > 0)
    c.execute(sql::touch_application, {application_id, now_ms()});
  return {};
}

Result<void> Pinpoint::update_candidate(store::Connection& c, std::int64_t company_id,
                                        std::int64_t candidate_id, const json& attributes) {
  const auto row = c.query_one(sql::select_candidate, {company_id, candidate_id});
  if (!row) return Error::not_found("Record not found");
  const auto text = [&](const char* name, const std::string& current) {
    const auto it = attributes.find(name);
    return it != attributes.end() && it->is_string() ? it->get<std::string>() : current;
  };
  const auto email = text("email", row->text(2));
  if (email.empty()) return Error::invalid("email can't be blank");
  c.execute(sql::update_candidate,
            {company_id, candidate_id, text("first_name", row->text(0)), text("last_name", row->text(1)),
             email, text("phone", row->text(3)), now_ms()});
  return {};
}

}  // namespace pinbridge::sim
