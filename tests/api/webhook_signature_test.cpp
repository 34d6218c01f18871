// Standard Webhooks signatures against an independent HMAC (openssl), and the URL guard's ranges.
#include "api/webhook_signature.hpp"

#include <gtest/gtest.h>

#include "api/url_guard.hpp"
#include "core/crypto.hpp"
#include "support/child_process.hpp"
#include "support/test_database.hpp"

namespace pinbridge::api {
namespace {

TEST(WebhookSignature, MatchesTheStandardWebhooksTestVector) {
  // The example from the Standard Webhooks specification's reference libraries.
  const Secret secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  const auto signature =
      sign_webhook(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, R"({"test": 2432232314})");
  ASSERT_TRUE(signature.ok());
  EXPECT_EQ(*signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
}

TEST(WebhookSignature, AgreesWithOpenssl) {
  crypto::initialize();
  const Secret secret = new_signing_secret();
  const std::string key = *crypto::base64_decode(secret.reveal().substr(6));
  const std::string body = R"({"type":"assessment.completed","data":{"score":80}})";
  testing::TempDir dir;
  const auto result = testing::run_command(
      "/usr/bin/openssl",
      {"dgst", "-sha256", "-mac", "HMAC", "-macopt", "hexkey:" + crypto::to_hex(key), "-binary"}, {},
      dir.path(), "msg_1_2.1700000000." + body);
  ASSERT_EQ(result.status, 0) << result.err;
  EXPECT_EQ(*sign_webhook(secret, "msg_1_2", 1700000000, body), "v1," + crypto::base64_encode(result.out));
}

TEST(UrlGuard, RefusesLocalAndPrivateRanges) {
  for (const char* address : {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                              "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "::", "fc00::1",
                              "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1"})
    EXPECT_TRUE(is_private_address(address)) << address;
  for (const char* address : {"93.184.216.34", "172.32.0.1", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"})
    EXPECT_FALSE(is_private_address(address)) << address;
  EXPECT_FALSE(check_url_shape("ftp://example.com/").ok());
  EXPECT_FALSE(check_url_shape("not a url").ok());
  EXPECT_FALSE(check_url_shape("https://").ok());
  EXPECT_TRUE(check_url_shape("https://example.com/hook?x=1").ok());
  EXPECT_FALSE(check_target("http://127.0.0.1:1/x", {}).ok());
  EXPECT_TRUE(check_target("http://127.0.0.1:1/x", {true}).ok());
}

}  // namespace
}  // namespace pinbridge::api
