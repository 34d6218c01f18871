// Durable ingest of signed Pinpoint webhooks, over real HTTP on loopback, on the embedded default
// (SQLite, synchronous=normal: committed to the WAL before the 200). Two figures, each the median
// of several runs, each printed beside a baseline measured in the same process: a route that
// verifies the same signature and answers 200 without storing anything. The ratio is the cost of
// durability.
//   1. Throughput with 64 keep-alive connections (target >= 10,000/s).
//   2. Acknowledgement latency (p50, p99) at a paced 1,000 deliveries/s (target p99 <= 10 ms).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

#include "accounts/account_store.hpp"
#include "automations/webhook_routes.hpp"
#include "http/server.hpp"
#include "schema/product_schema.hpp"
#include "store/migrations.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"

namespace {

using namespace pinbridge;
using steady = std::chrono::steady_clock;

constexpr int client_connections = 64;
constexpr auto run_length = std::chrono::seconds(3);
constexpr int runs = 3;
constexpr int paced_rate = 1000;  // deliveries per second, for the latency figure
const Secret signing_secret("bench-signing-secret");

std::atomic<long> next_application{1};

// A unique stage change each time, so none is a duplicate.
std::string next_body() {
  return nlohmann::json{{"event", "application_stage_changed"},
                        {"triggeredAt", 1700000000},
                        {"data", {{"application", {{"id", next_application++}}}, {"stage", {{"id", 2}}}}}}
      .dump();
}

long post_signed(testing::HttpClient& client, const std::string& path) {
  const auto body = next_body();
  return client
      .post(path, body, "application/json",
            {{std::string(automations::signature_header),
              automations::pinpoint_signature(signing_secret, body)}})
      .status;
}

double deliveries_per_second(const std::string& url, const std::string& path) {
  std::atomic<long> done{0}, failed{0};
  const auto deadline = steady::now() + run_length;
  std::vector<std::thread> clients;
  for (int t = 0; t < client_connections; ++t) {
    clients.emplace_back([&] {
      testing::HttpClient client(url);
      while (steady::now() < deadline) (post_signed(client, path) == 200 ? done : failed)++;
    });
  }
  for (auto& client : clients) client.join();
  if (failed > 0) std::fprintf(stderr, "%ld deliveries to %s failed\n", failed.load(), path.c_str());
  return static_cast<double>(done) / std::chrono::duration<double>(run_length).count();
}

// {p50, p99} in milliseconds of deliveries sent at paced_rate by 8 clients.
std::pair<double, double> paced_latency(const std::string& url, const std::string& path) {
  constexpr int clients_count = 8;
  const auto interval = std::chrono::microseconds(1'000'000 * clients_count / paced_rate);
  std::mutex mutex;
  std::vector<double> latencies;
  std::vector<std::thread> clients;
  for (int t = 0; t < clients_count; ++t) {
    clients.emplace_back([&, t] {
      testing::HttpClient client(url);
      auto next = steady::now() + interval * t / clients_count;
      for (auto end = steady::now() + run_length; next < end; next += interval) {
        std::this_thread::sleep_until(next);
        const auto start = steady::now();
        post_signed(client, path);
        const std::chrono::duration<double, std::milli> took = steady::now() - start;
        std::lock_guard lock(mutex);
        latencies.push_back(took.count());
      }
    });
  }
  for (auto& client : clients) client.join();
  std::sort(latencies.begin(), latencies.end());
  return {latencies[latencies.size() / 2], latencies[latencies.size() * 99 / 100]};
}

template <typename Measure>
auto median(Measure measure) {
  std::vector<decltype(measure())> results;
  for (int i = 0; i < runs; ++i) results.push_back(measure());
  std::sort(results.begin(), results.end());
  return results[results.size() / 2];
}

// The baseline: the same lookup and signature check, then 200 without storing.
void add_baseline_route(http::Router& router, automations::ConnectionStore& connections) {
  router.post("/baseline/{token}", [&connections](http::Request& request) {
    const auto target = connections.webhook_target(request.path_param("token"));
    const auto signature = request.header(automations::signature_header);
    if (!target || !signature ||
        !crypto::constant_time_equals(automations::pinpoint_signature(*target->signing_secret, request.body),
                                      *signature))
      return http::Response::error(ErrorCode::unauthorized, "bad signature");
    return http::Response::json(200, {{"received", "not stored"}});
  });
}

}  // namespace

int main() {
  crypto::initialize();
  testing::TempDir dir;
  auto database = store::open_database({.url = "sqlite:" + dir.path() + "/bench.db"});
  store::migrate(*database, schema::product_migrations());
  SystemClock clock;
  SeededRandom random(1);
  accounts::AccountStore accounts(*database, clock);
  const auto account = accounts.create_account("bench", "Bench")->id;
  const auto box = *crypto::SecretBox::from_key(crypto::SecretBox::generate_key());
  automations::ConnectionStore connections(*database, clock, box);
  const auto token = connections.save(account, "bench", Secret("pinpoint-api-key")).webhook_token;
  (void)connections.set_signing_secret(account, signing_secret);
  jobs::JobStore jobs(*database, clock, random, jobs::QueueSettings{});
  automations::WebhookIngest ingest(*database, jobs, connections, clock, automations::IngestSettings{});

  http::Router router;
  automations::add_webhook_routes(router, ingest);
  add_baseline_route(router, connections);
  http::ServerSettings settings;
  settings.port = 0;
  http::Server server(settings, std::move(router));
  server.start();
  const auto url = "http://127.0.0.1:" + std::to_string(server.port());
  const auto durable = std::string(automations::webhook_path_prefix) + token;
  const auto baseline = "/baseline/" + token;

  const double stored = median([&] { return deliveries_per_second(url, durable); });
  const double answered = median([&] { return deliveries_per_second(url, baseline); });
  const auto stored_latency = median([&] { return paced_latency(url, durable); });
  const auto answered_latency = median([&] { return paced_latency(url, baseline); });
  std::printf("Signed Pinpoint webhooks, SQLite, %d handler threads, median of %d runs of %lld s:\n",
              settings.handler_threads, runs, static_cast<long long>(run_length.count()));
  std::printf("  %d connections: stored durably %8.0f/s; baseline (answer, no store) %8.0f/s; ratio %.2f\n",
              client_connections, stored, answered, stored / answered);
  std::printf("  at %d/s: stored p50 %.2f ms, p99 %.2f ms; baseline p50 %.2f ms, p99 %.2f ms\n", paced_rate,
              stored_latency.first, stored_latency.second, answered_latency.first, answered_latency.second);
  server.shutdown();
  return 0;
}
