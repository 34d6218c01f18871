// Job queue benchmark: jobs enqueued and completed per second with no-op handlers, and the time
// from enqueue to handler start (pickup latency), on SQLite and (when PINBRIDGE_BENCH_POSTGRES_URL
// is set) PostgreSQL. Each figure is the median of several runs. The baseline is the same number
// of rows written with the bare storage layer in this process (insert in batches, then two
// single-row updates each, as claim and complete do at the least), so the ratio shows what the
// queue's machinery costs on this machine whatever its disk speed.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>
#include <vector>

#include "bench_stats.hpp"
#include "core/crypto.hpp"
#include "jobs/worker_pool.hpp"
#include "schema/product_schema.hpp"
#include "store/migrations.hpp"
#include "support/test_database.hpp"

namespace {

using pinbridge::bench::median;
using pinbridge::bench::percentile;

using namespace pinbridge;
using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

constexpr int throughput_jobs = 5000;
constexpr int enqueue_batch = 100;
constexpr int latency_samples = 300;
constexpr int runs = 5;

jobs::NewJob job_of(const char* kind) {
  jobs::NewJob job;
  job.kind = kind;
  return job;
}

jobs::WorkerSettings workers(int concurrency) {
  jobs::WorkerSettings settings;
  settings.concurrency = concurrency;
  return settings;
}

std::string postgres_url() {
  return std::getenv("PINBRIDGE_BENCH_POSTGRES_URL");
}  // NOLINT

// On PostgreSQL each run gets a schema of its own, so runs start alike and nothing else is touched.
void run_postgres_admin(const std::string& statement) {
  auto admin = store::open_database({.url = postgres_url(), .pool_size = 1});
  admin->with_connection([&](store::Connection& c) { c.execute_script(statement); });
}

std::string schema_name(int run) {
  return "bench_" + std::to_string(getpid()) + "_" + std::to_string(run);
}

// backend: "sqlite" (synchronous normal), "sqlite-full" (fsync per commit) or "postgres".
std::unique_ptr<store::Database> fresh_database(const std::string& backend, const std::string& dir, int run) {
  store::DatabaseSettings settings;
  if (backend == "postgres") {
    run_postgres_admin("CREATE SCHEMA " + schema_name(run));
    settings.url = testing::with_search_path(postgres_url(), schema_name(run));
  } else {
    settings.url = "sqlite:" + dir + "/" + backend + std::to_string(run) + ".db";
  }
  settings.sqlite_synchronous = backend == "sqlite-full" ? "full" : "normal";
  auto database = store::open_database(settings);
  store::migrate(*database, schema::product_migrations());
  return database;
}

void enqueue_batched(jobs::JobStore& store, store::Database& database, int count) {
  for (int done = 0; done < count; done += enqueue_batch) {
    database.write([&](store::Connection& c) {
      for (int i = 0; i < enqueue_batch && done + i < count; ++i) store.enqueue(c, job_of("noop"));
    });
  }
}

// Seconds for throughput_jobs jobs to be enqueued (in batches) and completed by 8 workers.
double queue_run(store::Database& database) {
  SystemClock clock;
  SeededRandom random(1);
  jobs::JobStore store(database, clock, random, {});
  jobs::WorkerPool pool(store, database, workers(8));
  std::atomic<int> completed{0};
  pool.register_handler("noop", [&](const jobs::Job&) {
    ++completed;
    return jobs::JobResult::done();
  });
  const auto start = steady::now();
  pool.start();
  enqueue_batched(store, database, throughput_jobs);
  // Watch the handler's counter first, so the benchmark's own polling does not load the database.
  while (completed < throughput_jobs) std::this_thread::sleep_for(1ms);
  while (store.count(jobs::JobState::completed) < throughput_jobs) std::this_thread::sleep_for(5ms);
  const double seconds = std::chrono::duration<double>(steady::now() - start).count();
  pool.stop();
  return seconds;
}

// The floor: the same rows written with bare SQL, no queue logic.
double baseline_run(store::Database& database) {
  const auto start = steady::now();
  database.write([](store::Connection& c) {
    c.execute_script("CREATE TABLE IF NOT EXISTS bench_rows (id INTEGER PRIMARY KEY, state TEXT)");
  });
  for (int done = 0; done < throughput_jobs; done += enqueue_batch) {
    database.write([&](store::Connection& c) {
      for (int i = 0; i < enqueue_batch; ++i) {
        c.execute("INSERT INTO bench_rows (id, state) VALUES ($1, 'available')", {std::int64_t{done + i}});
      }
    });
  }
  for (int id = 0; id < throughput_jobs; ++id) {
    database.write([&](store::Connection& c) {
      c.execute("UPDATE bench_rows SET state = 'running' WHERE id = $1", {std::int64_t{id}});
    });
    database.write([&](store::Connection& c) {
      c.execute("UPDATE bench_rows SET state = 'completed' WHERE id = $1", {std::int64_t{id}});
    });
  }
  return std::chrono::duration<double>(steady::now() - start).count();
}

// Milliseconds from enqueue (each its own transaction) to handler start, one job at a time.
std::vector<double> latency_run(store::Database& database) {
  SystemClock clock;
  SeededRandom random(1);
  jobs::JobStore store(database, clock, random, {});
  jobs::WorkerPool pool(store, database, workers(4));
  std::vector<double> samples;
  std::atomic<bool> seen{false};
  steady::time_point enqueued;
  pool.register_handler("ping", [&](const jobs::Job&) {
    samples.push_back(std::chrono::duration<double, std::milli>(steady::now() - enqueued).count());
    seen = true;
    return jobs::JobResult::done();
  });
  pool.start();
  for (int i = 0; i < latency_samples; ++i) {
    seen = false;
    enqueued = steady::now();
    store.enqueue(job_of("ping"));
    while (!seen) std::this_thread::sleep_for(50us);
    std::this_thread::sleep_for(2ms);
  }
  pool.stop();
  return samples;
}

void bench_backend(const std::string& backend, const std::string& dir) {
  std::vector<double> queue_rates, baseline_rates, p50s, p99s;
  for (int run = 0; run < runs; ++run) {
    auto database = fresh_database(backend, dir, run);
    queue_rates.push_back(throughput_jobs / queue_run(*database));
    baseline_rates.push_back(throughput_jobs / baseline_run(*database));
    const auto latencies = latency_run(*database);
    p50s.push_back(percentile(latencies, 0.50));
    p99s.push_back(percentile(latencies, 0.99));
    database.reset();
    if (backend == "postgres") run_postgres_admin("DROP SCHEMA " + schema_name(run) + " CASCADE");
  }
  const double queue = median(queue_rates), baseline = median(baseline_rates);
  std::printf(
      "%-11s queue %8.0f jobs/s | bare-SQL baseline %8.0f rows/s | ratio %.2f | pickup p50 %.2f ms p99 %.2f "
      "ms\n",
      backend.c_str(), queue, baseline, queue / baseline, median(p50s), median(p99s));
}

}  // namespace

int main() {
  spdlog::set_level(spdlog::level::warn);
  crypto::initialize();
  const auto dir = std::filesystem::temp_directory_path() / ("pinbridge-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::printf(
      "job queue: %d no-op jobs enqueued in batches of %d, 8 workers; %d pickup samples; median of %d runs\n",
      throughput_jobs, enqueue_batch, latency_samples, runs);
  bench_backend("sqlite", dir.string());
  bench_backend("sqlite-full", dir.string());
  if (std::getenv("PINBRIDGE_BENCH_POSTGRES_URL")) bench_backend("postgres", dir.string());  // NOLINT
  std::filesystem::remove_all(dir);
  return 0;
}
