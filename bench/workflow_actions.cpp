// Workflows end to end against a real pinpoint-sim (SQLite on our side by default). A backlog of
// stage-change deliveries, stored by the webhook ingest, is drained by the worker pool: each delivery fetches
// its application from Pinpoint, the rules run (send the assessment on Review, post the record),
// the invitation is created, and the record action looks the Candidate Assessment up and creates
// it. Figures, each the median of several runs:
//   1. Rate limit off: workflow actions/s (target >= 2,000: engineering.md's "stage-change event to
//      invitation created and Pinpoint updated"), counted after the run, from the stage changes
//      drained end to end (each ends in a Candidate Assessment record); and the requests made to
//      Pinpoint. A baseline in the same run: the same Pinpoint calls (fetch the application, look
//      the record up, create it) made straight from the account's client by as many threads as
//      there are workers, with no queue, rules or invitations. The ratio is what the workflow
//      machinery costs. Beside them, the CPU time each stage change cost in this process and in the
//      simulator: steadier than rates on a shared machine, and it shows which side bounds the rate
//      when the cores are all busy. The simulator's share is the same work in every build, so
//      pinbridge's CPU over the simulator's is the figure to compare builds by; and the bytes
//      pinbridge wrote per stage change (its SQLite WAL) do not drift with the machine at all.
//   2. Queue pickup of action jobs (enqueue to start) at a paced 100 deliveries/s: p50 (target
//      <= 5 ms) and p99.
//   3. Rate limit on: the simulator limits the key to RATE/s and our client is set to RATE/s; the
//      backlog drains at about RATE, no one-second window sees more than the limit allows, and the
//      simulator answers no 429.
// Usage: workflow_actions [deliveries, default 10000] [workers, default 8] [sqlite|postgres]
// postgres uses PINBRIDGE_TEST_POSTGRES_URL, as the tests do; the CPU figures then leave out the
// PostgreSQL server's own.
#include <gtest/gtest.h>  // SimProcess reports a failed admin call with ADD_FAILURE
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>
#include <vector>

#include "accounts/account_store.hpp"
#include "bench_stats.hpp"
#include "mail/outbox.hpp"
#include "sim/sim_process.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"
#include "support/workflow_stack.hpp"

namespace {

using pinbridge::bench::median;
using pinbridge::bench::percentile;

using namespace pinbridge;
namespace support = pinbridge::testing;
using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

constexpr int runs = 3;
constexpr int setup_threads = 4;
constexpr int paced_deliveries = 300;
constexpr auto paced_gap = 10ms;   // 100 deliveries/s
constexpr int limited_rate = 100;  // requests/s, for figure 3
constexpr int limited_deliveries = 300;

double seconds_since(steady::time_point start) {
  return std::chrono::duration<double>(steady::now() - start).count();
}

// Runs work(i) for i in [0, count) on `threads` threads.
template <typename Work>
void in_parallel(int count, int threads, Work work) {
  std::atomic<int> next{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      for (int i = next++; i < count; i = next++) work(i);
    });
  for (auto& thread : pool) thread.join();
}

// A simulated Pinpoint company whose `count` applications all sit in stage Review, and a key.
struct Company {
  std::string subdomain;
  std::string api_key;
  std::int64_t review_stage = 0;
  std::vector<std::int64_t> applications;
};

nlohmann::json admin(support::HttpClient& client, const std::string& path, const nlohmann::json& body) {
  const auto result = client.post(path, body.dump(), "application/json");
  if (result.status >= 300) {
    std::fprintf(stderr, "POST %s -> %ld %s\n", path.c_str(), result.status, result.body.c_str());
    std::exit(1);
  }
  return nlohmann::json::parse(result.body);
}

