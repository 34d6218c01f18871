#pragma once
// The assessment platform assembled on a test database and clock, as app/runtime.cpp assembles it
// for real: queue, event log, outbox, assessments, invitations and the candidate's sessions. Jobs
// are not run by workers: run_due_jobs() claims and runs the lifecycle jobs by hand, so tests
// decide when time passes.
#include <memory>
#include <string>
#include <vector>

#include "assessments/candidate_sessions.hpp"
#include "assessments/invitations.hpp"
#include "assessments/lifecycle_jobs.hpp"
#include "core/random.hpp"

namespace pinbridge::testing {

class TestPlatform {
 public:
  TestPlatform(store::Database& database, const Clock& clock, std::string base_url = "http://pb.test");

  // Runs every due job until none is left; lifecycle jobs for real, other kinds (event dispatch,
  // email) are completed without effect. Returns how many ran.
  int run_due_jobs();
  // The token of an invitation's candidate link.
  std::string token_of(std::int64_t account_id, std::int64_t invitation_id);

  SeededRandom random{7};
  crypto::SecretBox secrets;
  std::string base_url;
  assessments::Links links;
  jobs::JobStore jobs;
  events::EventLog events;
  mail::Outbox outbox;
  assessments::AssessmentStore assessments;
  assessments::PlatformDeps deps;
  assessments::Invitations invitations;
  assessments::CandidateSessions candidates;
  assessments::LifecycleJobs lifecycle;

 private:
  jobs::JobResult run(const jobs::Job& job);
};

// Two questions: "2 + 2?" (single choice, answer index 1) and "Capital of France?" (short answer
// "Paris"); 20 minutes, pass mark 50.
assessments::AssessmentDraft sample_assessment(const std::string& name = "Backend screen");

}  // namespace pinbridge::testing
