// What an integration writes back: comments on applications and candidate assessments.
#include <algorithm>
#include <array>

#include "sim/pinpoint.hpp"
#include "sim/sim_sql.hpp"

namespace pinbridge::sim {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 7> assessment_statuses{
    "pending", "completed", "abandoned", "failed", "cancelled", "archived", "not_started"};
// "on create API callers may only use example_assessment"
constexpr std::string_view api_provider_code = "example_assessment";

bool blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

store::Value optional_value(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return *text;
}

Result<void> check_status(const std::string& status) {
  if (std::find(assessment_statuses.begin(), assessment_statuses.end(), status) == assessment_statuses.end())
    return Error::invalid("Status is not included in the list");
  return {};
}

}  // namespace

Result<std::int64_t> Pinpoint::create_comment(store::Connection& c, std::int64_t company_id,
                                              std::int64_t application_id, const std::string& body_text) {
  if (blank(body_text)) return Error::invalid("Body text can't be blank");
  if (application_id == 0 || !c.query_one(sql::application_exists, {company_id, application_id}))
    return Error::invalid("Commentable must exist");
  const auto user = company(c, company_id)->system_user_id;
  return c.query(sql::insert_comment, {company_id, application_id, body_text, user, now_ms()})
      .at(0)
      .integer(0);
}

Result<std::int64_t> Pinpoint::create_assessment(store::Connection& c, std::int64_t company_id,
                                                 const AssessmentInput& in) {
  if (!in.application_id || !c.query_one(sql::application_exists, {company_id, *in.application_id}))
    return Error::invalid("Application must exist");
  if (!in.assessment_name || blank(*in.assessment_name))
    return Error::invalid("Assessment name can't be blank");
  if (in.provider_code.value_or("") != api_provider_code)
    return Error::invalid("Provider code is not included in the list");
  const std::string status = in.status.value_or("pending");
  if (auto ok = check_status(status); !ok) return ok.error();
  const store::Value details =
      in.result_details ? store::Value{in.result_details->dump()} : store::Value{nullptr};
  return c
      .query(sql::insert_assessment, {company_id, *in.application_id, *in.assessment_name, *in.provider_code,
                                      optional_value(in.external_uid), status, optional_value(in.result),
                                      optional_value(in.result_url), details, now_ms()})
      .at(0)
      .integer(0);
}

Result<void> Pinpoint::update_assessment(store::Connection& c, std::int64_t company_id, std::int64_t id,
                                         const AssessmentInput& in) {
  const auto row = c.query_one(sql::select_assessment, {company_id, id});
  if (!row) return Error::not_found("Record not found");
  if (in.provider_code && *in.provider_code != row->text(2))
    return Error::invalid("Provider code cannot be changed");
  if (in.status)
    if (auto ok = check_status(*in.status); !ok) return ok.error();
  if (in.assessment_name && blank(*in.assessment_name))
    return Error::invalid("Assessment name can't be blank");
  const auto keep = [&](const std::optional<std::string>& value, std::size_t column) -> store::Value {
    if (value) return *value;
    return row->is_null(column) ? store::Value{nullptr} : store::Value{row->text(column)};
  };
  const store::Value details =
      in.result_details ? store::Value{in.result_details->dump()} : keep(std::nullopt, 7);
  c.execute(sql::update_assessment,
            {company_id, id, keep(in.assessment_name, 1), keep(in.external_uid, 3), keep(in.status, 4),
             keep(in.result, 5), keep(in.result_url, 6), details, now_ms()});
  const auto application_id = row->integer(0);
  const auto job = c.query_one(sql::select_application_state, {company_id, application_id});
  json data{{"candidate_assessment", {{"id", id}}}, {"application", {{"id", application_id}}}};
  if (job) data["job"] = {{"id", job->integer(0)}};
  webhooks_.fire(c, company_id, "candidate_assessment_updated", data);
  return {};
}

}  // namespace pinbridge::sim
