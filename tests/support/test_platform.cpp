#include "support/test_platform.hpp"

namespace pinbridge::testing {
namespace {

jobs::QueueSettings exact_backoff() {
  jobs::QueueSettings settings;
  settings.backoff.jitter = 0;
  return settings;
}

}  // namespace

TestPlatform::TestPlatform(store::Database& database, const Clock& clock, std::string url)
    : secrets(*crypto::SecretBox::from_key(std::string(crypto::SecretBox::key_size, 'k'))),
      base_url(std::move(url)),
      links([this] { return base_url; }, "report-key"),
      jobs(database, clock, random, exact_backoff()),
      events(database, jobs, clock),
      outbox(database, jobs, clock),
      assessments(database, jobs, clock),
      deps{database, jobs,        events,
           outbox,   assessments, clock,
           secrets,  links,       assessments::InvitationSettings{}},
      invitations(deps),
      candidates(deps),
      lifecycle(deps) {}

int TestPlatform::run_due_jobs() {
  int ran = 0;
  for (auto claimed = jobs.claim("test", 100); !claimed.empty(); claimed = jobs.claim("test", 100)) {
    std::vector<jobs::Outcome> outcomes;
    for (const auto& job : claimed) outcomes.push_back({job, run(job)});
    ran += static_cast<int>(claimed.size());
    jobs.finish(outcomes);
  }
  return ran;
}

jobs::JobResult TestPlatform::run(const jobs::Job& job) {
  namespace kind = assessments::job_kind;
  if (job.kind == kind::grade) return lifecycle.grade(job);
  if (job.kind == assessments::regrade_job_kind) return lifecycle.regrade_assessment(job);
  if (job.kind == kind::expire) return lifecycle.expire(job);
  if (job.kind == kind::remind) return lifecycle.remind(job);
  if (job.kind == kind::deadline) return lifecycle.deadline(job);
  return jobs::JobResult::done();
}

std::string TestPlatform::token_of(std::int64_t account_id, std::int64_t invitation_id) {
  const auto link = invitations.candidate_link(account_id, invitation_id).value();
  return link.substr(link.rfind('/') + 1);
}

assessments::AssessmentDraft sample_assessment(const std::string& name) {
  using assessments::Question;
  using assessments::QuestionKind;
  assessments::AssessmentDraft d;
  d.name = name;
  d.time_limit_minutes = 20;
  d.pass_mark = 50;
  Question pick;
  pick.kind = QuestionKind::single_choice;
  pick.prompt = "2 + 2?";
  pick.options = {"3", "4"};
  pick.correct_options = {1};
  Question capital;
  capital.kind = QuestionKind::short_answer;
  capital.prompt = "Capital of France?";
  capital.accepted_answers = {"Paris"};
  d.questions = {pick, capital};
  return d;
}

}  // namespace pinbridge::testing
