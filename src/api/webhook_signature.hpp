#pragma once
// Standard Webhooks signing (standardwebhooks.com): the secret is "whsec_" + base64 of random
// bytes, and the HMAC key is those decoded bytes. Each request carries webhook-id,
// webhook-timestamp (unix seconds) and webhook-signature "v1,<base64 HMAC-SHA256(key,
// "<id>.<timestamp>.<body>")>".
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/secret.hpp"

namespace pinbridge::api {

inline constexpr std::string_view secret_scheme = "whsec_";

// "whsec_" + base64 of 32 random bytes.
Secret new_signing_secret();
// The webhook-signature header value for one request.
Result<std::string> sign_webhook(const Secret& secret, std::string_view id, std::int64_t timestamp,
                                 std::string_view body);

}  // namespace pinbridge::api