Company company_in_review(support::SimProcess& sim, const std::string& subdomain, int count) {
  support::HttpClient client(sim.url());
  Company company{subdomain, {}, 0, std::vector<std::int64_t>(static_cast<std::size_t>(count))};
  admin(client, "/_sim/companies", {{"subdomain", subdomain}, {"name", subdomain}});
  const std::string base = "/_sim/companies/" + subdomain;
  const std::int64_t job = admin(client, base + "/jobs", {{"title", "Backend Engineer"}})["id"];
  company.api_key = admin(client, base + "/api_keys", {{"permissions", "write"}})["key"];
  const auto stages = nlohmann::json::parse(
      client.get(base + "/resources/jobs?include=stages&filter[id]=" + std::to_string(job)).body);
  for (const auto& included : stages["included"])
    if (included["attributes"]["name"] == "Review")
      company.review_stage = std::stoll(included["id"].get<std::string>());
  in_parallel(count, setup_threads, [&](int i) {
    thread_local std::unique_ptr<support::HttpClient> own;  // one keep-alive connection per thread
    if (!own) own = std::make_unique<support::HttpClient>(sim.url());
    const auto n = std::to_string(i);
    const std::int64_t id = admin(*own, base + "/applications",
                                  {{"job_id", job},
                                   {"first_name", "Candidate"},
                                   {"last_name", n},
                                   {"email", "candidate" + n + "@x.test"}})["id"];
    admin(*own, base + "/applications/" + std::to_string(id) + "/move", {{"stage_id", company.review_stage}});
    company.applications[static_cast<std::size_t>(i)] = id;
  });
  return company;
}

std::string stage_changed(std::int64_t application_id, std::int64_t stage_id) {
  return nlohmann::json{{"event", "application_stage_changed"},
                        {"triggeredAt", 1700000000},
                        {"data", {{"application", {{"id", application_id}}}, {"stage", {{"id", stage_id}}}}}}
      .dump();
}

// One pinbridge account connected to `company`, with the send and record rules.
struct Tenant {
  std::int64_t account = 0;
  std::string token;
};

Tenant connect(support::WorkflowStack& stack, const Company& company) {
  accounts::AccountStore accounts(stack.database, stack.clock, crypto::PasswordCost::minimal_for_tests);
  Tenant tenant;
  tenant.account = accounts.create_account(company.subdomain, company.subdomain)->id;
  tenant.token =
      stack.connections.save(tenant.account, company.subdomain, Secret(company.api_key)).webhook_token;
  const auto assessment = stack.platform.assessments.create(tenant.account, support::sample_assessment());
  const auto workflow = stack.workflows.create(tenant.account, "Backend screen");
  workflows::SendOnStage send;
  send.stage.stage_name = "Review";
  send.assessment_id = assessment->id;
  workflows::PostResults post;
  post.record = true;
  if (!workflow || !stack.workflows.add_rule(tenant.account, workflow->id, send) ||
      !stack.workflows.add_rule(tenant.account, workflow->id, post)) {
    std::fprintf(stderr, "could not build the workflow\n");
    std::exit(1);
  }
  return tenant;
}

void ingest_all(support::WorkflowStack& stack, const Tenant& tenant, const Company& company) {
  in_parallel(static_cast<int>(company.applications.size()), 8, [&](int i) {
    const auto body = stage_changed(company.applications[static_cast<std::size_t>(i)], company.review_stage);
    if (!stack.ingest.receive(tenant.token, std::nullopt, body)) std::exit(1);
  });
}

std::int64_t scalar(store::Database& database, const std::string& sql) {
  return database.read([&](store::Connection& c) { return c.query_one(sql)->integer(0); });
}

std::int64_t actions_done(store::Database& database) {
  return scalar(database,
                "SELECT COUNT(*) FROM workflow_actions WHERE kind = 'post_record' AND state = 'done'");
}

// What the workers have finished, counted as they finish. The waits watch these rather than the
// database, whose counts read whole tables: polled every 50 ms through 10,000 stage changes, they
// cost this process a tenth of its CPU, which the figures would have charged to the workflows.
struct Progress {
  std::atomic<std::int64_t> jobs{0};
  std::atomic<std::int64_t> actions{0};  // action jobs done: the records, as invites need no job

  jobs::OutcomeObserver observer() {
    return [this](const jobs::Job& job, const jobs::JobResult& result, std::chrono::microseconds) {
      ++jobs;
      if (job.kind == workflows::action_job_kind && result.kind == jobs::JobResult::Kind::completed)
        ++actions;
    };
  }
};

