#include "app/runtime.hpp"

#include <spdlog/spdlog.h>

#include "api/api_routes.hpp"
#include "app/master_key.hpp"
#include "app/periodic.hpp"
#include "ops/logging.hpp"
#include "ops/operations_routes.hpp"
#include "schema/product_schema.hpp"
#include "store/migrations.hpp"
#include "web/dashboard.hpp"

namespace pinbridge::app {
namespace {

void log_request(const http::RequestRecord& record) {
  ops::event(spdlog::level::info, "request",
             {{"request_id", record.request.request_id},
              {"method", record.request.method},
              {"path", record.request.path},
              {"route", record.request.route},
              {"status", record.status},
              {"bytes", record.response_bytes},
              {"duration_ms", static_cast<double>(record.duration.count()) / 1000.0},
              {"remote", record.request.remote_address}});
}

constexpr auto session_prune_interval = std::chrono::hours(1);

}  // namespace

Core::Core(const Config& loaded) : config(loaded) {
  database = store::open_database(config.database);
  store::migrate(*database, schema::product_migrations());
  accounts = std::make_unique<accounts::AccountStore>(*database, clock, config.password_cost);
  jobs = std::make_unique<jobs::JobStore>(*database, clock, random, config.queue);
  events = std::make_unique<events::EventLog>(*database, *jobs, clock);
  outbox = std::make_unique<mail::Outbox>(*database, *jobs, clock);
  assessments = std::make_unique<assessments::AssessmentStore>(*database, *jobs, clock);
}

Service::Service(Core& core) : core_(core) {
  auto box = load_master_key(core.config);
  if (!box) throw std::runtime_error(box.error().message);
  secret_box_ = std::make_unique<crypto::SecretBox>(*box);
  sessions_ = std::make_unique<accounts::SessionManager>(*core.database, *core.accounts, core.clock,
                                                         core.config.sessions);
  metrics_ = std::make_unique<ops::Metrics>();
  links_ = std::make_unique<assessments::Links>([this] { return base_url(); },
                                                secret_box_->derive_key("report-links"));
  platform_ = std::make_unique<assessments::PlatformDeps>(
      assessments::PlatformDeps{*core.database, *core.jobs, *core.events, *core.outbox, *core.assessments,
                                core.clock, *secret_box_, *links_, core.config.invitations});
  invitations_ = std::make_unique<assessments::Invitations>(*platform_);
  candidates_ = std::make_unique<assessments::CandidateSessions>(*platform_);
  lifecycle_ = std::make_unique<assessments::LifecycleJobs>(*platform_);
  api_keys_ = std::make_unique<api::ApiKeyStore>(*core.database, core.clock);
  idempotency_ = std::make_unique<api::IdempotencyStore>(*core.database, core.clock);
  webhooks_ = std::make_unique<api::WebhookStore>(*core.database, core.clock, *secret_box_,
                                                  core.config.webhook_targets);
  webhook_dispatcher_ = std::make_unique<api::WebhookDispatcher>(
      *webhooks_, *core.accounts, *core.events, *core.jobs, core.clock, core.config.webhooks);
  webhook_dispatcher_->subscribe();
  email_delivery_ = std::make_unique<mail::EmailDelivery>(*core.outbox, core.config.smtp, core.clock);

  automations_ = std::make_unique<AutomationsParts>(core.config, *core.database, *core.jobs, *core.events,
                                                    core.clock, core.random, *secret_box_);
  workflows_ =
      std::make_unique<WorkflowParts>(*core.database, *core.jobs, *core.events, core.clock, *core.assessments,
                                      *invitations_, *links_, automations_->clients, automations_->stages);
  plugin_ =
      std::make_unique<PluginParts>(core.config, *core.database, *core.jobs, *core.events, core.clock,
                                    *secret_box_, *core.accounts, *core.assessments, *invitations_, *links_);

  http::Router router;
  automations_->add_routes(router);
  plugin_->add_routes(router);
  ops::add_operations_routes(router, *core.database, schema::product_migrations(), *core.jobs, *metrics_);
  web::DashboardSettings dashboard;
  dashboard.secure_cookies = core.config.secure_cookies;
  dashboard.public_url = core.config.public_url;
  const web::PlatformServices platform{*core.assessments, *invitations_, *candidates_,    *core.outbox,
                                       *links_,           core.clock,    api_keys_.get(), webhooks_.get()};
  api::add_api_routes(router,
                      {*core.accounts, *api_keys_, *idempotency_, *core.assessments, *invitations_, *links_});
  const web::AutomationsServices automations{automations_->connections, automations_->clients,
                                             automations_->stages,      automations_->stage_refresh,
                                             automations_->calls,       automations_->deliveries,
                                             &workflows_->dashboard,    &plugin_->dashboard};
  web::add_dashboard_routes(router, *core.accounts, *sessions_, platform, dashboard, automations);

  auto* metrics = metrics_.get();
  server_ = std::make_unique<http::Server>(core.config.server, std::move(router),
                                           [metrics](const http::RequestRecord& record) {
                                             metrics->observe_request(record);
                                             log_request(record);
                                           });
  workers_ = std::make_unique<jobs::WorkerPool>(
      *core.jobs, *core.database, core.config.workers,
      [metrics](const jobs::Job& job, const jobs::JobResult& result, std::chrono::microseconds took) {
        metrics->observe_job(job, result, took);
      });
  register_jobs();
}

void Service::register_jobs() {
  workers_->register_handler("sessions.prune", [this](const jobs::Job&) {
    sessions_->prune_expired();
    core_.jobs->enqueue(next_periodic("sessions.prune", session_prune_interval, core_.clock.now()));
    return jobs::JobResult::done();
  });
  lifecycle_->register_jobs(*workers_);
  core_.events->register_jobs(*workers_);
  webhook_dispatcher_->register_jobs(*workers_);
  automations_->register_jobs(*workers_, *core_.jobs, core_.clock);
  workflows_->engine.register_jobs(*workers_);
  plugin_->register_jobs(*workers_);
  workers_->register_handler(std::string(mail::send_job_kind),
                             [this](const jobs::Job& job) { return email_delivery_->run(job); });
}

Service::~Service() {
  shutdown();
}

void Service::start() {
  server_->start();
  workers_->start();
  core_.jobs->enqueue(next_periodic("sessions.prune", session_prune_interval, core_.clock.now()));
  automations_->start(*core_.jobs, core_.clock);
}

void Service::shutdown() {
  if (server_) server_->shutdown();
  if (workers_) workers_->stop();
}

std::string Service::base_url() const {
  if (!core_.config.public_url.empty()) return core_.config.public_url;
  const std::string& host = core_.config.server.host;
  const std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return "http://" + shown + ":" + std::to_string(server_->port());
}

}  // namespace pinbridge::app
