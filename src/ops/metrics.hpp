#pragma once
// Prometheus metrics (prometheus-cpp's registry and text serializer): HTTP requests by route and
// status with latency histograms, job outcomes by kind, and queue depth by state, read from the
// database at scrape time so that every node reports the shared queue.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "http/server.hpp"
#include "jobs/job.hpp"

namespace prometheus {
class Registry;
}

namespace pinbridge::ops {

class Metrics {
 public:
  Metrics();
  ~Metrics();

  void observe_request(const http::RequestRecord& record);
  void observe_job(const jobs::Job& job, const jobs::JobResult& result, std::chrono::microseconds took);
  void set_queue_depth(const std::map<jobs::JobState, std::int64_t>& counts);
  // The Prometheus text exposition of everything.
  std::string render() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pinbridge::ops