// Waits until `target` record actions are done, as the workers count them and then as committed;
// false after a minute in which no job finished (the record actions come last, behind every
// delivery's processing, so they alone show no progress for a while).
bool wait_for_actions(store::Database& database, const Progress& progress, std::int64_t target) {
  std::int64_t last = -1;
  auto last_progress = steady::now();
  const auto stalled = [&] {
    if (const auto finished = progress.jobs.load(); finished != last)
      last = finished, last_progress = steady::now();
    return steady::now() - last_progress > 60s;
  };
  while (progress.actions < target) {
    if (stalled()) return false;
    std::this_thread::sleep_for(1ms);
  }
  // The completer commits the last outcomes a moment later.
  while (actions_done(database) < target) {
    if (stalled()) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

// What has been used so far: CPU time in milliseconds, by this process (every thread) and by the
// simulator, which shows what each stage change costs whatever else the machine is running; and
// the bytes this process has written (SQLite's WAL, almost all of it; the requests to
// Pinpoint are a few hundred bytes each): the same on any machine, so a change to what a stage
// change writes shows even when the CPU figures drift.
struct ResourceUse {
  double own_ms = 0;
  double sim_ms = 0;
  double own_written = 0;
  ResourceUse operator-(const ResourceUse& earlier) const {
    return {own_ms - earlier.own_ms, sim_ms - earlier.sim_ms, own_written - earlier.own_written};
  }
};

// /proc/self/io's wchar: bytes passed to write(2) and its kin, to files and sockets alike.
double bytes_written() {
  std::ifstream io("/proc/self/io");
  std::string key;
  double value = 0;
  while (io >> key >> value)
    if (key == "wchar:") return value;
  return 0;
}

ResourceUse resources_used(pid_t sim) {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto ms = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3;
  };
  // /proc/PID/stat: after the command name in parentheses, utime and stime are the 12th and 13th
  // fields, in clock ticks.
  std::ifstream stat("/proc/" + std::to_string(sim) + "/stat");
  std::string line;
  std::getline(stat, line);
  std::istringstream rest(line.substr(line.rfind(')') + 2));
  const std::vector<std::string> fields{std::istream_iterator<std::string>(rest), {}};
  const double tick_ms = 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
  return {ms(usage.ru_utime) + ms(usage.ru_stime),
          (std::stod(fields.at(11)) + std::stod(fields.at(12))) * tick_ms, bytes_written()};
}

// One drained backlog: stage changes per second, the resources each stage change used, and per
// stage change (figure 1 only) the workflow actions done and the requests made to Pinpoint.
struct Drained {
  double per_second = 0;
  ResourceUse per_change;
  double actions_per_change = 0;
  double requests_per_change = 0;
};

Drained drained(const Company& company, double seconds, const ResourceUse& used) {
  const auto changes = static_cast<double>(company.applications.size());
  return {
      changes / seconds, {used.own_ms / changes, used.sim_ms / changes, used.own_written / changes}, 0, 0};
}

// The requests the account's client made to Pinpoint, from the call log (the Activity page's).
std::int64_t pinpoint_requests(support::WorkflowStack& stack, const Tenant& tenant) {
  stack.calls.flush();
  return scalar(stack.database,
                "SELECT COUNT(*) FROM pinpoint_calls WHERE account_id = " + std::to_string(tenant.account));
}

// Starts the stack's workers. Emails are not delivered here (mail delivery has its own tests and
// needs an SMTP server): each invitation email's job runs once and completes, where a kind with
// no handler would retry in the background for the whole run.
void start_without_mail(support::WorkflowStack& stack) {
  stack.workers.register_handler(std::string(mail::send_job_kind),
                                 [](const jobs::Job&) { return jobs::JobResult::done(); });
  stack.start();
}

// Figure 1: the backlog drained by the workflow machinery, in Pinpoint actions per second.
Drained workflow_actions_per_second(support::SimProcess& sim, const Company& company, int workers,
                                    const std::string& backend) {
  support::TestDatabase database(backend);
  Progress progress;
  support::WorkflowStack stack(*database.database(), {sim.url(), workers, 0, progress.observer()});
  const auto tenant = connect(stack, company);
  ingest_all(stack, tenant, company);
  const auto start = steady::now();
  const auto used_before = resources_used(sim.pid());
  start_without_mail(stack);
  if (!wait_for_actions(stack.database, progress, static_cast<std::int64_t>(company.applications.size()))) {
    std::fprintf(stderr, "the workflow run stalled at %lld actions\n",
                 static_cast<long long>(actions_done(stack.database)));
    std::exit(1);
  }
  auto result = drained(company, seconds_since(start), resources_used(sim.pid()) - used_before);
  const auto changes = static_cast<double>(company.applications.size());
  result.actions_per_change =
      static_cast<double>(
          scalar(stack.database, "SELECT COUNT(*) FROM workflow_actions WHERE state = 'done'")) /
      changes;
  result.requests_per_change = static_cast<double>(pinpoint_requests(stack, tenant)) / changes;
  return result;
}

// Figure 1's baseline: the same Pinpoint calls, straight from the account's client.
Drained direct_calls_per_second(support::SimProcess& sim, const Company& company, int threads,
                                const std::string& backend) {
  support::TestDatabase database(backend);
  support::WorkflowStack stack(*database.database(), {sim.url(), threads});
  const auto tenant = connect(stack, company);
  const auto client = *stack.clients.for_account(tenant.account);
  std::atomic<int> failed{0};
  const auto start = steady::now();
  const auto used_before = resources_used(sim.pid());
  in_parallel(static_cast<int>(company.applications.size()), threads, [&](int i) {
    const auto id = company.applications[static_cast<std::size_t>(i)];
    pinpoint::CandidateAssessmentInput input;
    input.application_id = id;
    input.assessment_name = "Backend screen";
    input.external_uid = "baseline-" + std::to_string(id);
    input.status = "pending";
    if (!client->get_application(id) || !client->upsert_candidate_assessment(input)) ++failed;
  });
  const auto result = drained(company, seconds_since(start), resources_used(sim.pid()) - used_before);
  if (failed > 0) std::fprintf(stderr, "%d direct calls failed\n", failed.load());
  return result;
}

// Figure 2: deliveries arrive at a steady pace; how long each action job waited to start.
std::vector<double> pickup_ms(support::SimProcess& sim, const Company& company, int workers,
                              const std::string& backend) {
  support::TestDatabase database(backend);
  Progress progress;
  support::WorkflowStack stack(*database.database(), {sim.url(), workers, 0, progress.observer()});
  const auto tenant = connect(stack, company);
  start_without_mail(stack);
  for (const auto application : company.applications) {
    if (!stack.ingest.receive(tenant.token, std::nullopt, stage_changed(application, company.review_stage)))
      std::exit(1);
    stack.workers.notify();
    std::this_thread::sleep_for(paced_gap);
  }
  if (!wait_for_actions(stack.database, progress, static_cast<std::int64_t>(company.applications.size())))
    std::exit(1);
  std::vector<double> waits;
  stack.database.read([&](store::Connection& c) {
    for (const auto& row : c.query("SELECT attempted_at - scheduled_at FROM jobs "
                                   "WHERE kind = 'workflows.action' AND attempt = 1"))
      waits.push_back(static_cast<double>(row.integer(0)));
    return 0;
  });
  return waits;
}

struct LimitedRun {
  double drain_per_second = 0;
  int busiest_second = 0;
  int too_many_requests = 0;
};

// Figure 3: our limit and Pinpoint's at limited_rate; the simulator's request log is the witness.
LimitedRun limited_run(support::SimProcess& sim, const Company& company, int workers,
                       const std::string& backend) {
  support::TestDatabase database(backend);
  Progress progress;
  support::WorkflowStack stack(*database.database(), {sim.url(), workers, limited_rate, progress.observer()});
  const auto tenant = connect(stack, company);
  ingest_all(stack, tenant, company);
  const auto log = sim.admin("GET", "/_sim/requests");
  const std::int64_t since = log.empty() ? 0 : log.back()["seq"].get<std::int64_t>() + 1;
  sim.admin("PUT", "/_sim/faults", {{"rate_limit", {{"rate", limited_rate}, {"burst", limited_rate}}}});
  const auto start = steady::now();
  start_without_mail(stack);
  if (!wait_for_actions(stack.database, progress, static_cast<std::int64_t>(company.applications.size())))
    std::exit(1);
  const double elapsed = seconds_since(start);
  sim.admin("DELETE", "/_sim/faults");

  LimitedRun run;
  std::vector<std::int64_t> times;
  for (const auto& request : sim.admin("GET", "/_sim/requests?since=" + std::to_string(since))) {
    if (!request["path"].get<std::string>().starts_with("/api/v1/")) continue;
    times.push_back(request["at_ms"].get<std::int64_t>());
    if (request["status"] == 429) ++run.too_many_requests;
  }
  for (std::size_t first = 0, last = 0; last < times.size(); ++last) {
    while (times[last] - times[first] >= 1000) ++first;
    run.busiest_second = std::max(run.busiest_second, static_cast<int>(last - first + 1));
  }
  run.drain_per_second = static_cast<double>(times.size()) / elapsed;
  return run;
}

// Each figure's median over the runs, taken separately.
Drained medians(const std::vector<Drained>& results) {
  return {bench::median_of(results, [](const Drained& d) { return d.per_second; }),
          {bench::median_of(results, [](const Drained& d) { return d.per_change.own_ms; }),
           bench::median_of(results, [](const Drained& d) { return d.per_change.sim_ms; }),
           bench::median_of(results, [](const Drained& d) { return d.per_change.own_written; })},
          bench::median_of(results, [](const Drained& d) { return d.actions_per_change; }),
          bench::median_of(results, [](const Drained& d) { return d.requests_per_change; })};
}

}  // namespace

