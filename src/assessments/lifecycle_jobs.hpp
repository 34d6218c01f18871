#pragma once
// The background half of the invitation lifecycle, run from the durable queue: grading after a
// submission, re-grading after an assessment's answers change, expiry, reminders, and submission
// when the deadline passes. Each job re-reads the invitation and acts only if its status still
// calls for it, so a job that runs twice (at-least-once delivery) changes nothing the second time.
#include "assessments/platform.hpp"
#include "jobs/worker_pool.hpp"

namespace pinbridge::assessments {

class LifecycleJobs {
 public:
  explicit LifecycleJobs(const PlatformDeps& deps) : deps_(deps) {}
  void register_jobs(jobs::WorkerPool& workers);

  jobs::JobResult grade(const jobs::Job& job);
  jobs::JobResult regrade_assessment(const jobs::Job& job);
  jobs::JobResult expire(const jobs::Job& job);
  jobs::JobResult remind(const jobs::Job& job);
  jobs::JobResult deadline(const jobs::Job& job);

 private:
  const PlatformDeps& deps_;
};

}  // namespace pinbridge::assessments
