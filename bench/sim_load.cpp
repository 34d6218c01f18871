// pinpoint-sim under load: requests per second over keep-alive connections from 8 client threads
// for a few seconds each, for an authenticated REST read (GET /api/v1/jobs/1, which checks the key
// and reads the database) and, as the baseline in the same run, the simulator's health route (the
// HTTP server alone). The ratio shows what the Pinpoint API logic costs on this machine. The
// simulator must never be the bottleneck of our own benchmarks.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "support/child_process.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"

namespace {

using namespace pinbridge::testing;
using steady = std::chrono::steady_clock;

constexpr int client_threads = 8;
constexpr auto run_length = std::chrono::seconds(3);
constexpr int runs = 3;

// Requests per second that client_threads keep-alive clients get through in run_length.
double requests_per_second(const std::string& url, const std::string& path,
                           const std::map<std::string, std::string>& headers) {
  std::atomic<long> done{0}, failed{0};
  const auto deadline = steady::now() + run_length;
  std::vector<std::thread> clients;
  for (int t = 0; t < client_threads; ++t) {
    clients.emplace_back([&] {
      HttpClient client(url);  // one connection, reused: keep-alive
      while (steady::now() < deadline) {
        (client.get(path, headers).status == 200 ? done : failed)++;
      }
    });
  }
  for (auto& client : clients) client.join();
  if (failed > 0) std::fprintf(stderr, "%ld requests to %s failed\n", failed.load(), path.c_str());
  return static_cast<double>(done) / std::chrono::duration<double>(run_length).count();
}

double median_of_runs(const std::string& url, const std::string& path,
                      const std::map<std::string, std::string>& headers) {
  std::vector<double> rates;
  for (int i = 0; i < runs; ++i) rates.push_back(requests_per_second(url, path, headers));
  std::sort(rates.begin(), rates.end());
  return rates[rates.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const std::string binary = argc > 1 ? argv[1] : "build/src/sim/pinpoint-sim";
  TempDir dir;
  ChildProcess sim(
      binary,
      {"--demo", "--seed", "1", "--port", "0", "--log-level", "warn", "--ready-file", dir.path() + "/ready"},
      {}, dir.path());
  std::string url = wait_for_file(dir.path() + "/ready");
  url.erase(url.find_last_not_of('\n') + 1);
  const std::string out = sim.standard_output();
  const auto key_at = out.find("api key (all permissions): ");
  if (url.empty() || key_at == std::string::npos) {
    std::fprintf(stderr, "pinpoint-sim did not start: %s\n", sim.standard_error().c_str());
    return 1;
  }
  const std::string key = out.substr(key_at + 27, out.find('\n', key_at) - key_at - 27);
  const double health = median_of_runs(url, "/_sim/health", {});
  const double api = median_of_runs(url, "/api/v1/jobs/1", {{"X-API-KEY", key}});
  std::printf("pinpoint-sim, %d keep-alive clients, median of %d runs of %lld s:\n", client_threads, runs,
              static_cast<long long>(run_length.count()));
  std::printf("  GET /api/v1/jobs/1 (auth + database read): %8.0f requests/s\n", api);
  std::printf("  GET /_sim/health (baseline: the HTTP server): %8.0f requests/s; ratio %.2f\n", health,
              api / health);
  return 0;
}
