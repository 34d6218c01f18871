#include "automations/stage_cache.hpp"

namespace pinbridge::automations {
namespace {

namespace sql {
constexpr std::string_view delete_account = "DELETE FROM pinpoint_job_stages WHERE account_id = $1";
constexpr std::string_view insert_stage =
    "INSERT INTO pinpoint_job_stages (account_id, job_id, job_title, job_status, stage_id, stage_name, "
    "basic_type, "
    "position, synced_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
constexpr std::string_view select_stage =
    "SELECT job_id, job_title, job_status, stage_id, stage_name, basic_type, position FROM "
    "pinpoint_job_stages "
    "WHERE account_id = $1 AND job_id = $2 AND stage_id = $3";
constexpr std::string_view select_all =
    "SELECT job_id, job_title, job_status, stage_id, stage_name, basic_type, position FROM "
    "pinpoint_job_stages "
    "WHERE account_id = $1 ORDER BY lower(job_title), job_id, position, stage_id";
constexpr std::string_view select_synced =
    "SELECT max(synced_at) FROM pinpoint_job_stages WHERE account_id = $1";
}  // namespace sql

KnownStage known_from(const store::Row& row) {
  KnownStage out;
  out.job_id = row.integer(0);
  out.job_title = row.text(1);
  out.job_status = row.text(2);
  out.stage.id = row.integer(3);
  out.stage.name = row.text(4);
  out.stage.basic_type = row.text(5);
  out.stage.position = static_cast<int>(row.integer(6));
  return out;
}

}  // namespace

StageCache::StageCache(store::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

pinpoint::ApiResult<int> StageCache::refresh(std::int64_t account_id,
                                             const pinpoint::PinpointClient& client) {
  auto jobs = client.list_jobs();
  if (!jobs) return jobs.error();
  const auto now = to_unix_ms(clock_.now());
  int stored = 0;
  database_.write([&](store::Connection& c) {
    c.execute(sql::delete_account, {account_id});
    for (const auto& job : *jobs) {
      for (const auto& stage : job.stages) {
        c.execute(sql::insert_stage, {account_id, job.id, job.title, job.status, stage.id, stage.name,
                                      stage.basic_type, std::int64_t{stage.position}, now});
        ++stored;
      }
    }
  });
  return stored;
}

std::optional<KnownStage> StageCache::find(std::int64_t account_id, pinpoint::Id job_id,
                                           pinpoint::Id stage_id) {
  return database_.read([&](store::Connection& c) -> std::optional<KnownStage> {
    auto row = c.query_one(sql::select_stage, {account_id, job_id, stage_id});
    return row ? std::optional(known_from(*row)) : std::nullopt;
  });
}

std::vector<KnownStage> StageCache::list(std::int64_t account_id) {
  return database_.read([&](store::Connection& c) {
    std::vector<KnownStage> out;
    for (const auto& row : c.query(sql::select_all, {account_id})) out.push_back(known_from(row));
    return out;
  });
}

std::optional<Timestamp> StageCache::synced_at(std::int64_t account_id) {
  return database_.read([&](store::Connection& c) -> std::optional<Timestamp> {
    auto row = c.query_one(sql::select_synced, {account_id});
    if (!row || row->is_null(0)) return std::nullopt;
    return from_unix_ms(row->integer(0));
  });
}

void StageCache::clear(std::int64_t account_id) {
  database_.write([&](store::Connection& c) { c.execute(sql::delete_account, {account_id}); });
}

}  // namespace pinbridge::automations
