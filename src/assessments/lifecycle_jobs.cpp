#include "assessments/lifecycle_jobs.hpp"

#include "assessments/emails.hpp"
#include "assessments/invitation_records.hpp"
#include "assessments/invitation_sql.hpp"

namespace pinbridge::assessments {
namespace {

std::int64_t invitation_id(const jobs::Job& job) {
  return job.args.at("invitation_id").get<std::int64_t>();
}

// A job that woke before its time (another node's clock, a retry_now) waits for the rest.
jobs::JobResult not_yet(Timestamp due, Timestamp now) {
  return jobs::JobResult::retry("not due yet",
                                std::chrono::duration_cast<std::chrono::milliseconds>(due - now));
}

}  // namespace

void LifecycleJobs::register_jobs(jobs::WorkerPool& workers) {
  workers.register_handler(std::string(job_kind::grade), [this](const jobs::Job& job) { return grade(job); });
  workers.register_handler(std::string(regrade_job_kind),
                           [this](const jobs::Job& job) { return regrade_assessment(job); });
  workers.register_handler(std::string(job_kind::expire),
                           [this](const jobs::Job& job) { return expire(job); });
  workers.register_handler(std::string(job_kind::remind),
                           [this](const jobs::Job& job) { return remind(job); });
  workers.register_handler(std::string(job_kind::deadline),
                           [this](const jobs::Job& job) { return deadline(job); });
}

jobs::JobResult LifecycleJobs::grade(const jobs::Job& job) {
  deps_.database.write([&](store::Connection& c) {
    auto invitation = records::find_any_account(c, invitation_id(job));
    if (!invitation || invitation->status != InvitationStatus::submitted) return;
    const auto assessment = deps_.assessments.find(c, invitation->account_id, invitation->assessment_id);
    auto result = records::write_result(deps_, c, *invitation, *assessment, "graded");
    c.execute(sql::mark_completed, {invitation->id, to_unix_ms(deps_.clock.now())});
    if (result) records::record_result_event(deps_, c, *invitation, *result);
  });
  return jobs::JobResult::done();
}

jobs::JobResult LifecycleJobs::regrade_assessment(const jobs::Job& job) {
  const auto account_id = job.account_id.value_or(0);
  const auto assessment_id = job.args.at("assessment_id").get<std::int64_t>();
  const auto completed = deps_.database.read([&](store::Connection& c) {
    std::vector<std::int64_t> ids;
    for (const auto& row : c.query(sql::select_completed_of_assessment, {account_id, assessment_id}))
      ids.push_back(row.integer(0));
    return ids;
  });
  for (const auto id : completed) {  // one transaction each: a long re-grade never blocks writers for long
    deps_.database.write([&](store::Connection& c) {
      auto invitation = records::find(c, account_id, id);
      const auto assessment = deps_.assessments.find(c, account_id, assessment_id);
      if (!invitation || !assessment || invitation->status != InvitationStatus::completed) return;
      if (auto result = records::write_result(deps_, c, *invitation, *assessment, "regraded"))
        records::record_result_event(deps_, c, *invitation, *result);
    });
  }
  return jobs::JobResult::done();
}

jobs::JobResult LifecycleJobs::expire(const jobs::Job& job) {
  return deps_.database.write([&](store::Connection& c) {
    auto invitation = records::find_any_account(c, invitation_id(job));
    if (!invitation || invitation->status != InvitationStatus::invited) return jobs::JobResult::done();
    const auto now = deps_.clock.now();
    if (now < invitation->expires_at) return not_yet(invitation->expires_at, now);
    records::expire_if_due(deps_, c, *invitation);
    return jobs::JobResult::done();
  });
}

jobs::JobResult LifecycleJobs::remind(const jobs::Job& job) {
  return deps_.database.write([&](store::Connection& c) {
    auto invitation = records::find_any_account(c, invitation_id(job));
    const auto now = deps_.clock.now();
    if (!invitation || invitation->status != InvitationStatus::invited || now >= invitation->expires_at)
      return jobs::JobResult::done();
    if (invitation->remind_at && now < *invitation->remind_at) return not_yet(*invitation->remind_at, now);
    const auto sealed =
        c.query_one(sql::select_token_sealed, {invitation->account_id, invitation->id})->text(0);
    auto token = deps_.secrets.open(sealed);
    if (!token) return jobs::JobResult::discard("the link's token cannot be opened with this master key");
    if (c.execute(sql::mark_reminded, {invitation->id, to_unix_ms(now)}) == 0) return jobs::JobResult::done();
    const auto assessment = deps_.assessments.find(c, invitation->account_id, invitation->assessment_id);
    deps_.outbox.queue(c, reminder_email(*invitation, *assessment, deps_.links.candidate(token->reveal()),
                                         deps_.settings.product_name));
    return jobs::JobResult::done();
  });
}

jobs::JobResult LifecycleJobs::deadline(const jobs::Job& job) {
  return deps_.database.write([&](store::Connection& c) {
    auto invitation = records::find_any_account(c, invitation_id(job));
    if (!invitation || invitation->status != InvitationStatus::started || !invitation->deadline_at)
      return jobs::JobResult::done();
    const auto due = *invitation->deadline_at + deps_.settings.deadline_grace;
    const auto now = deps_.clock.now();
    if (now < due) return not_yet(due, now);
    records::submit_if_overdue(deps_, c, *invitation);
    return jobs::JobResult::done();
  });
}

}  // namespace pinbridge::assessments
