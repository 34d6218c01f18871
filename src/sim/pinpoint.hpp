#pragma once
// The simulated Pinpoint's state changes, shared by the REST API (as an API key would make them)
// and the admin API (as a recruiter would in the UI). Each runs on the caller's connection, inside
// the caller's transaction, and enqueues the webhooks it fires in that same transaction.
// Validation failures are invalid_input Errors whose message is the API's 422 detail.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/random.hpp"
#include "core/result.hpp"
#include "sim/webhooks.hpp"
#include "store/database.hpp"

namespace pinbridge::sim {

struct Company {
  std::int64_t id = 0;
  std::string subdomain;
  std::string name;
  bool api_enabled = true;
  std::int64_t system_user_id = 0;
  nlohmann::json to_json() const;
};

struct StageSpec {
  std::string name;
  std::string basic_type;
};
std::vector<StageSpec> default_stages();

struct NewApplication {
  std::int64_t job_id = 0;
  std::string first_name, last_name, email, phone, external_system_reference;
  nlohmann::json attachments = nlohmann::json::array();
};

struct AssessmentInput {  // absent fields keep their value on update
  std::optional<std::int64_t> application_id;
  std::optional<std::string> assessment_name, provider_code, external_uid, status, result, result_url;
  std::optional<nlohmann::json> result_details;
};

class Pinpoint {
 public:
  // ids: the stream application uuids and API keys are drawn from, so a run under --seed gives the
  // same ones; nullptr draws them from libsodium.
  Pinpoint(const Clock& clock, Webhooks& webhooks, Random* ids = nullptr)
      : clock_(clock), webhooks_(webhooks), ids_(ids) {}

  // Companies, their users, workflows, jobs, API keys and webhook endpoints.
  Result<Company> create_company(store::Connection& c, const std::string& subdomain, const std::string& name,
                                 bool api_enabled);
  std::optional<Company> company(store::Connection& c, const std::string& subdomain);
  std::optional<Company> company(store::Connection& c, std::int64_t id);
  std::int64_t create_user(store::Connection& c, std::int64_t company_id, const std::string& email,
                           const std::string& first_name, const std::string& last_name);
  // A talent pipeline person (job_seekers); invalid_input when the email is blank.
  Result<std::int64_t> create_job_seeker(store::Connection& c, std::int64_t company_id,
                                         const std::string& email, const std::string& first_name,
                                         const std::string& last_name);
  std::int64_t create_workflow(store::Connection& c, std::int64_t company_id, const std::string& name,
                               const std::vector<StageSpec>& stages);
  Result<std::int64_t> create_job(store::Connection& c, std::int64_t company_id, const std::string& title,
                                  const std::string& status, std::optional<std::int64_t> workflow_id);
  // Returns {id, key}; the key itself is stored only as a hash.
  std::pair<std::int64_t, std::string> create_api_key(store::Connection& c, std::int64_t company_id,
                                                      const nlohmann::json& permissions);
  std::int64_t create_endpoint(store::Connection& c, std::int64_t company_id, const std::string& url,
                               const nlohmann::json& events, const std::string& secret);

  // Applications: create (with its candidate), stage moves, hiring, job moves, tags.
  Result<std::int64_t> create_application(store::Connection& c, std::int64_t company_id,
                                          const NewApplication& a, const std::string& source);
  Result<void> move_to_stage(store::Connection& c, std::int64_t company_id, std::int64_t application_id,
                             std::int64_t stage_id, const std::string& source);
  Result<void> move_to_stage_type(store::Connection& c, std::int64_t company_id, std::int64_t application_id,
                                  const std::string& basic_type, const std::string& source);
  Result<void> move_to_job(store::Connection& c, std::int64_t company_id, std::int64_t application_id,
                           std::int64_t job_id, const std::string& source);
  Result<void> add_tag(store::Connection& c, std::int64_t company_id, std::int64_t application_id,
                       const std::string& name, const std::string& context);
  Result<void> remove_tag(store::Connection& c, std::int64_t company_id, std::int64_t application_id,
                          const std::string& name, const std::string& context);
  Result<void> update_candidate(store::Connection& c, std::int64_t company_id, std::int64_t candidate_id,
                                const nlohmann::json& attributes);

  // Comments (authored by the company's system user) and candidate assessments.
  Result<std::int64_t> create_comment(store::Connection& c, std::int64_t company_id,
                                      std::int64_t application_id, const std::string& body_text);
  Result<std::int64_t> create_assessment(store::Connection& c, std::int64_t company_id,
                                         const AssessmentInput& in);
  Result<void> update_assessment(store::Connection& c, std::int64_t company_id, std::int64_t id,
                                 const AssessmentInput& in);

 private:
  Timestamp now() const { return clock_.now(); }
  std::int64_t now_ms() const { return to_unix_ms(clock_.now()); }
  // Random lower-case hex digits (for uuids and keys), from ids_ when set.
  std::string random_hex(std::size_t digits);
  std::string new_uuid();

  const Clock& clock_;
  Webhooks& webhooks_;
  Random* ids_;
};

}  // namespace pinbridge::sim
