#include "api/webhook_signature.hpp"

#include <sodium.h>

#include "core/crypto.hpp"

namespace pinbridge::api {

Secret new_signing_secret() {
  std::string bytes(32, '\0');
  randombytes_buf(bytes.data(), bytes.size());
  return Secret(std::string(secret_scheme) + crypto::base64_encode(bytes));
}

Result<std::string> sign_webhook(const Secret& secret, std::string_view id, std::int64_t timestamp,
                                 std::string_view body) {
  const std::string& text = secret.reveal();
  if (!text.starts_with(secret_scheme)) return Error::internal("signing secret without the whsec_ prefix");
  auto key = crypto::base64_decode(std::string_view(text).substr(secret_scheme.size()));
  if (!key) return Error::internal("signing secret is not base64");
  std::string message(id);
  message += '.' + std::to_string(timestamp) + '.';
  message += body;
  return "v1," + crypto::base64_encode(crypto::hmac_sha256(*key, message));
}

}  // namespace pinbridge::api
