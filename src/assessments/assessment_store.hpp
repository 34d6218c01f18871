#pragma once
// Assessments of one account: create, edit, archive, read. Every call takes the account id, so no
// query can reach another tenant's assessments. An edit that can change grades (questions,
// accepted answers, pass mark) bumps the version and re-grades the completed invitations.
#include <cstdint>
#include <optional>
#include <vector>

#include "assessments/assessment.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "jobs/job_store.hpp"
#include "store/database.hpp"

namespace pinbridge::assessments {

inline constexpr std::string_view regrade_job_kind = "assessments.regrade";

class AssessmentStore {
 public:
  AssessmentStore(store::Database& database, jobs::JobStore& jobs, const Clock& clock);

  Result<Assessment> create(std::int64_t account_id, AssessmentDraft draft);
  Result<Assessment> update(std::int64_t account_id, std::int64_t id, AssessmentDraft draft);
  Result<Assessment> set_archived(std::int64_t account_id, std::int64_t id, bool archived);

  std::optional<Assessment> find(std::int64_t account_id, std::int64_t id);
  std::optional<Assessment> find(store::Connection& connection, std::int64_t account_id, std::int64_t id);
  std::vector<Assessment> list(std::int64_t account_id, bool include_archived);
  // What another part shows of an assessment (a record's title, a comment's pass mark), read without
  // parsing its questions.
  std::optional<AssessmentLabel> label(store::Connection& connection, std::int64_t account_id,
                                       std::int64_t id);

  // The account's choice to let report links work without signing in (on by default).
  bool shares_reports(std::int64_t account_id);
  void set_shares_reports(std::int64_t account_id, bool share);

 private:
  store::Database& database_;
  jobs::JobStore& jobs_;
  const Clock& clock_;
};

}  // namespace pinbridge::assessments
