#include "web/assets.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "dashboard_fixture.hpp"

namespace pinbridge::web::testing {
namespace {

using ::testing::HasSubstr;

std::string read_source_asset(const std::string& name) {
  std::ifstream in(std::string(PINBRIDGE_WEB_ASSET_DIR) + "/" + name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

using AssetsTest = DashboardTest;

TEST_F(AssetsTest, ServesTheEmbeddedStylesheet) {
  const auto response = get("/assets/app.css");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.headers.at("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(response.body, read_source_asset("app.css"));
  EXPECT_EQ(response.headers.at("Cache-Control"), "no-cache");
  EXPECT_EQ(response.headers.at("X-Content-Type-Options"), "nosniff");
  EXPECT_FALSE(response.headers.at("ETag").empty());
}

TEST_F(AssetsTest, ServesTheScriptWithItsType) {
  const auto response = get("/assets/app.js");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.headers.at("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(response.body, read_source_asset("app.js"));
}

TEST_F(AssetsTest, VersionedUrlsAreCachedForAYear) {
  const std::string url = asset_url("app.css");
  EXPECT_THAT(url, ::testing::MatchesRegex("/assets/app\\.css\\?v=[0-9a-f]{12}"));
  const auto response = get(url);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.headers.at("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(get("/assets/app.css?v=stale").headers.at("Cache-Control"), "no-cache");
}

TEST_F(AssetsTest, PagesLinkTheVersionedUrls) {
  const auto body = get("/sign-in").body;
  EXPECT_THAT(body, HasSubstr("href=\"" + asset_url("app.css") + "\""));
  EXPECT_THAT(body, HasSubstr("src=\"" + asset_url("app.js") + "\""));
}

TEST_F(AssetsTest, AMatchingETagAnswers304WithoutABody) {
  const auto first = get("/assets/app.css");
  auto again = request("GET", "/assets/app.css");
  again.headers["If-None-Match"] = first.headers.at("ETag");
  const auto response = dispatch(again);
  EXPECT_EQ(response.status, 304);
  EXPECT_TRUE(response.body.empty());
}

TEST_F(AssetsTest, UnknownAssetsAre404) {
  for (const char* target :
       {"/assets/nope.css", "/assets/app.CSS", "/assets/..%2Fdashboard.hpp", "/assets/"}) {
    EXPECT_EQ(get(target).status, 404) << target;
  }
}

TEST(AssetTypes, ByExtension) {
  EXPECT_EQ(asset_content_type("a.css"), "text/css; charset=utf-8");
  EXPECT_EQ(asset_content_type("a.svg"), "image/svg+xml");
  EXPECT_EQ(asset_content_type("a.png"), "image/png");
  EXPECT_EQ(asset_content_type("README"), "application/octet-stream");
}

TEST(EmbeddedAssets, HoldEveryFileOfTheAssetsFolder) {
  ASSERT_TRUE(find_asset("app.css"));
  ASSERT_TRUE(find_asset("app.js"));
  EXPECT_EQ(find_asset("app.css")->sha256.size(), 64u);
  EXPECT_FALSE(find_asset(""));
}

}  // namespace
}  // namespace pinbridge::web::testing
