#pragma once
// A pinpoint-sim process with company "acme" and PinpointClients pointed at it through the
// server-wide base_url_override, recording every call they make.
#include <gtest/gtest.h>

#include <memory>
#include <mutex>

#include "pinpoint/client.hpp"
#include "sim/sim_process.hpp"

namespace pinbridge::pinpoint {

class SimFixture : public ::testing::Test {
 protected:
  void SetUp() override { start(); }

  void start(std::vector<std::string> sim_args = {}) {
    sim_ = std::make_unique<pinbridge::testing::SimProcess>(std::move(sim_args));
    sim_->admin("POST", "/_sim/companies", {{"subdomain", "acme"}, {"name", "Acme"}});
  }

  pinbridge::testing::SimProcess& sim() { return *sim_; }

  // A key of company acme; permissions "write", "read", or {"Job": "read", ...}.
  std::string key(const nlohmann::json& permissions = "write") {
    return sim_->admin("POST", "/_sim/companies/acme/api_keys", {{"permissions", permissions}})["key"];
  }

  // Quick retries so fault tests stay fast; our own rate limit off unless a test sets one.
  static ClientOptions fast_options() {
    ClientOptions options;
    options.request_timeout = Millis{5000};
    options.retry.max_attempts = 6;
    options.retry.backoff = {Millis{20}, Millis{200}, 0.2};
    options.requests_per_second = 0;
    return options;
  }

  std::unique_ptr<PinpointClient> client(const std::string& api_key, ClientOptions options = fast_options(),
                                         const std::string& subdomain = "acme") {
    options.base_url_override = sim_->url();
    return std::make_unique<PinpointClient>(ClientSettings{subdomain, Secret(api_key), options}, http_,
                                            clock_, random_, [this](const CallRecord& record) {
                                              std::lock_guard lock(mutex_);
                                              records_.push_back(record);
                                            });
  }

  std::vector<CallRecord> records() {
    std::lock_guard lock(mutex_);
    return records_;
  }

  // Creates a job (default workflow) with `count` applications; returns the job id.
  std::int64_t seed_applications(int count) {
    const std::int64_t job = sim_->admin("POST", "/_sim/companies/acme/jobs", {{"title", "Engineer"}})["id"];
    for (int i = 1; i <= count; ++i)
      sim_->admin("POST", "/_sim/companies/acme/applications",
                  {{"job_id", job},
                   {"first_name", "P" + std::to_string(i)},
                   {"last_name", "Q"},
                   {"email", "p" + std::to_string(i) + "@example.com"}});
    return job;
  }

  nlohmann::json admin_resources(const std::string& type, const std::string& query = "") {
    return sim_->admin("GET", "/_sim/companies/acme/resources/" + type + query);
  }

  std::unique_ptr<pinbridge::testing::SimProcess> sim_;
  net::HttpClient http_;
  SystemClock clock_;
  SeededRandom random_{42};
  std::mutex mutex_;
  std::vector<CallRecord> records_;
};

}  // namespace pinbridge::pinpoint
