// A worker process for the queue's multi-process tests: the real JobStore and WorkerPool on the
// database named by --database, with two handlers that record each run in probe_runs:
//   probe.record  records the run, sleeps args.sleep_ms, completes
//   probe.slow    records the run; on the first attempt sleeps a minute (the test kills it), later
//                 attempts complete at once
// It runs until SIGTERM. Not part of the product.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <thread>

#include "core/crypto.hpp"
#include "jobs/worker_pool.hpp"
#include "schema/product_schema.hpp"
#include "store/migrations.hpp"

namespace {

using namespace pinbridge;

constexpr std::string_view create_runs =
    "CREATE TABLE IF NOT EXISTS probe_runs (job_id BIGINT NOT NULL, worker TEXT NOT NULL, attempt INTEGER "
    "NOT NULL)";
constexpr std::string_view insert_run =
    "INSERT INTO probe_runs (job_id, worker, attempt) VALUES ($1, $2, $3)";

jobs::JobHandler recorder(store::Database& database, const std::string& worker) {
  return [&database, worker](const jobs::Job& job) {
    database.write([&](store::Connection& c) {
      c.execute(insert_run, {job.id, worker, std::int64_t{job.attempt}});
    });
    const int sleep_ms = job.args.value("sleep_ms", 0);
    if (job.kind == "probe.slow") {
      std::this_thread::sleep_for(std::chrono::milliseconds(job.attempt == 1 ? 60'000 : 0));
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms));
    }
    return jobs::JobResult::done();
  };
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"queue probe for tests"};
  std::string url, worker;
  int lease_ms = 30'000, concurrency = 4;
  cli.add_option("--database", url)->required();
  cli.add_option("--worker", worker)->required();
  cli.add_option("--lease-ms", lease_ms);
  cli.add_option("--concurrency", concurrency);
  CLI11_PARSE(cli, argc, argv);

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  crypto::initialize();
  auto database = store::open_database({.url = url, .pool_size = 8});
  store::migrate(*database, schema::product_migrations());
  database->write([](store::Connection& c) { c.execute_script(create_runs); });
  SystemClock clock;
  SeededRandom random;
  jobs::QueueSettings queue;
  queue.lease = std::chrono::milliseconds(lease_ms);
  jobs::JobStore store(*database, clock, random, queue);
  jobs::WorkerSettings settings;
  settings.concurrency = concurrency;
  settings.worker_id = worker;
  settings.poll_interval = std::chrono::milliseconds(100);
  settings.rescue_interval = std::chrono::milliseconds(200);
  jobs::WorkerPool pool(store, *database, settings);
  pool.register_handler("probe.record", recorder(*database, worker));
  pool.register_handler("probe.slow", recorder(*database, worker));
  pool.start();
  std::printf("ready\n");
  std::fflush(stdout);
  int received = 0;
  sigwait(&signals, &received);
  pool.stop();
  return 0;
}
