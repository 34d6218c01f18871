// Limits and faults: rate limit with Retry-After, reproducible injected errors under --seed,
// dropped connections and added latency.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "sim_process.hpp"

namespace pinbridge {
namespace {

using nlohmann::json;
using testing::HttpClient;
using testing::SimProcess;

std::string setup_key(SimProcess& sim) {
  sim.admin("POST", "/_sim/companies", {{"subdomain", "acme"}});
  return sim.admin("POST", "/_sim/companies/acme/api_keys", {{"permissions", "write"}})["key"];
}

TEST(FaultTest, RateLimitAnswers429WithRetryAfter) {
  SimProcess sim({"--rate-limit", "0.5/3"});
  const auto key = setup_key(sim);
  HttpClient client(sim.url());
  for (int i = 0; i < 3; ++i) EXPECT_EQ(client.get("/api/v1/jobs", {{"X-API-KEY", key}}).status, 200);
  const auto limited = client.get("/api/v1/jobs", {{"X-API-KEY", key}});
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(json::parse(limited.body)["errors"][0]["detail"], "Rate limit exceeded");
  EXPECT_EQ(json::parse(limited.body)["errors"][0]["code"], "too_many_requests");
  EXPECT_GE(std::stoi(limited.header("retry-after")), 1);
  EXPECT_EQ(client.get("/_sim/health").status, 200) << "the admin API is never limited";
}

std::vector<long> statuses(const std::string& seed) {
  SimProcess sim({"--seed", seed, "--error-rate", "0.5"});
  const auto key = setup_key(sim);
  HttpClient client(sim.url());
  std::vector<long> out;
  out.reserve(30);
  for (int i = 0; i < 30; ++i) out.push_back(client.get("/api/v1/jobs", {{"X-API-KEY", key}}).status);
  return out;
}

TEST(FaultTest, SameSeedSameInjectedErrors) {
  const auto first = statuses("1234");
  EXPECT_EQ(first, statuses("1234"));
  EXPECT_NE(std::count(first.begin(), first.end(), 200L), 0);
  EXPECT_NE(std::count(first.begin(), first.end(), 200L), 30);
  for (long s : first) EXPECT_TRUE(s == 200 || s == 500 || s == 502 || s == 503) << s;
}

TEST(FaultTest, DroppedConnectionGetsNoResponse) {
  SimProcess sim;
  const auto key = setup_key(sim);
  sim.admin("PUT", "/_sim/faults", {{"rules", {{{"route", "/api/v1/jobs"}, {"drop_rate", 1.0}}}}});
  HttpClient client(sim.url());
  try {
    client.get("/api/v1/jobs", {{"X-API-KEY", key}});
    ADD_FAILURE() << "expected the connection to close with no response";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("Server returned nothing"), std::string::npos) << e.what();
  }
  HttpClient fresh(sim.url());
  EXPECT_EQ(fresh.get("/api/v1/users", {{"X-API-KEY", key}}).status, 200) << "other routes unaffected";
  sim.admin("DELETE", "/_sim/faults");
  EXPECT_EQ(fresh.get("/api/v1/jobs", {{"X-API-KEY", key}}).status, 200);
}

// The API answers on the server's two I/O threads, so a delayed request must wait without holding
// one: four of them (more than there are I/O threads) leave the other routes answering.
TEST(FaultTest, InjectedLatencyDelaysItsRouteWhileOtherRequestsAnswer) {
  using namespace std::chrono_literals;
  SimProcess sim;
  const auto key = setup_key(sim);
  constexpr auto latency = 3000ms;  // leaves the other request seconds to answer on a busy machine
  sim.admin("PUT", "/_sim/faults",
            {{"rules", {{{"route", "/api/v1/jobs"}, {"latency_ms", latency.count()}}}}});
  const auto started = std::chrono::steady_clock::now();
  std::atomic<int> delayed_answered{0};
  std::vector<long> delayed_statuses(4);
  std::vector<std::thread> delayed;
  for (std::size_t i = 0; i < delayed_statuses.size(); ++i)
    delayed.emplace_back([&, i] {
      HttpClient client(sim.url());
      delayed_statuses[i] = client.get("/api/v1/jobs", {{"X-API-KEY", key}}).status;
      ++delayed_answered;
    });
  std::this_thread::sleep_for(300ms);  // the four are waiting by now
  HttpClient other(sim.url());
  EXPECT_EQ(other.get("/api/v1/users", {{"X-API-KEY", key}}).status, 200);
  EXPECT_EQ(delayed_answered, 0) << "the other route answered while the delayed requests waited";
  for (auto& thread : delayed) thread.join();
  EXPECT_GE(std::chrono::steady_clock::now() - started, latency);
  for (long status : delayed_statuses) EXPECT_EQ(status, 200);
}

TEST(FaultTest, PerRouteRateLimitAtRuntimeLeavesOtherRoutesAlone) {
  SimProcess sim;
  const auto key = setup_key(sim);
  sim.admin("POST", "/_sim/faults/rules",
            {{"method", "GET"}, {"route", "/api/v1/jobs"}, {"rate_limit", {{"rate", 0.2}, {"burst", 2}}}});
  HttpClient client(sim.url());
  EXPECT_EQ(client.get("/api/v1/jobs", {{"X-API-KEY", key}}).status, 200);
  EXPECT_EQ(client.get("/api/v1/jobs", {{"X-API-KEY", key}}).status, 200);
  const auto limited = client.get("/api/v1/jobs", {{"X-API-KEY", key}});
  EXPECT_EQ(limited.status, 429);
  EXPECT_GE(std::stoi(limited.header("retry-after")), 1);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(client.get("/api/v1/users", {{"X-API-KEY", key}}).status, 200);
  const auto other = sim.admin("POST", "/_sim/companies/acme/api_keys", {{"permissions", "read"}})["key"];
  EXPECT_EQ(client.get("/api/v1/jobs", {{"X-API-KEY", other}}).status, 200) << "buckets are per API key";
  const auto settings = sim.admin("GET", "/_sim/faults");
  ASSERT_EQ(settings["rules"].size(), 1U);
  EXPECT_EQ(settings["rules"][0]["rate_limit"]["burst"], 2.0);
  EXPECT_EQ(settings["rate_limit"]["rate"], 0.0) << "no global limit";
}

TEST(FaultTest, PerRouteFaultsFromTheCommandLine) {
  const json faults{{"rules",
                     {{{"route", "/api/v1/jobs/{id}"}, {"error_rate", 1.0}},
                      {{"route", "/api/v1/users"}, {"rate_limit", {{"rate", 0.1}, {"burst", 1}}}}}}};
  SimProcess sim({"--seed", "3", "--faults", faults.dump()});
  const auto key = setup_key(sim);
  HttpClient client(sim.url());
  const auto failed = client.get("/api/v1/jobs/1", {{"X-API-KEY", key}}).status;
  EXPECT_TRUE(failed == 500 || failed == 502 || failed == 503) << failed;
  EXPECT_EQ(client.get("/api/v1/jobs", {{"X-API-KEY", key}}).status, 200) << "the list route is not matched";
  EXPECT_EQ(client.get("/api/v1/users", {{"X-API-KEY", key}}).status, 200);
  EXPECT_EQ(client.get("/api/v1/users", {{"X-API-KEY", key}}).status, 429);
}

TEST(FaultTest, BadFaultSettingsAreRefused) {
  SimProcess sim;
  HttpClient client(sim.url());
  EXPECT_EQ(client.request("PUT", "/_sim/faults", R"({"rules":[{"error_rate":2}]})", {}).status, 400);
  EXPECT_EQ(client.request("POST", "/_sim/faults/rules", R"({"rate_limit":{"rate":-1}})", {}).status, 400);
  EXPECT_EQ(client.request("POST", "/_sim/faults/rules", R"([1])", {}).status, 400);
  testing::TempDir dir;
  const auto bad = testing::run_command(PINPOINT_SIM_BINARY, {"--faults", "{not json"}, {}, dir.path());
  EXPECT_EQ(bad.status, 2);
}

TEST(FaultTest, DemoSeedsAcmeWithKeys) {
  SimProcess sim({"--demo", "--seed", "5"});
  const auto out = sim.output();
  const auto at = out.find("api key (all permissions): ");
  ASSERT_NE(at, std::string::npos) << out;
  const auto key = out.substr(at + 27, out.find('\n', at) - at - 27);
  HttpClient client(sim.url());
  const auto r = client.get("/api/v1/applications?stats[total]=count", {{"X-API-KEY", key}});
  EXPECT_EQ(json::parse(r.body)["meta"]["stats"]["total"]["count"], 20);
  EXPECT_EQ(json::parse(client.get("/api/v1/jobs", {{"X-API-KEY", key}}).body)["data"].size(), 3U);
  EXPECT_EQ(json::parse(client.get("/api/v1/hiring_workflows", {{"X-API-KEY", key}}).body)["data"].size(),
            2U);
}

}  // namespace
}  // namespace pinbridge
