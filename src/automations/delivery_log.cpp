#include "automations/delivery_log.hpp"

#include "store/nullable.hpp"

namespace pinbridge::automations {
namespace {

namespace sql {
#define PINBRIDGE_DELIVERY_COLUMNS \
  "id, account_id, received_at, event, verified, duplicate, outcome, outcome_detail, processed_at"
// $2..$4: the optional event, outcome and verified filters (NULL = any). The casts tell PostgreSQL
// the parameters' types, which `$2 IS NULL` alone does not.
#define PINBRIDGE_DELIVERY_FILTER                                                                          \
  "account_id = $1 AND (CAST($2 AS TEXT) IS NULL OR event = $2) AND (CAST($3 AS TEXT) IS NULL OR outcome " \
  "= $3) AND (CAST($4 AS BIGINT) IS NULL OR verified = $4)"
constexpr std::string_view select_page =
    "SELECT " PINBRIDGE_DELIVERY_COLUMNS " FROM pinpoint_deliveries WHERE " PINBRIDGE_DELIVERY_FILTER
    " ORDER BY id DESC LIMIT $5 OFFSET $6";
constexpr std::string_view count_matching =
    "SELECT count(*) FROM pinpoint_deliveries WHERE " PINBRIDGE_DELIVERY_FILTER;
constexpr std::string_view select_one =
    "SELECT " PINBRIDGE_DELIVERY_COLUMNS ", body FROM pinpoint_deliveries WHERE account_id = $1 AND id = $2";
// Only the latest deliveries are looked at, so the query stays cheap however many the account has
// received (deliveries are kept); an older event name can still be filtered by its URL.
constexpr std::string_view select_recent_events =
    "SELECT DISTINCT event FROM (SELECT event FROM pinpoint_deliveries WHERE account_id = $1 "
    "ORDER BY id DESC LIMIT 1000) recent ORDER BY event";
#undef PINBRIDGE_DELIVERY_FILTER
#undef PINBRIDGE_DELIVERY_COLUMNS
}  // namespace sql

DeliveryRecord from_row(const store::Row& row) {
  DeliveryRecord d;
  d.id = row.integer(0);
  d.account_id = row.integer(1);
  d.received_at = from_unix_ms(row.integer(2));
  d.event = row.text(3);
  d.verified = row.integer(4) != 0;
  d.duplicate = row.integer(5) != 0;
  d.outcome = row.text(6);
  d.outcome_detail = row.optional_text(7);
  d.processed_at = store::optional_time(row, 8);
  return d;
}

std::optional<std::int64_t> as_integer(const std::optional<bool>& flag) {
  return flag ? std::optional<std::int64_t>(*flag ? 1 : 0) : std::nullopt;
}

}  // namespace

DeliveryLog::DeliveryLog(store::Database& database) : database_(database) {}

std::vector<DeliveryRecord> DeliveryLog::list(std::int64_t account_id, const DeliveryFilter& filter,
                                              int limit, int offset) {
  return database_.read([&](store::Connection& c) {
    std::vector<DeliveryRecord> out;
    for (const auto& row :
         c.query(sql::select_page,
                 {account_id, store::nullable(filter.event), store::nullable(filter.outcome),
                  store::nullable(as_integer(filter.verified)), std::int64_t{limit}, std::int64_t{offset}}))
      out.push_back(from_row(row));
    return out;
  });
}

std::int64_t DeliveryLog::count(std::int64_t account_id, const DeliveryFilter& filter) {
  return database_.read([&](store::Connection& c) {
    return c
        .query_one(sql::count_matching,
                   {account_id, store::nullable(filter.event), store::nullable(filter.outcome),
                    store::nullable(as_integer(filter.verified))})
        ->integer(0);
  });
}

std::optional<DeliveryRecord> DeliveryLog::find(std::int64_t account_id, std::int64_t id) {
  return database_.read([&](store::Connection& c) -> std::optional<DeliveryRecord> {
    const auto row = c.query_one(sql::select_one, {account_id, id});
    if (!row) return std::nullopt;
    auto delivery = from_row(*row);
    delivery.body = row->text(9);
    return delivery;
  });
}

std::vector<std::string> DeliveryLog::recent_events(std::int64_t account_id) {
  return database_.read([&](store::Connection& c) {
    std::vector<std::string> out;
    for (const auto& row : c.query(sql::select_recent_events, {account_id})) out.push_back(row.text(0));
    return out;
  });
}

}  // namespace pinbridge::automations
