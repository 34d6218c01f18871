#include "pinpoint/subdomain.hpp"

#include <gtest/gtest.h>

namespace pinbridge::pinpoint {
namespace {

TEST(SubdomainTest, AcceptsDnsLabels) {
  for (const char* good : {"acme", "a", "acme-corp", "a1", "123", "x-y-z"})
    EXPECT_TRUE(is_valid_subdomain(good)) << good;
  EXPECT_TRUE(is_valid_subdomain(std::string(63, 'a')));
}

TEST(SubdomainTest, RefusesAnythingThatCouldReachAnotherHost) {
  for (const char* bad :
       {"", "evil.com/x", "127.0.0.1", "acme:8080", "acme.pinpointhq.com", "-acme", "acme-", "Acme", "ac_me",
        "ac me", "a@b", "acme/", "acme?x", "acme#", "localhost:80", "%61cme", "acme\n", "[::1]"})
    EXPECT_FALSE(is_valid_subdomain(bad)) << bad;
  EXPECT_FALSE(is_valid_subdomain(std::string(64, 'a')));
}

TEST(SubdomainTest, NormalizesWhatCustomersPaste) {
  for (const char* pasted : {"acme", " Acme ", "acme.pinpointhq.com", "https://acme.pinpointhq.com/",
                             "http://ACME.pinpointhq.com"}) {
    auto normalized = normalize_subdomain(pasted);
    ASSERT_TRUE(normalized) << pasted;
    EXPECT_EQ(*normalized, "acme") << pasted;
  }
  for (const char* bad : {"evil.com/x", "127.0.0.1", "acme:8080", "acme.pinpointhq.com.evil.com",
                          "https://evil.com/acme.pinpointhq.com", "acme.pinpointhq.com:444", ""}) {
    auto normalized = normalize_subdomain(bad);
    ASSERT_FALSE(normalized) << bad;
    EXPECT_EQ(normalized.error().code, ErrorCode::invalid_input);
  }
}

TEST(SubdomainTest, ProductionBaseUrlIsAlwaysPinpointhq) {
  auto url = api_base_url("acme");
  ASSERT_TRUE(url);
  EXPECT_EQ(*url, "https://acme.pinpointhq.com/api/v1");
  EXPECT_FALSE(api_base_url("evil.com/x"));
  EXPECT_FALSE(api_base_url("127.0.0.1"));
  EXPECT_FALSE(api_base_url("acme:8080"));
}

TEST(SubdomainTest, OverrideReplacesSchemeAndHostButSubdomainIsStillChecked) {
  auto url = api_base_url("acme", "http://127.0.0.1:8081");
  ASSERT_TRUE(url);
  EXPECT_EQ(*url, "http://127.0.0.1:8081/api/v1");
  EXPECT_EQ(*api_base_url("acme", "http://127.0.0.1:8081/"), "http://127.0.0.1:8081/api/v1");
  EXPECT_FALSE(api_base_url("evil.com/x", "http://127.0.0.1:8081"));
}

TEST(SubdomainTest, OverrideMustBeSchemeAndHostOnly) {
  for (const char* bad : {"127.0.0.1:8081", "ftp://host", "http://", "http://host/api", "http://u:p@host",
                          "http://host?x=1", "http://host#f", "file:///etc/passwd"})
    EXPECT_FALSE(validate_base_url_override(bad)) << bad;
  EXPECT_TRUE(validate_base_url_override("https://pinpoint.internal:8443"));
}

}  // namespace
}  // namespace pinbridge::pinpoint
