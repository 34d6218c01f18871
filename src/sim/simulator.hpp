#pragma once
// pinpoint-sim assembled: database, webhook delivery queue and workers, the REST and admin APIs,
// and the HTTP server. main.cpp only parses the command line and calls this.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "sim/faults.hpp"
#include "sim/webhooks.hpp"

namespace pinbridge::sim {

struct SimulatorSettings {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::string data_path;  // "" = in memory
  std::optional<std::uint64_t> seed;
  WebhookTiming webhook_timing;
  FaultSettings faults;
  int webhook_workers = 8;
  std::chrono::milliseconds plugin_timeout{10'000};  // each call to an integration plugin
};

struct DemoKeys {
  std::string full_key;     // every permission Pinbridge needs
  std::string limited_key;  // lacks Candidate Assessment and Comment write
};

class Simulator {
 public:
  explicit Simulator(SimulatorSettings settings);
  ~Simulator();
  void start();
  std::uint16_t port() const;
  std::string base_url() const;
  // Seeds company "acme" (see demo.cpp); deterministic under --seed.
  DemoKeys seed_demo();
  void shutdown();
  void wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pinbridge::sim
