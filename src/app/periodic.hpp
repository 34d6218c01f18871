#pragma once
// Periodic work as a chain of scheduled jobs: each run enqueues the next. The unique key names the
// time slot, so however many nodes start, each slot runs once.
#include <chrono>
#include <string>

#include "jobs/job.hpp"

namespace pinbridge::app {

inline jobs::NewJob next_periodic(const std::string& kind, std::chrono::milliseconds every, Timestamp now) {
  const auto slot = to_unix_ms(now) / every.count() + 1;
  jobs::NewJob job;
  job.kind = kind;
  job.unique_key = "periodic:" + kind + ":" + std::to_string(slot);
  job.run_at = from_unix_ms(slot * every.count());
  return job;
}

}  // namespace pinbridge::app
