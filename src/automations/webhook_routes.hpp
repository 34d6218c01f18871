#pragma once
// POST /webhooks/pinpoint/{token}: where each account's Pinpoint sends its webhooks. The answer is
// 200 only after the delivery is committed; any failure before that is a 4xx or 5xx, so Pinpoint
// keeps the delivery and retries it.
#include "automations/webhook_ingest.hpp"
#include "http/router.hpp"

namespace pinbridge::automations {

inline constexpr std::string_view webhook_path_prefix = "/webhooks/pinpoint/";

void add_webhook_routes(http::Router& router, WebhookIngest& ingest);

}  // namespace pinbridge::automations
