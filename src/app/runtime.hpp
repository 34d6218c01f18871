#pragma once
// The composition root: the only place that knows how the parts fit together. Everything else
// takes its dependencies in its constructor.
#include <memory>
#include <string>

#include "accounts/account_store.hpp"
#include "accounts/sessions.hpp"
#include "app/config.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/random.hpp"
#include "http/server.hpp"
#include "jobs/job_store.hpp"
#include "jobs/worker_pool.hpp"
#include "ops/metrics.hpp"
#include "store/database.hpp"

namespace pinbridge::app {

// What every command needs: the database (migrated), the clock and the stores.
struct Core {
  explicit Core(const Config& config);

  Config config;
  SystemClock clock;
  SeededRandom random;
  std::unique_ptr<store::Database> database;
  std::unique_ptr<accounts::AccountStore> accounts;
  std::unique_ptr<jobs::JobStore> jobs;
};

// The running server: Core plus sessions, metrics, the HTTP server and the job workers.
class Service {
 public:
  explicit Service(Core& core);
  ~Service();

  void start();
  void shutdown();
  std::string base_url() const;  // with the real port once started

 private:
  Core& core_;
  std::unique_ptr<crypto::SecretBox> secret_box_;
  std::unique_ptr<accounts::SessionManager> sessions_;
  std::unique_ptr<ops::Metrics> metrics_;
  std::unique_ptr<jobs::WorkerPool> workers_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace pinbridge::app
