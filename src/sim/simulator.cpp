#include "sim/simulator.hpp"

#include <fmt/format.h>

#include "http/server.hpp"
#include "jobs/worker_pool.hpp"
#include "sim/admin_api.hpp"
#include "sim/demo.hpp"
#include "sim/plugin_routes.hpp"
#include "sim/rest_api.hpp"
#include "sim/sim_schema.hpp"

namespace pinbridge::sim {

struct Simulator::Impl {
  explicit Impl(SimulatorSettings s)
      : settings(std::move(s)),
        // Separate streams, so webhook jitter never shifts the sequence of injected faults.
        fault_random(settings.seed.value_or(std::random_device{}())),
        jitter_random(settings.seed.value_or(std::random_device{}()) + 1),
        id_random(settings.seed.value_or(0) + 2),
        database(store::open_database(
            {settings.data_path.empty() ? "sqlite::memory:" : "sqlite:" + settings.data_path})),
        queue(*database, clock, jitter_random, queue_settings()),
        webhooks(queue, *database, clock, jitter_random, settings.webhook_timing),
        pinpoint(clock, webhooks, settings.seed ? &id_random : nullptr),
        faults(clock, fault_random, settings.faults),
        rest(*database, pinpoint, faults, log, clock),
        plugins(*database, clock, settings.plugin_timeout, [this] { return public_url(); }),
        plugin_callbacks(*database, clock, plugins),
        admin{*database, pinpoint, webhooks, faults, log, plugins, plugin_callbacks},
        plugin_deps{*database, pinpoint, plugins, plugin_callbacks} {}

  // The URL plugins are given for callbacks and redirects; the port is known once listening.
  std::string public_url() const {
    return fmt::format("http://{}:{}", settings.host, server ? server->port() : settings.port);
  }

  static jobs::QueueSettings queue_settings() {
    jobs::QueueSettings q;
    q.default_max_attempts = delivery_max_attempts;
    q.lease = std::chrono::minutes(1);  // deliveries time out long before (5 s by default)
    return q;
  }

  SimulatorSettings settings;
  SystemClock clock;
  SeededRandom fault_random;
  SeededRandom jitter_random;
  SeededRandom id_random;  // uuids and API keys; used only under --seed
  std::unique_ptr<store::Database> database;
  jobs::JobStore queue;
  Webhooks webhooks;
  Pinpoint pinpoint;
  FaultInjector faults;
  RequestLog log;
  RestApi rest;
  Plugins plugins;
  PluginCallbacks plugin_callbacks;
  AdminDeps admin;
  PluginDeps plugin_deps;
  std::unique_ptr<jobs::WorkerPool> workers;
  std::unique_ptr<http::Server> server;
};

Simulator::Simulator(SimulatorSettings settings) : impl_(std::make_unique<Impl>(std::move(settings))) {
  store::migrate(*impl_->database, sim_migrations());
}

Simulator::~Simulator() {
  shutdown();
}

void Simulator::start() {
  auto& s = *impl_;
  jobs::WorkerSettings worker_settings;
  worker_settings.concurrency = s.settings.webhook_workers;
  worker_settings.poll_interval = std::chrono::milliseconds(200);
  s.workers = std::make_unique<jobs::WorkerPool>(s.queue, *s.database, worker_settings);
  s.workers->register_handler(std::string(delivery_job_kind),
                              [&s](const jobs::Job& job) { return s.webhooks.deliver(job); });
  s.workers->start();
  http::Router router;
  s.rest.install(router);
  install_admin_setup_routes(router, s.admin);
  install_admin_inspect_routes(router, s.admin);
  install_plugin_admin_routes(router, s.plugin_deps);
  install_plugin_ui_routes(router, s.plugin_deps);
  install_plugin_callback_routes(router, s.plugin_callbacks);
  http::ServerSettings server_settings;
  server_settings.host = s.settings.host;
  server_settings.port = s.settings.port;
  s.server = std::make_unique<http::Server>(server_settings, std::move(router));
  s.server->start();
}

std::uint16_t Simulator::port() const {
  return impl_->server->port();
}

std::string Simulator::base_url() const {
  return impl_->public_url();
}

DemoKeys Simulator::seed_demo() {
  SeededRandom demo_random(impl_->settings.seed.value_or(42));
  return seed_demo_company(*impl_->database, impl_->pinpoint, demo_random);
}

void Simulator::shutdown() {
  if (impl_->server) impl_->server->shutdown();
  if (impl_->workers) impl_->workers->stop();
  impl_->workers.reset();
}

void Simulator::wait() {
  if (impl_->server) impl_->server->wait();
}

}  // namespace pinbridge::sim
