// pinpoint-sim: a faithful local Pinpoint ATS for tests, demos and benchmarks. See --help.
// GCC 12 reports a -Wnull-dereference false positive inside CLI11's inlined std::vector<std::string>
// code; the pragma must precede the include because the warning is attributed to library lines.
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <CLI/CLI.hpp>
#include <csignal>
#include <fstream>
#include <iostream>
#include <iterator>

#include "core/crypto.hpp"
#include "ops/logging.hpp"
#include "sim/simulator.hpp"

namespace {

using pinbridge::sim::FaultRule;
using pinbridge::sim::FaultSettings;
using pinbridge::sim::SimulatorSettings;

struct Options {
  SimulatorSettings settings;
  std::uint64_t seed = 0;
  bool demo = false;
  std::string ready_file;
  std::string rate_limit;
  std::string faults;
  FaultRule global_rule;
  std::string log_level = "info";
  std::int64_t plugin_timeout_ms = 10'000;
};

void add_options(CLI::App& cli, Options& o) {
  cli.add_option("--port", o.settings.port, "Port to listen on (0: pick a free one and print it)")
      ->capture_default_str();
  cli.add_option("--host", o.settings.host, "Address to bind")->capture_default_str();
  cli.add_option("--data", o.settings.data_path, "SQLite file to keep the data in (default: in memory)");
  cli.add_option("--seed", o.seed,
                 "Seed for faults, jitter, demo data, uuids and API keys (reproducible runs)");
  cli.add_flag("--demo", o.demo,
               "Seed company 'acme' with users, workflows, jobs, applications and API keys");
  cli.add_option("--ready-file", o.ready_file, "Write the base URL to this file once listening");
  cli.add_option("--webhook-backoff-base-ms", o.settings.webhook_timing.backoff_base_ms,
                 "First webhook retry delay; doubles each attempt")
      ->capture_default_str();
  cli.add_option("--webhook-backoff-max-ms", o.settings.webhook_timing.backoff_max_ms, "Longest retry delay")
      ->capture_default_str();
  cli.add_option("--webhook-timeout-ms", o.settings.webhook_timing.timeout_ms, "Webhook delivery timeout")
      ->capture_default_str();
  cli.add_option("--webhook-workers", o.settings.webhook_workers, "Concurrent webhook deliveries")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  cli.add_option("--plugin-timeout-ms", o.plugin_timeout_ms, "Timeout of each call to an integration plugin")
      ->capture_default_str()
      ->check(CLI::Range(1, 600'000));
  cli.add_option("--rate-limit", o.rate_limit,
                 "Token bucket per API key: RATE/BURST (requests/s), e.g. 10/20");
  cli.add_option("--faults", o.faults,
                 "Faults and limits as the JSON of PUT /_sim/faults (global and per-route rules), or @FILE "
                 "holding it; --rate-limit and the options below add to it");
  cli.add_option("--latency-ms", o.global_rule.latency_ms, "Latency added to every API request");
  cli.add_option("--error-rate", o.global_rule.error_rate, "Share of API requests answered 500/502/503")
      ->check(CLI::Range(0.0, 1.0));
  cli.add_option("--drop-rate", o.global_rule.drop_rate, "Share of API requests whose connection is dropped")
      ->check(CLI::Range(0.0, 1.0));
  cli.add_option("--log-level", o.log_level, "trace, debug, info, warn, error")->capture_default_str();
}

// --faults: the JSON text itself, or @FILE.
pinbridge::Result<FaultSettings> load_faults(const std::string& option) {
  std::string text = option;
  if (option.starts_with('@')) {
    std::ifstream file(option.substr(1));
    if (!file) return pinbridge::Error::invalid("--faults: cannot read " + option.substr(1));
    text.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  }
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return pinbridge::Error::invalid("--faults: not valid JSON");
  return FaultSettings::from_json(json);
}

// Applies --faults, --rate-limit and the global fault options to the settings; false on bad input.
bool apply_fault_options(Options& o) {
  if (!o.faults.empty()) {
    auto faults = load_faults(o.faults);
    if (!faults) {
      std::cerr << faults.error().message << "\n";
      return false;
    }
    o.settings.faults = std::move(*faults);
  }
  if (!o.rate_limit.empty()) {
    const auto rate = FaultSettings::parse_rate(o.rate_limit);
    if (!rate) {
      std::cerr << rate.error().message << "\n";
      return false;
    }
    o.settings.faults.rate_limit = rate->first;
    o.settings.faults.burst = rate->second;
  }
  if (o.global_rule.latency_ms > 0 || o.global_rule.error_rate > 0 || o.global_rule.drop_rate > 0)
    o.settings.faults.rules.push_back(o.global_rule);
  return true;
}

void print_demo(const std::string& url, const pinbridge::sim::DemoKeys& keys) {
  std::cout << "demo company: acme\n"
            << "api key (all permissions): " << keys.full_key << "\n"
            << "api key (no Comment, read-only Candidate Assessment): " << keys.limited_key << "\n"
            << "try: curl -H 'X-API-KEY: " << keys.full_key << "' '" << url
            << "/api/v1/applications?page[size]=5&stats[total]=count'\n";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{
      "pinpoint-sim: a local Pinpoint ATS (REST API, webhooks, faults) for tests and demos.\n"
      "The admin API under /_sim/ has no authentication: keep it on loopback."};
  Options o;
  add_options(cli, o);
  CLI11_PARSE(cli, argc, argv);
  pinbridge::ops::configure_logging(o.log_level, "text");
  pinbridge::crypto::initialize();
  if (cli.count("--seed") > 0) o.settings.seed = o.seed;
  o.settings.plugin_timeout = std::chrono::milliseconds(o.plugin_timeout_ms);
  if (!apply_fault_options(o)) return 2;

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // threads inherit it; only sigwait below sees them
  try {
    pinbridge::sim::Simulator simulator(o.settings);
    simulator.start();
    const auto url = simulator.base_url();
    std::cout << "pinpoint-sim listening on " << url << std::endl;
    if (o.demo) print_demo(url, simulator.seed_demo());
    std::cout.flush();
    if (!o.ready_file.empty()) {
      const auto temporary = o.ready_file + ".tmp";
      std::ofstream(temporary) << url << "\n";
      std::rename(temporary.c_str(), o.ready_file.c_str());  // readers never see a partial file
    }
    int received = 0;
    sigwait(&signals, &received);
    simulator.shutdown();
  } catch (const std::exception& e) {
    std::cerr << "pinpoint-sim: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
