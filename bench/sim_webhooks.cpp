// pinpoint-sim firing webhooks: deliveries per second from the simulator's durable queue to a fast
// receiver in this process (the project's own HTTP server answering 204 with keep-alive). Each run
// asks the simulator for a burst of test webhooks (POST /_sim/webhooks/{id}/test {"count": N}) and
// times it until the receiver has counted N. The baseline, measured in the same process, is the
// receiver driven directly by this bench with as many keep-alive clients as the simulator has
// delivery workers: the ratio says how much of the receiver's capacity the simulator uses.
// Extra arguments after the binary go to pinpoint-sim (e.g. --webhook-workers 16).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "bench_stats.hpp"
#include "http/server.hpp"
#include "support/child_process.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"

namespace {

using pinbridge::bench::median;

using namespace pinbridge::testing;
using steady = std::chrono::steady_clock;
using nlohmann::json;

constexpr int burst = 20'000;
constexpr int runs = 5;
constexpr int baseline_clients = 8;  // pinpoint-sim's default --webhook-workers

class Receiver {
 public:
  Receiver() {
    pinbridge::http::Router router;
    router.post("/hook", [this](pinbridge::http::Request&) {
      received_.fetch_add(1, std::memory_order_relaxed);
      return pinbridge::http::Response::text(204, "");
    });
    pinbridge::http::ServerSettings settings;
    settings.port = 0;
    server_ = std::make_unique<pinbridge::http::Server>(settings, std::move(router));
    server_->start();
  }
  ~Receiver() { server_->shutdown(); }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }
  long received() const { return received_.load(); }
  void reset() { received_ = 0; }

 private:
  std::atomic<long> received_{0};
  std::unique_ptr<pinbridge::http::Server> server_;
};

// The receiver alone: baseline_clients keep-alive clients posting a webhook-sized signed body.
double baseline_rate(Receiver& receiver) {
  const std::string body = R"({"event":"test","triggeredAt":1700000000,"data":{"message":"x"}})";
  const std::map<std::string, std::string> headers{{"PINPOINT-HMAC-SHA256", std::string(44, 'A')}};
  receiver.reset();
  const auto started = steady::now();
  std::vector<std::thread> clients;
  for (int t = 0; t < baseline_clients; ++t)
    clients.emplace_back([&] {
      HttpClient client(receiver.base());
      for (int i = 0; i < burst / baseline_clients; ++i)
        client.post("/hook", body, "application/json", headers);
    });
  for (auto& client : clients) client.join();
  return receiver.received() / std::chrono::duration<double>(steady::now() - started).count();
}

// One burst through the simulator; 0 when it did not complete within a minute.
double simulator_rate(Receiver& receiver, HttpClient& admin, std::int64_t endpoint) {
  receiver.reset();
  const auto started = steady::now();
  const auto sent = admin.post("/_sim/webhooks/" + std::to_string(endpoint) + "/test",
                               json{{"count", burst}}.dump(), "application/json");
  if (sent.status != 202) {
    std::fprintf(stderr, "burst refused: %ld %s\n", sent.status, sent.body.c_str());
    return 0;
  }
  while (receiver.received() < burst) {
    if (steady::now() - started > std::chrono::minutes(1)) return 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return burst / std::chrono::duration<double>(steady::now() - started).count();
}

std::string start_simulator(std::unique_ptr<ChildProcess>& sim, const TempDir& dir, int argc, char** argv) {
  const std::string binary = argc > 1 ? argv[1] : "build/src/sim/pinpoint-sim";
  std::vector<std::string> args{"--seed",      "1",    "--port",       "0",
                                "--log-level", "warn", "--ready-file", dir.path() + "/ready"};
  for (int i = 2; i < argc; ++i) args.emplace_back(argv[i]);
  sim = std::make_unique<ChildProcess>(binary, args, std::map<std::string, std::string>{}, dir.path());
  std::string url = wait_for_file(dir.path() + "/ready");
  url.erase(url.find_last_not_of('\n') + 1);
  return url;
}

}  // namespace

int main(int argc, char** argv) {
  Receiver receiver;
  TempDir dir;
  std::unique_ptr<ChildProcess> sim;
  const std::string url = start_simulator(sim, dir, argc, argv);
  if (url.empty()) {
    std::fprintf(stderr, "pinpoint-sim did not start: %s\n", sim->standard_error().c_str());
    return 1;
  }
  HttpClient admin(url);
  admin.post("/_sim/companies", R"({"subdomain":"acme"})", "application/json");
  const auto endpoint = json::parse(
      admin
          .post("/_sim/companies/acme/webhooks",
                json{{"url", receiver.base() + "/hook"}, {"secret", "s"}}.dump(), "application/json")
          .body);
  std::vector<double> sim_rates;
  std::vector<double> base_rates;
  for (int i = 0; i < runs; ++i) {
    sim_rates.push_back(simulator_rate(receiver, admin, endpoint.value("id", 0)));
    base_rates.push_back(baseline_rate(receiver));
    std::fprintf(stderr, "run %d: simulator %.0f/s, receiver alone %.0f/s\n", i + 1, sim_rates.back(),
                 base_rates.back());
  }
  const double simulated = median(sim_rates);
  const double baseline = median(base_rates);
  std::printf("pinpoint-sim webhooks, bursts of %d test deliveries, median of %d runs:\n", burst, runs);
  std::printf("  fired by pinpoint-sim (queue -> signed POST -> attempt logged): %8.0f webhooks/s\n",
              simulated);
  std::printf(
      "  receiver driven directly, %d keep-alive clients (baseline):    %8.0f requests/s; ratio %.2f\n",
      baseline_clients, baseline, simulated / baseline);
  return 0;
}
