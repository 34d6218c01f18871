#include "ops/metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

namespace pinbridge::ops {
namespace {

std::string_view outcome_name(jobs::JobResult::Kind kind) {
  switch (kind) {
    case jobs::JobResult::Kind::completed:
      return "completed";
    case jobs::JobResult::Kind::retry:
      return "retry";
    case jobs::JobResult::Kind::discard:
      return "discard";
    case jobs::JobResult::Kind::cancel:
      return "cancel";
  }
  return "unknown";
}

prometheus::Histogram::BucketBoundaries latency_buckets() {
  return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

}  // namespace

struct Metrics::Impl {
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
  prometheus::Family<prometheus::Counter>& requests =
      prometheus::BuildCounter()
          .Name("pinbridge_http_requests_total")
          .Help("HTTP requests answered, by route, method and status")
          .Register(*registry);
  prometheus::Family<prometheus::Histogram>& request_seconds =
      prometheus::BuildHistogram()
          .Name("pinbridge_http_request_duration_seconds")
          .Help("Time from a complete request to its response, by route")
          .Register(*registry);
  prometheus::Family<prometheus::Counter>& job_outcomes =
      prometheus::BuildCounter()
          .Name("pinbridge_jobs_finished_total")
          .Help("Job attempts finished, by kind and outcome")
          .Register(*registry);
  prometheus::Family<prometheus::Histogram>& job_seconds = prometheus::BuildHistogram()
                                                               .Name("pinbridge_job_duration_seconds")
                                                               .Help("Time a job attempt ran, by kind")
                                                               .Register(*registry);
  prometheus::Family<prometheus::Gauge>& queue_depth = prometheus::BuildGauge()
                                                           .Name("pinbridge_queue_jobs")
                                                           .Help("Jobs in the queue, by state")
                                                           .Register(*registry);
};

Metrics::Metrics() : impl_(std::make_unique<Impl>()) {}
Metrics::~Metrics() = default;

void Metrics::observe_request(const http::RequestRecord& record) {
  const std::string& route = record.request.route.empty() ? std::string("unmatched") : record.request.route;
  impl_->requests
      .Add({{"route", route}, {"method", record.request.method}, {"status", std::to_string(record.status)}})
      .Increment();
  impl_->request_seconds.Add({{"route", route}}, latency_buckets())
      .Observe(std::chrono::duration<double>(record.duration).count());
}

void Metrics::observe_job(const jobs::Job& job, const jobs::JobResult& result,
                          std::chrono::microseconds took) {
  impl_->job_outcomes.Add({{"kind", job.kind}, {"outcome", std::string(outcome_name(result.kind))}})
      .Increment();
  impl_->job_seconds.Add({{"kind", job.kind}}, latency_buckets())
      .Observe(std::chrono::duration<double>(took).count());
}

void Metrics::set_queue_depth(const std::map<jobs::JobState, std::int64_t>& counts) {
  for (const auto& [state, count] : counts) {
    impl_->queue_depth.Add({{"state", std::string(jobs::state_name(state))}}).Set(static_cast<double>(count));
  }
}

std::string Metrics::render() const {
  return prometheus::TextSerializer().Serialize(impl_->registry->Collect());
}

}  // namespace pinbridge::ops
