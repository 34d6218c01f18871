// Retry-After as receivers send it: whole seconds, capped; anything else is ignored (the caller's
// own backoff applies).
#include <gtest/gtest.h>

#include "net/http_client.hpp"

namespace pinbridge::net {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

HttpResponse with_retry_after(const std::string& value) {
  HttpResponse response;
  response.status = 429;
  response.headers = {{"content-type", "text/plain"}, {"retry-after", value}};
  return response;
}

TEST(HttpResponseRetryAfter, ReadsWholeSecondsUpToTheCap) {
  EXPECT_EQ(with_retry_after("7").retry_after(seconds(60)), milliseconds(7000));
  EXPECT_EQ(with_retry_after("0").retry_after(seconds(60)), milliseconds(0));
  EXPECT_EQ(with_retry_after("86400").retry_after(seconds(3600)), milliseconds(3'600'000));
}

TEST(HttpResponseRetryAfter, IgnoresWhatIsNotANumberOfSeconds) {
  EXPECT_EQ(HttpResponse{}.retry_after(seconds(60)), std::nullopt);
  for (const char* value : {"", "-1", "1.5", "7s", "Wed, 21 Oct 2015 07:28:00 GMT"})
    EXPECT_EQ(with_retry_after(value).retry_after(seconds(60)), std::nullopt) << value;
}

}  // namespace
}  // namespace pinbridge::net