int main(int argc, char** argv) {
  const int deliveries = argc > 1 ? std::atoi(argv[1]) : 10'000;
  const int workers = argc > 2 ? std::atoi(argv[2]) : 8;
  const std::string backend = argc > 3 ? argv[3] : "sqlite";
  if (backend != "sqlite" && !(backend == "postgres" && support::postgres_url())) {
    std::fprintf(stderr, "backend: sqlite, or postgres with PINBRIDGE_TEST_POSTGRES_URL set\n");
    return 2;
  }
  spdlog::set_level(spdlog::level::warn);
  support::SimProcess sim;
  std::printf("workflow actions against pinpoint-sim: %d stage changes, %d workers, %s, median of %d runs\n",
              deliveries, workers, backend.c_str(), runs);

  std::vector<Drained> workflow_runs, direct_runs;
  for (int run = 0; run < runs; ++run) {
    const auto for_direct = company_in_review(sim, "direct" + std::to_string(run), deliveries);
    direct_runs.push_back(direct_calls_per_second(sim, for_direct, workers, backend));
    const auto for_workflow = company_in_review(sim, "flow" + std::to_string(run), deliveries);
    workflow_runs.push_back(workflow_actions_per_second(sim, for_workflow, workers, backend));
  }
  const auto workflow = medians(workflow_runs), direct = medians(direct_runs);
  std::printf(
      "  rate limit off: %.0f workflow actions/s (target >= 2000; %.2f per stage change: the invite, the "
      "record), from %.0f stage changes/s drained end to end, each ending in a Candidate Assessment record, "
      "and %.0f requests/s to Pinpoint (%.2f per stage change)\n"
      "  baseline, the same Pinpoint calls made directly: %.0f stage changes/s; ratio %.2f\n",
      workflow.actions_per_change * workflow.per_second, workflow.actions_per_change, workflow.per_second,
      workflow.requests_per_change * workflow.per_second, workflow.requests_per_change, direct.per_second,
      workflow.per_second / direct.per_second);
  std::printf(
      "  CPU per stage change: workflows %.2f ms in pinbridge + %.2f ms in pinpoint-sim (pinbridge/sim "
      "%.2f); baseline %.2f ms in the client + %.2f ms in pinpoint-sim\n",
      workflow.per_change.own_ms, workflow.per_change.sim_ms,
      workflow.per_change.own_ms / workflow.per_change.sim_ms, direct.per_change.own_ms,
      direct.per_change.sim_ms);
  // PostgreSQL's writes are the server's, and libpq's sends are not counted as written.
  if (backend == "sqlite")
    std::printf("  pinbridge wrote %.1f KB per stage change (SQLite's WAL, almost all of it)\n",
                workflow.per_change.own_written / 1024);

  const auto waits = pickup_ms(sim, company_in_review(sim, "paced", paced_deliveries), workers, backend);
  std::printf("  queue pickup of action jobs at 100 deliveries/s: p50 %.1f ms (target <= 5), p99 %.1f ms\n",
              percentile(waits, 0.5), percentile(waits, 0.99));

  const auto limited =
      limited_run(sim, company_in_review(sim, "limited", limited_deliveries), workers, backend);
  std::printf(
      "  rate limit on at %d requests/s: drained at %.0f requests/s, busiest second %d requests, "
      "%d answered 429\n",
      limited_rate, limited.drain_per_second, limited.busiest_second, limited.too_many_requests);
  return 0;
}
