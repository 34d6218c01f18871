#include "automations/webhook_routes.hpp"

#include <array>

namespace pinbridge::automations {

void add_webhook_routes(http::Router& router, WebhookIngest& ingest) {
  router.post(std::string(webhook_path_prefix) + "{token}", [&ingest](http::Request& request) {
    const auto outcome =
        ingest.receive(request.path_param("token"), request.header(signature_header), request.body);
    if (!outcome) return http::Response::error(outcome.error(), request.request_id);
    static constexpr std::array<std::string_view, 3> names{"stored", "duplicate", "ignored"};
    return http::Response::json(200, {{"received", names.at(static_cast<std::size_t>(*outcome))}});
  });
}

}  // namespace pinbridge::automations
