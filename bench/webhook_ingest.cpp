// Durable ingest of signed Pinpoint webhooks, over real HTTP on loopback, on the embedded default
// (SQLite, synchronous=normal: committed to the WAL before the 200). Two figures, each the median
// of several runs, each printed beside a baseline measured in the same process: a route that
// verifies the same signature and answers 200 without storing anything. The ratio is the cost of
// durability.
//   1. Throughput with 64 keep-alive connections (target >= 10,000/s), driven by wrk in a child
//      process: the bodies are signed here beforehand, so the load generator spends its (shared)
//      CPU on HTTP alone and the figure measures the server. Every run checks afterwards that the
//      deliveries stored in the database match the 2xx answers. Needs `wrk` (scripts/setup.sh).
//   2. Acknowledgement latency (p50, p99) at a paced 1,000 deliveries/s (target p99 <= 10 ms), from
//      in-process libcurl clients: wrk cannot pace, and at this rate the client's cost is small.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "accounts/account_store.hpp"
#include "automations/webhook_routes.hpp"
#include "bench_stats.hpp"
#include "http/server.hpp"
#include "schema/product_schema.hpp"
#include "store/migrations.hpp"
#include "support/child_process.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"

namespace {

using namespace pinbridge;
using pinbridge::bench::median_of;
using steady = std::chrono::steady_clock;

constexpr int client_connections = 64;
constexpr int wrk_threads = 2;
constexpr auto run_length = std::chrono::seconds(3);
constexpr int runs = 3;
constexpr int paced_rate = 1000;  // deliveries per second, for the latency figure
// Unique deliveries written for each wrk thread and run: 200,000 a run covers 66,000/s for 3 s,
// well above what two cores serve. A thread that still runs out starts over, and the figures
// report those repeats (which are duplicates, answered 2xx but not stored).
constexpr int deliveries_per_wrk_thread = 100'000;
const Secret signing_secret("bench-signing-secret");

std::atomic<long> next_application{1};

// Unix seconds now: Pinpoint stamps each delivery with the time of its event, and the ingest's
// deduplication index is ordered by it, so a constant would hide what that order costs or saves.
std::int64_t unix_seconds_now() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

// A unique stage change each time, so none is a duplicate.
std::string next_body() {
  return nlohmann::json{{"event", "application_stage_changed"},
                        {"triggeredAt", unix_seconds_now()},
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

// ---- Throughput: wrk in a child process -------------------------------------------------------

// The full path of an executable on PATH, as the child-process helper runs programs without a
// PATH search.
std::optional<std::string> find_on_path(const std::string& name) {
  const char* path = std::getenv("PATH");  // NOLINT(concurrency-mt-unsafe): before any thread starts
  std::stringstream directories(path ? path : "");
  for (std::string directory; std::getline(directories, directory, ':');) {
    const auto candidate = (directory.empty() ? "." : directory) + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

// One file per wrk thread, PREFIX.1, PREFIX.2, ..., of "<signature>\t<body>\n" lines, each body
// new (see wrk_signed_deliveries.lua).
void write_signed_deliveries(const std::string& prefix) {
  for (int thread = 1; thread <= wrk_threads; ++thread) {
    std::ofstream out(prefix + "." + std::to_string(thread), std::ios::binary);
    for (int i = 0; i < deliveries_per_wrk_thread; ++i) {
      const auto body = next_body();
      out << automations::pinpoint_signature(signing_secret, body) << '\t' << body << '\n';
    }
    if (!out) throw std::runtime_error("cannot write " + prefix + "." + std::to_string(thread));
  }
}

// What wrk's script reports in its done() line.
struct WrkResult {
  long requests = 0;       // answers received
  long non_2xx = 0;        // answers >= 400
  long socket_errors = 0;  // connect, read, write errors and time-outs
  long reused = 0;         // requests that repeated a body (a thread ran out of fresh ones)
  double seconds = 0;
  double p50_ms = 0, p99_ms = 0;  // under saturation, so informative only
  long answered_2xx() const { return requests - non_2xx; }
};

WrkResult parse_wrk_result(const std::string& output) {
  const auto line = output.find("RESULT ");
  WrkResult result;
  long duration_us = 0, p50_us = 0, p99_us = 0;
  if (line == std::string::npos ||
      std::sscanf(output.c_str() + line,
                  "RESULT requests=%ld non2xx=%ld socket_errors=%ld duration_us=%ld p50_us=%ld p99_us=%ld "
                  "reused=%ld",
                  &result.requests, &result.non_2xx, &result.socket_errors, &duration_us, &p50_us, &p99_us,
                  &result.reused) != 7)
    throw std::runtime_error("wrk printed no RESULT line:\n" + output);
  result.seconds = static_cast<double>(duration_us) / 1e6;
  result.p50_ms = static_cast<double>(p50_us) / 1e3;
  result.p99_ms = static_cast<double>(p99_us) / 1e3;
  return result;
}

WrkResult run_wrk(const std::string& wrk, const std::string& url, const std::string& deliveries_prefix,
                  const std::string& work_dir) {
  const auto result =
      testing::run_command(wrk,
                           {"-t" + std::to_string(wrk_threads), "-c" + std::to_string(client_connections),
                            "-d" + std::to_string(run_length.count()) + "s", "--latency", "-s", WRK_SCRIPT,
                            url, "--", deliveries_prefix, std::string(automations::signature_header)},
                           {}, work_dir);
  if (result.status != 0)
    throw std::runtime_error("wrk exited with " + std::to_string(result.status) + ":\n" + result.err);
  return parse_wrk_result(result.out);
}

// Deliveries stored as new (duplicates get a row too, marked as such).
std::int64_t stored_deliveries(store::Database& database) {
  return database.read([](store::Connection& c) {
    return c.query_one("SELECT count(*) FROM pinpoint_deliveries WHERE duplicate = 0")->integer(0);
  });
}

// Once wrk has gone, the requests it left in flight may still commit; wait until the count settles.
std::int64_t settled_stored_deliveries(store::Database& database) {
  auto count = stored_deliveries(database);
  for (;;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const auto again = stored_deliveries(database);
    if (again == count) return count;
    count = again;
  }
}

// CPU time used by this process: the server's threads while wrk runs (wrk is a child process, so
// not counted). On a shared machine it moves much less with the others' load than throughput does.
double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct ThroughputRun {
  WrkResult wrk;
  std::int64_t stored = 0;  // rows the run added to the database
  double cpu_seconds = 0;   // the server's, from wrk's start until the stored count settled
  double per_second() const { return static_cast<double>(wrk.answered_2xx()) / wrk.seconds; }
  double cpu_us_per_request() const { return cpu_seconds * 1e6 / static_cast<double>(wrk.requests); }
};

struct Route {
  std::string label;
  std::string path;
  bool stores = false;
};

// Each 2xx must be a stored delivery (for the durable route), and the only stored deliveries not
// answered are those wrk still had in flight when it stopped: at most one per connection.
bool verified(const ThroughputRun& run, const Route& route) {
  const auto answered = run.wrk.answered_2xx();
  const bool consistent =
      route.stores ? run.stored >= answered && run.stored <= answered + client_connections : run.stored == 0;
  return consistent && run.wrk.non_2xx == 0 && run.wrk.socket_errors == 0 && run.wrk.reused == 0;
}

// Runs wrk against a route with fresh deliveries, then counts what the database gained.
class ThroughputBench {
 public:
  ThroughputBench(store::Database& database, std::string wrk, std::string url, std::string work_dir)
      : database_(database), wrk_(std::move(wrk)), url_(std::move(url)), work_dir_(std::move(work_dir)) {}

  ThroughputRun run(const Route& route) {
    const auto prefix = work_dir_ + "/deliveries-" + std::to_string(++runs_done_);
    write_signed_deliveries(prefix);
    const auto before = stored_deliveries(database_);
    const auto cpu_before = process_cpu_seconds();
    ThroughputRun run{run_wrk(wrk_, url_ + route.path, prefix, work_dir_)};
    run.stored = settled_stored_deliveries(database_) - before;
    run.cpu_seconds = process_cpu_seconds() - cpu_before;
    for (int thread = 1; thread <= wrk_threads; ++thread)
      std::remove((prefix + "." + std::to_string(thread)).c_str());
    report(route, run);
    return run;
  }

  bool all_verified() const { return all_verified_; }

 private:
  void report(const Route& route, const ThroughputRun& run) {
    const bool ok = verified(run, route);
    all_verified_ = all_verified_ && ok;
    std::printf(
        "    %-8s %7.0f/s: %ld answered 2xx, %lld stored; %ld non-2xx, %ld socket errors, %ld repeated "
        "bodies; server CPU %.0f us/request; wrk latency p50 %.2f ms, p99 %.2f ms%s\n",
        route.label.c_str(), run.per_second(), run.wrk.answered_2xx(), static_cast<long long>(run.stored),
        run.wrk.non_2xx, run.wrk.socket_errors, run.wrk.reused, run.cpu_us_per_request(), run.wrk.p50_ms,
        run.wrk.p99_ms, ok ? "" : "  <-- CHECK FAILED");
  }

  store::Database& database_;
  std::string wrk_;
  std::string url_;
  std::string work_dir_;
  int runs_done_ = 0;
  bool all_verified_ = true;
};

// ---- Latency at a steady pace: in-process clients ---------------------------------------------

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

std::string load_average() {
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) != 3) return "unknown";
  char text[64];
  std::snprintf(text, sizeof text, "%.2f %.2f %.2f", load[0], load[1], load[2]);
  return text;
}

}  // namespace

int main() {
  const auto wrk = find_on_path("wrk");
  if (!wrk) {
    std::fprintf(stderr,
                 "webhook_ingest drives the server with wrk, which is not installed: run scripts/setup.sh "
                 "(or apt-get install wrk)\n");
    return 2;
  }
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

  std::printf("Signed Pinpoint webhooks, SQLite, %d handler threads, server pid %d, load average %s\n",
              settings.handler_threads, static_cast<int>(getpid()), load_average().c_str());
  std::printf("  wrk -t%d -c%d -d%llds, each run:\n", wrk_threads, client_connections,
              static_cast<long long>(run_length.count()));
  ThroughputBench bench(*database, *wrk, url, dir.path());
  const Route durable_route{"durable", durable, true};
  const Route baseline_route{"baseline", baseline, false};
  std::vector<ThroughputRun> stored_runs, answered_runs;
  try {
    // Alternating, so a change in the machine's load (it may be shared) weighs on both alike.
    for (int i = 0; i < runs; ++i) {
      stored_runs.push_back(bench.run(durable_route));
      answered_runs.push_back(bench.run(baseline_route));
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  const auto per_second = [](const ThroughputRun& run) { return run.per_second(); };
  const auto cpu_per_request = [](const ThroughputRun& run) { return run.cpu_us_per_request(); };
  const double stored = median_of(stored_runs, per_second);
  const double answered = median_of(answered_runs, per_second);
  const auto stored_latency = median([&] { return paced_latency(url, durable); });
  const auto answered_latency = median([&] { return paced_latency(url, baseline); });
  std::printf("Median of %d runs of %lld s (load average now %s):\n", runs,
              static_cast<long long>(run_length.count()), load_average().c_str());
  std::printf("  %d connections: stored durably %8.0f/s; baseline (answer, no store) %8.0f/s; ratio %.2f\n",
              client_connections, stored, answered, stored / answered);
  std::printf("  server CPU per request: stored %.0f us; baseline %.0f us\n",
              median_of(stored_runs, cpu_per_request), median_of(answered_runs, cpu_per_request));
  std::printf("  at %d/s: stored p50 %.2f ms, p99 %.2f ms; baseline p50 %.2f ms, p99 %.2f ms\n", paced_rate,
              stored_latency.first, stored_latency.second, answered_latency.first, answered_latency.second);
  server.shutdown();
  if (!bench.all_verified()) {
    std::fprintf(stderr, "a run's answers did not match what was stored (see CHECK FAILED above)\n");
    return 1;
  }
  return 0;
}
