#pragma once
// Customer webhook endpoints of an account and the log of every delivery attempt. The signing
// secret is sealed with the master key: Settings shows it again, so it cannot be only a hash.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/url_guard.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace pinbridge::api {

// The event types a customer can subscribe to (the domain event kinds of the same names).
inline constexpr std::string_view webhook_candidate_joined = "invitation.started";
inline constexpr std::string_view webhook_assessment_completed = "assessment.completed";
inline constexpr std::string_view webhook_event_types[] = {webhook_candidate_joined,
                                                           webhook_assessment_completed};

struct WebhookEndpoint {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::string url;
  std::vector<std::string> event_types;
  std::string secret_sealed;
  Timestamp created_at;
  bool wants(std::string_view type) const;
};

struct WebhookAttempt {
  std::int64_t id = 0;
  std::int64_t endpoint_id = 0;
  std::int64_t event_id = 0;
  std::string message_id;
  std::string event_type;
  int attempt = 0;
  std::optional<int> status_code;  // none: no HTTP response (refused, timed out, blocked)
  bool succeeded = false;
  std::int64_t duration_ms = 0;
  std::optional<std::string> error;
  Timestamp created_at;
};

struct CreatedEndpoint {
  WebhookEndpoint endpoint;
  Secret secret;
};

class WebhookStore {
 public:
  WebhookStore(store::Database& database, const Clock& clock, const crypto::SecretBox& secrets,
               UrlPolicy policy);

  // Checks the URL (shape and where it resolves) and the event types, and makes a signing secret.
  Result<CreatedEndpoint> create(std::int64_t account_id, std::string_view url,
                                 std::vector<std::string> event_types);
  Result<void> remove(std::int64_t account_id, std::int64_t id);
  std::vector<WebhookEndpoint> list(std::int64_t account_id);
  std::vector<WebhookEndpoint> list(store::Connection& connection, std::int64_t account_id);
  std::optional<WebhookEndpoint> find(std::int64_t account_id, std::int64_t id);
  Result<Secret> secret(const WebhookEndpoint& endpoint) const;

  void record_attempt(std::int64_t account_id, const WebhookAttempt& attempt);
  // The account's attempts, newest first.
  std::vector<WebhookAttempt> attempts(std::int64_t account_id, int limit);

  const UrlPolicy& policy() const { return policy_; }

 private:
  store::Database& database_;
  const Clock& clock_;
  const crypto::SecretBox& secrets_;
  UrlPolicy policy_;
};

}  // namespace pinbridge::api
