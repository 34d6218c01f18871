#include "automations/webhook_ingest.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <exception>
#include <map>
#include <nlohmann/json.hpp>

namespace pinbridge::automations {
namespace {

namespace sql {
// Led by the event's time, so keys reach the index in nearly increasing order (migration 12).
constexpr std::string_view insert_key =
    "INSERT INTO pinpoint_delivery_keys (account_id, triggered_at, dedup_key, received_at) "
    "VALUES ($1, $2, $3, $4) ON CONFLICT (account_id, triggered_at, dedup_key) DO NOTHING";
// One insert in two spellings: SQLite's has no RETURNING (see store::insert_returning_id).
constexpr std::string_view insert_delivery_sqlite =
    "INSERT INTO pinpoint_deliveries (account_id, received_at, event, verified, duplicate, dedup_key, body, "
    "outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
constexpr std::string_view insert_delivery_postgres =
    "INSERT INTO pinpoint_deliveries (account_id, received_at, event, verified, duplicate, dedup_key, body, "
    "outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
constexpr std::string_view update_last_delivery =
    "UPDATE pinpoint_connections SET last_delivery_at = $2, last_delivery_verified = $3 WHERE account_id = "
    "$1";
constexpr std::string_view delete_old_keys = "DELETE FROM pinpoint_delivery_keys WHERE received_at < $1";
}  // namespace sql

constexpr std::array<std::string_view, 5> handled_events{"application_created", "application_stage_changed",
                                                         "application_hired", "application_moved",
                                                         "candidate_assessment_updated"};

// What the ingest reads from a well-formed envelope: {"event": "...", "triggeredAt": 1700000000,
// "data": {...}}.
struct Envelope {
  std::string event;
  std::int64_t triggered_at = 0;
};

// The top-level "triggeredAt" (unix seconds) when it is an integer of at most 18 digits, else 0.
// Migration 12 back-filled stored keys by the same rule from the number's text
// (automations_schema.hpp); the bound keeps every value inside BIGINT.
std::int64_t triggered_at_of(const nlohmann::json& envelope) {
  constexpr std::int64_t largest = 999'999'999'999'999'999;
  const auto field = envelope.find("triggeredAt");
  if (field == envelope.end() || !field->is_number_integer()) return 0;
  if (field->is_number_unsigned()) {
    const auto value = field->get<std::uint64_t>();
    return value <= static_cast<std::uint64_t>(largest) ? static_cast<std::int64_t>(value) : 0;
  }
  const auto value = field->get<std::int64_t>();
  return value >= -largest && value <= largest ? value : 0;
}

Result<Envelope> envelope_of(const std::string& body) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return Error::invalid("the body is not a JSON object");
  const auto event = json.find("event");
  if (event == json.end() || !event->is_string() || event->get<std::string>().empty())
    return Error::invalid("the body has no \"event\"");
  if (event->get<std::string>().size() > 100) return Error::invalid("the event name is too long");
  return Envelope{event->get<std::string>(), triggered_at_of(json)};
}

std::string describe(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "a non-standard exception";
  }
}

}  // namespace

bool is_handled_event(std::string_view event) {
  return std::find(handled_events.begin(), handled_events.end(), event) != handled_events.end();
}

std::string pinpoint_signature(const Secret& secret, std::string_view body) {
  return crypto::base64_encode(crypto::hmac_sha256(secret.reveal(), body));
}

WebhookIngest::WebhookIngest(store::Database& database, jobs::JobStore& jobs, ConnectionStore& connections,
                             const Clock& clock, IngestSettings settings)
    : database_(database),
      jobs_(jobs),
      connections_(connections),
      clock_(clock),
      settings_(settings),
      committer_(
          database,
          [this](store::Connection& c, const std::vector<Delivery>& batch) { return write_batch(c, batch); },
          settings.max_batch) {}

Result<IngestOutcome> WebhookIngest::receive(std::string_view token,
                                             const std::optional<std::string>& signature,
                                             const std::string& body) {
  auto delivery = accept(token, signature, body);
  if (!delivery) return delivery.error();
  return committer_.submit(std::move(*delivery));
}

