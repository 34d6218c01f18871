#include "automations/webhook_routes.hpp"

#include <array>

namespace pinbridge::automations {

namespace {

http::Response answer(const Result<IngestOutcome>& outcome, const std::string& request_id) {
  if (!outcome) return http::Response::error(outcome.error(), request_id);
  static constexpr std::array<std::string_view, 3> names{"stored", "duplicate", "ignored"};
  return http::Response::json(200, {{"received", names.at(static_cast<std::size_t>(*outcome))}});
}

}  // namespace

// Asynchronous: the 200 goes out from the group commit's writer once the delivery's transaction
// committed, so a waiting delivery holds no handler thread and all of them can share one commit.
void add_webhook_routes(http::Router& router, WebhookIngest& ingest) {
  router.post_async(std::string(webhook_path_prefix) + "{token}", [&ingest](http::Request& request,
                                                                            const http::Respond& respond) {
    ingest.receive_async(request.path_param("token"), request.header(signature_header), request.body,
                         [respond, request_id = request.request_id](const Result<IngestOutcome>& outcome) {
                           respond(answer(outcome, request_id));
                         });
  });
}

}  // namespace pinbridge::automations
