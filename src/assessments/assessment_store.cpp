#include "assessments/assessment_store.hpp"

namespace pinbridge::assessments {
namespace {

namespace sql {
#define PINBRIDGE_ASSESSMENT_COLUMNS                                                               \
  "id, account_id, name, description, time_limit_minutes, pass_mark, questions, status, version, " \
  "created_at, updated_at"
constexpr std::string_view insert_assessment =
    "INSERT INTO assessments (account_id, name, description, time_limit_minutes, pass_mark, questions, "
    "status, "
    "version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'active', 1, $7, $7) RETURNING id";
constexpr std::string_view update_assessment =
    "UPDATE assessments SET name = $3, description = $4, time_limit_minutes = $5, pass_mark = $6, questions "
    "= $7, "
    "version = $8, updated_at = $9 WHERE account_id = $1 AND id = $2";
constexpr std::string_view set_status =
    "UPDATE assessments SET status = $3, updated_at = $4 WHERE account_id = $1 AND id = $2";
constexpr std::string_view select_assessment =
    "SELECT " PINBRIDGE_ASSESSMENT_COLUMNS " FROM assessments WHERE account_id = $1 AND id = $2";
constexpr std::string_view select_label =
    "SELECT name, pass_mark FROM assessments WHERE account_id = $1 AND id = $2";
constexpr std::string_view select_active = "SELECT " PINBRIDGE_ASSESSMENT_COLUMNS
                                           " FROM assessments WHERE account_id = $1 AND status = 'active' "
                                           "ORDER BY lower(name), id";
constexpr std::string_view select_all =
    "SELECT " PINBRIDGE_ASSESSMENT_COLUMNS
    " FROM assessments WHERE account_id = $1 ORDER BY status, lower(name), id";
constexpr std::string_view select_share_reports =
    "SELECT share_reports FROM assessment_settings WHERE account_id = $1";
constexpr std::string_view upsert_share_reports =
    "INSERT INTO assessment_settings (account_id, share_reports, updated_at) VALUES ($1, $2, $3) "
    "ON CONFLICT (account_id) DO UPDATE SET share_reports = excluded.share_reports, updated_at = "
    "excluded.updated_at";
#undef PINBRIDGE_ASSESSMENT_COLUMNS
}  // namespace sql

Assessment assessment_from(const store::Row& row) {
  Assessment a;
  a.id = row.integer(0);
  a.account_id = row.integer(1);
  a.content.name = row.text(2);
  a.content.description = row.text(3);
  a.content.time_limit_minutes = static_cast<int>(row.integer(4));
  a.content.pass_mark = static_cast<int>(row.integer(5));
  a.content.questions = *questions_from_json(nlohmann::json::parse(row.text(6)));
  a.status = row.text(7) == "archived" ? AssessmentStatus::archived : AssessmentStatus::active;
  a.version = static_cast<int>(row.integer(8));
  a.created_at = from_unix_ms(row.integer(9));
  a.updated_at = from_unix_ms(row.integer(10));
  return a;
}

// Whether a change can give some candidate a different grade.
bool changes_grading(const AssessmentDraft& before, const AssessmentDraft& after) {
  return before.pass_mark != after.pass_mark ||
         questions_to_json(before.questions) != questions_to_json(after.questions);
}

Error missing() {
  return Error::not_found("Assessment not found");
}

}  // namespace

AssessmentStore::AssessmentStore(store::Database& database, jobs::JobStore& jobs, const Clock& clock)
    : database_(database), jobs_(jobs), clock_(clock) {}

Result<Assessment> AssessmentStore::create(std::int64_t account_id, AssessmentDraft draft) {
  auto valid = validate(std::move(draft));
  if (!valid) return valid.error();
  const auto now = to_unix_ms(clock_.now());
  return database_.write([&](store::Connection& c) {
    const auto id =
        c.query_one(sql::insert_assessment,
                    {account_id, valid->name, valid->description, std::int64_t{valid->time_limit_minutes},
                     std::int64_t{valid->pass_mark}, questions_to_json(valid->questions).dump(), now})
            ->integer(0);
    return *find(c, account_id, id);
  });
}

Result<Assessment> AssessmentStore::update(std::int64_t account_id, std::int64_t id, AssessmentDraft draft) {
  auto valid = validate(std::move(draft));
  if (!valid) return valid.error();
  return database_.write([&](store::Connection& c) -> Result<Assessment> {
    auto current = find(c, account_id, id);
    if (!current) return missing();
    const bool regrade = changes_grading(current->content, *valid);
    const auto version = std::int64_t{current->version + (regrade ? 1 : 0)};
    c.execute(sql::update_assessment,
              {account_id, id, valid->name, valid->description, std::int64_t{valid->time_limit_minutes},
               std::int64_t{valid->pass_mark}, questions_to_json(valid->questions).dump(), version,
               to_unix_ms(clock_.now())});
    if (regrade) {
      jobs::NewJob job;
      job.kind = regrade_job_kind;
      job.args = {{"assessment_id", id}};
      job.account_id = account_id;
      job.unique_key = "assessments.regrade:" + std::to_string(id) + ":" + std::to_string(version);
      jobs_.enqueue(c, job);
    }
    return *find(c, account_id, id);
  });
}

Result<Assessment> AssessmentStore::set_archived(std::int64_t account_id, std::int64_t id, bool archived) {
  return database_.write([&](store::Connection& c) -> Result<Assessment> {
    const std::string status(status_name(archived ? AssessmentStatus::archived : AssessmentStatus::active));
    if (c.execute(sql::set_status, {account_id, id, status, to_unix_ms(clock_.now())}) == 0) return missing();
    return *find(c, account_id, id);
  });
}

std::optional<Assessment> AssessmentStore::find(std::int64_t account_id, std::int64_t id) {
  return database_.read([&](store::Connection& c) { return find(c, account_id, id); });
}

std::optional<Assessment> AssessmentStore::find(store::Connection& c, std::int64_t account_id,
                                                std::int64_t id) {
  auto row = c.query_one(sql::select_assessment, {account_id, id});
  return row ? std::optional(assessment_from(*row)) : std::nullopt;
}

std::optional<AssessmentLabel> AssessmentStore::label(store::Connection& c, std::int64_t account_id,
                                                      std::int64_t id) {
  auto row = c.query_one(sql::select_label, {account_id, id});
  if (!row) return std::nullopt;
  return AssessmentLabel{row->text(0), static_cast<int>(row->integer(1))};
}

std::vector<Assessment> AssessmentStore::list(std::int64_t account_id, bool include_archived) {
  return database_.read([&](store::Connection& c) {
    std::vector<Assessment> out;
    for (const auto& row : c.query(include_archived ? sql::select_all : sql::select_active, {account_id}))
      out.push_back(assessment_from(row));
    return out;
  });
}

bool AssessmentStore::shares_reports(std::int64_t account_id) {
  return database_.read([&](store::Connection& c) {
    auto row = c.query_one(sql::select_share_reports, {account_id});
    return !row || row->integer(0) != 0;
  });
}

void AssessmentStore::set_shares_reports(std::int64_t account_id, bool share) {
  database_.write([&](store::Connection& c) {
    c.execute(sql::upsert_share_reports, {account_id, std::int64_t{share ? 1 : 0}, to_unix_ms(clock_.now())});
  });
}

}  // namespace pinbridge::assessments
