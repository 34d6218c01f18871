#include "automations/delivery_processor.hpp"

#include "automations/webhook_ingest.hpp"
#include "store/nullable.hpp"

namespace pinbridge::automations {
namespace {

namespace sql {
constexpr std::string_view select_delivery =
    "SELECT id, account_id, event, body, outcome FROM pinpoint_deliveries WHERE id = $1";
constexpr std::string_view update_outcome =
    "UPDATE pinpoint_deliveries SET outcome = $2, outcome_detail = $3, processed_at = $4 WHERE id = $1";
}  // namespace sql

// Pinpoint sends ids as numbers or numeric strings (pinpoint-api.md); nullopt when absent.
std::optional<pinpoint::Id> id_at(const nlohmann::json& data, const char* object) {
  const auto it = data.find(object);
  if (it == data.end() || !it->is_object()) return std::nullopt;
  const auto found = it->find("id");
  if (found == it->end()) return std::nullopt;
  const auto& id = *found;
  if (id.is_number_integer()) return id.get<pinpoint::Id>();
  if (!id.is_string()) return std::nullopt;
  try {
    std::size_t used = 0;
    const auto value = std::stoll(id.get<std::string>(), &used);
    return used == id.get<std::string>().size() ? std::optional(value) : std::nullopt;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

nlohmann::json optional_id(const std::optional<pinpoint::Id>& id) {
  return id ? nlohmann::json(*id) : nlohmann::json(nullptr);
}

}  // namespace

DeliveryProcessor::DeliveryProcessor(store::Database& database, events::EventLog& events,
                                     PinpointClients& clients, StageCache& stages, const Clock& clock)
    : database_(database), events_(events), clients_(clients), stages_(stages), clock_(clock) {}

void DeliveryProcessor::register_jobs(jobs::WorkerPool& workers) {
  workers.register_handler(std::string(process_job_kind),
                           [this](const jobs::Job& job) { return process(job); });
}

jobs::JobResult DeliveryProcessor::process(const jobs::Job& job) {
  const auto delivery = load(job.args.at("delivery_id").get<std::int64_t>());
  if (!delivery || delivery->outcome == "processed") return jobs::JobResult::done();
  if (delivery->event == "candidate_assessment_updated")
    return finish(jobs::JobResult::done(), *delivery, "processed", "",
                  nlohmann::json{{"delivery_id", delivery->id}, {"pinpoint", delivery->data}});
  return process_application(*delivery);
}

std::optional<DeliveryProcessor::Delivery> DeliveryProcessor::load(std::int64_t id) {
  auto row = database_.read([&](store::Connection& c) { return c.query_one(sql::select_delivery, {id}); });
  if (!row) return std::nullopt;
  const auto body = nlohmann::json::parse(row->text(3), nullptr, false);
  return Delivery{row->integer(0), row->integer(1), row->text(2),
                  body.is_object() ? body.value("data", nlohmann::json::object()) : nlohmann::json::object(),
                  row->text(4)};
}

jobs::JobResult DeliveryProcessor::process_application(const Delivery& delivery) {
  const auto application_id = id_at(delivery.data, "application");
  if (!application_id)
    return finish(jobs::JobResult::discard("no application id in the delivery"), delivery, "failed",
                  "The delivery names no application");
  auto client = clients_.for_account(delivery.account_id);
  if (!client)
    return finish(jobs::JobResult::discard(client.error().message), delivery, "failed",
                  client.error().message);
  auto application = (*client)->get_application(*application_id);
  if (!application) return failed(delivery, application.error());
  auto stage = known_stage(delivery.account_id, *application, **client);
  if (!stage) return failed(delivery, stage.error());
  return finish(jobs::JobResult::done(), delivery, "processed", "", describe(delivery, *application, *stage));
}

// The application's stage as the stage cache knows it, refreshed from Pinpoint first when the
// cache does not know it yet (a stage added since the last sync); none when the application has
// no stage.
pinpoint::ApiResult<std::optional<KnownStage>> DeliveryProcessor::known_stage(
    std::int64_t account_id, const pinpoint::Application& application,
    const pinpoint::PinpointClient& client) {
  if (!application.job_id || !application.stage_id) return std::optional<KnownStage>();
  const auto find = [&] { return stages_.find(account_id, *application.job_id, *application.stage_id); };
  if (auto stage = find()) return stage;
  if (auto refreshed = stages_.refresh(account_id, client); !refreshed) return refreshed.error();
  return find();
}

nlohmann::json DeliveryProcessor::describe(const Delivery& delivery, const pinpoint::Application& application,
                                           const std::optional<KnownStage>& stage) {
  nlohmann::json data = {{"delivery_id", delivery.id},
                         {"application_id", application.id},
                         {"candidate_id", optional_id(application.candidate_id)},
                         {"first_name", application.first_name},
                         {"last_name", application.last_name},
                         {"email", application.email},
                         {"job_id", optional_id(application.job_id)},
                         {"stage_id", optional_id(application.stage_id)},
                         {"previous_stage_id", optional_id(id_at(delivery.data, "previous_stage"))}};
  if (stage) {
    data["job_title"] = stage->job_title;
    data["stage_name"] = stage->stage.name;
    data["stage_basic_type"] = stage->stage.basic_type;
  }
  return data;
}

jobs::JobResult DeliveryProcessor::finish(jobs::JobResult result, const Delivery& delivery,
                                          std::string outcome, const std::string& detail,
                                          std::optional<nlohmann::json> event_data) {
  std::optional<std::string> shown;
  if (!detail.empty()) shown = detail;
  return std::move(result).with_writes([this, id = delivery.id, account = delivery.account_id,
                                        kind = "pinpoint." + delivery.event, outcome = std::move(outcome),
                                        shown = std::move(shown),
                                        event_data = std::move(event_data)](store::Connection& c) {
    if (event_data) events_.record(c, account, kind, *event_data);
    c.execute(sql::update_outcome, {id, outcome, store::nullable(shown), to_unix_ms(clock_.now())});
  });
}

// Transient failures (rate limit, 5xx, network) retry from the queue; the others are final and
// shown on the Activity page in the recruiter's words.
jobs::JobResult DeliveryProcessor::failed(const Delivery& delivery, const pinpoint::PinpointError& error) {
  if (error.transient())
    return finish(jobs::JobResult::retry(error.message()), delivery, "retrying", error.message());
  return finish(jobs::JobResult::discard(error.message()), delivery, "failed", error.message());
}

}  // namespace pinbridge::automations
