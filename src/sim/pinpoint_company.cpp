// Companies and the things a Pinpoint administrator sets up: users, workflows, jobs, API keys,
// webhook endpoints; and the talent pipeline (job seekers).
#include <fmt/format.h>

#include "core/crypto.hpp"
#include "sim/pinpoint.hpp"
#include "sim/sim_sql.hpp"

namespace pinbridge::sim {
namespace {

Company company_from(const store::Row& row) {
  return {row.integer(0), row.text(1), row.text(2), row.integer(3) != 0, row.integer(4)};
}

}  // namespace

nlohmann::json Company::to_json() const {
  return {{"id", id},
          {"subdomain", subdomain},
          {"name", name},
          {"api_enabled", api_enabled},
          {"system_user_id", system_user_id}};
}

std::vector<StageSpec> default_stages() {
  return {{"Applied", "applied"}, {"Review", "review"}, {"Interview", "interview"},
          {"Offer", "offer"},     {"Hired", "hired"},   {"Rejected", "rejected"}};
}

// Every company starts as Pinpoint's do: a system user (author of API comments) and the default
// hiring workflow.
Result<Company> Pinpoint::create_company(store::Connection& c, const std::string& subdomain,
                                         const std::string& name, bool api_enabled) {
  if (subdomain.empty() ||
      subdomain.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
    return Error::invalid("subdomain must be lower-case letters, digits and dashes");
  if (company(c, subdomain)) return Error::conflict(fmt::format("company {} already exists", subdomain));
  const auto id = c.query(sql::insert_company, {subdomain, name.empty() ? subdomain : name,
                                                std::int64_t{api_enabled ? 1 : 0}, now_ms()})
                      .at(0)
                      .integer(0);
  const auto user = create_user(c, id, fmt::format("system@{}.pinpointhq.com", subdomain), "Pinpoint", "API");
  c.execute(sql::set_system_user, {id, user});
  create_workflow(c, id, "Default workflow", default_stages());
  return *company(c, id);
}

std::optional<Company> Pinpoint::company(store::Connection& c, const std::string& subdomain) {
  const auto row = c.query_one(sql::select_company_by_subdomain, {subdomain});
  if (!row) return std::nullopt;
  return company_from(*row);
}

std::optional<Company> Pinpoint::company(store::Connection& c, std::int64_t id) {
  const auto row = c.query_one(sql::select_company_by_id, {id});
  if (!row) return std::nullopt;
  return company_from(*row);
}

std::int64_t Pinpoint::create_user(store::Connection& c, std::int64_t company_id, const std::string& email,
                                   const std::string& first_name, const std::string& last_name) {
  return c.query(sql::insert_user, {company_id, email, first_name, last_name, now_ms()}).at(0).integer(0);
}

Result<std::int64_t> Pinpoint::create_job_seeker(store::Connection& c, std::int64_t company_id,
                                                 const std::string& email, const std::string& first_name,
                                                 const std::string& last_name) {
  if (email.find_first_not_of(" \t\r\n") == std::string::npos) return Error::invalid("email can't be blank");
  return c.query(sql::insert_job_seeker, {company_id, first_name, last_name, email, now_ms()})
      .at(0)
      .integer(0);
}

std::int64_t Pinpoint::create_workflow(store::Connection& c, std::int64_t company_id, const std::string& name,
                                       const std::vector<StageSpec>& stages) {
  const auto id = c.query(sql::insert_workflow, {company_id, name, now_ms()}).at(0).integer(0);
  std::int64_t position = 1;
  for (const auto& stage : stages)
    c.execute(sql::insert_stage, {company_id, id, stage.name, stage.basic_type, position++, now_ms()});
  return id;
}

Result<std::int64_t> Pinpoint::create_job(store::Connection& c, std::int64_t company_id,
                                          const std::string& title, const std::string& status,
                                          std::optional<std::int64_t> workflow_id) {
  if (title.empty()) return Error::invalid("Title can't be blank");
  if (!workflow_id) {
    const auto first = c.query_one(sql::first_workflow, {company_id});
    if (!first) return Error::invalid("Hiring workflow must exist");
    workflow_id = first->integer(0);
  } else if (!c.query_one(sql::workflow_exists, {company_id, *workflow_id})) {
    return Error::invalid("Hiring workflow must exist");
  }
  return c
      .query(sql::insert_job, {company_id, title, status.empty() ? "open" : status, *workflow_id, now_ms()})
      .at(0)
      .integer(0);
}

std::pair<std::int64_t, std::string> Pinpoint::create_api_key(store::Connection& c, std::int64_t company_id,
                                                              const nlohmann::json& permissions) {
  const std::string key = "pp_" + random_hex(40);
  const std::string prefix = key.substr(0, 8);
  const auto id = c.query(sql::insert_api_key,
                          {company_id, crypto::sha256_hex(key), prefix, permissions.dump(), now_ms()})
                      .at(0)
                      .integer(0);
  return {id, key};
}

std::string Pinpoint::random_hex(std::size_t digits) {
  if (ids_ == nullptr) {
    std::string hex;
    while (hex.size() < digits) hex += crypto::sha256_hex(crypto::random_token(32));
    return hex.substr(0, digits);
  }
  std::string hex;
  while (hex.size() < digits) {
    const auto word = static_cast<unsigned>(ids_->uniform() * 65536.0) & 0xFFFFU;
    hex += fmt::format("{:04x}", word);
  }
  return hex.substr(0, digits);
}

std::string Pinpoint::new_uuid() {
  const std::string hex = random_hex(32);
  return fmt::format("{}-{}-4{}-a{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(13, 3),
                     hex.substr(17, 3), hex.substr(20, 12));
}

std::int64_t Pinpoint::create_endpoint(store::Connection& c, std::int64_t company_id, const std::string& url,
                                       const nlohmann::json& events, const std::string& secret) {
  return c.query(sql::insert_endpoint, {company_id, url, events.dump(), secret, now_ms()}).at(0).integer(0);
}

}  // namespace pinbridge::sim