void WebhookIngest::receive_async(std::string_view token, const std::optional<std::string>& signature,
                                  const std::string& body, const Done& done) {
  auto delivery = accept(token, signature, body);
  if (!delivery) return done(delivery.error());
  committer_.submit_async(
      std::move(*delivery), [done](IngestOutcome outcome) { done(outcome); },
      [done](const std::exception_ptr& error) {
        spdlog::error("a batch of Pinpoint deliveries could not be stored: {}", describe(error));
        done(Error{ErrorCode::unavailable, "The delivery could not be stored; please retry"});
      });
}

Result<WebhookIngest::Delivery> WebhookIngest::accept(std::string_view token,
                                                      const std::optional<std::string>& signature,
                                                      const std::string& body) {
  const auto target = connections_.webhook_target(token);
  if (!target) return Error::not_found("Unknown webhook URL");
  if (body.size() > settings_.max_body_bytes)
    return Error{ErrorCode::payload_too_large,
                 "The delivery is larger than " + std::to_string(settings_.max_body_bytes) + " bytes"};
  if (target->signing_secret) {
    if (!signature) return Error::unauthorized("The PINPOINT-HMAC-SHA256 header is missing");
    if (!crypto::constant_time_equals(pinpoint_signature(*target->signing_secret, body), *signature))
      return Error::unauthorized("The PINPOINT-HMAC-SHA256 signature does not match the body");
  }
  auto envelope = envelope_of(body);
  if (!envelope) return envelope.error();
  return Delivery{target->account_id,
                  std::move(envelope->event),
                  envelope->triggered_at,
                  target->signing_secret.has_value(),
                  body,
                  clock_.now()};
}

std::vector<IngestOutcome> WebhookIngest::write_batch(store::Connection& c,
                                                      const std::vector<Delivery>& batch) {
  std::vector<IngestOutcome> outcomes;
  outcomes.reserve(batch.size());
  std::map<std::int64_t, const Delivery*> latest_per_account;
  for (const auto& delivery : batch) {
    outcomes.push_back(write_one(c, delivery));
    latest_per_account[delivery.account_id] = &delivery;
  }
  for (const auto& [account_id, delivery] : latest_per_account) {  // the wizard's live indicator
    c.execute(sql::update_last_delivery,
              {account_id, to_unix_ms(delivery->received_at), std::int64_t{delivery->verified ? 1 : 0}});
  }
  return outcomes;
}

IngestOutcome WebhookIngest::write_one(store::Connection& c, const Delivery& delivery) {
  const auto key = crypto::sha256_hex(delivery.body);
  const auto at = to_unix_ms(delivery.received_at);
  const bool first = c.execute(sql::insert_key, {delivery.account_id, delivery.triggered_at, key, at}) == 1;
  const auto outcome = !first                             ? IngestOutcome::duplicate
                       : is_handled_event(delivery.event) ? IngestOutcome::stored
                                                          : IngestOutcome::ignored;
  static constexpr std::array<std::string_view, 3> outcome_names{"pending", "duplicate", "ignored"};
  const auto id =
      store::insert_returning_id(c, sql::insert_delivery_sqlite, sql::insert_delivery_postgres,
                                 {delivery.account_id, at, delivery.event,
                                  std::int64_t{delivery.verified ? 1 : 0}, std::int64_t{first ? 0 : 1}, key,
                                  delivery.body, std::string(outcome_names.at(static_cast<int>(outcome)))});
  if (outcome == IngestOutcome::stored) {
    jobs::NewJob job;
    job.kind = process_job_kind;
    job.args = {{"delivery_id", id.value()}};
    job.account_id = delivery.account_id;
    jobs_.enqueue(c, job);
  }
  return outcome;
}

std::int64_t WebhookIngest::prune_keys() {
  const auto cutoff = clock_.now() - settings_.key_retention;
  return database_.write(
      [&](store::Connection& c) { return c.execute(sql::delete_old_keys, {to_unix_ms(cutoff)}); });
}

}  // namespace pinbridge::automations
