#include "app/config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/test_database.hpp"

namespace pinbridge::app {
namespace {

class ConfigTest : public ::testing::Test {
 protected:
  std::string write(const std::string& text) {
    const std::string path = dir_.path() + "/pinbridge.toml";
    std::ofstream(path) << text;
    return path;
  }
  testing::TempDir dir_;
};

TEST_F(ConfigTest, DefaultsNeedNoFile) {
  auto config = load_config(std::nullopt, {});
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->server.host, "127.0.0.1");
  EXPECT_EQ(config->server.port, 8080);
  EXPECT_EQ(config->database.url, "sqlite:data/pinbridge.db");
  EXPECT_EQ(config->workers.concurrency, 8);
}

TEST_F(ConfigTest, FileThenEnvironment) {
  const auto path = write(R"(
[server]
listen = "0.0.0.0:9000"
max_body_bytes = 2048
[data]
dir = "/var/lib/pinbridge"
[queue]
workers = 3
)");
  auto config =
      load_config(path, {{"PINBRIDGE_QUEUE_WORKERS", "5"}, {"PINBRIDGE_SECURITY_MASTER_KEY", "abc"}});
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->server.host, "0.0.0.0");
  EXPECT_EQ(config->server.port, 9000);
  EXPECT_EQ(config->server.max_body_bytes, 2048u);
  EXPECT_EQ(config->workers.concurrency, 5);
  EXPECT_EQ(config->database.url, "sqlite:/var/lib/pinbridge/pinbridge.db");
  EXPECT_EQ(config->master_key.reveal(), "abc");
}

TEST_F(ConfigTest, ConfigPathMayComeFromTheEnvironment) {
  const auto path = write("[log]\nlevel = \"debug\"\n");
  auto config = load_config(std::nullopt, {{"PINBRIDGE_CONFIG", path}});
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->log_level, "debug");
}

struct BadInput {
  std::string toml;
  std::map<std::string, std::string> environment;
  std::string expected_message_part;
};

class BadConfigTest : public ConfigTest, public ::testing::WithParamInterface<BadInput> {};

TEST_P(BadConfigTest, IsRefusedWithAMessageNamingTheKey) {
  const auto& input = GetParam();
  const auto path = write(input.toml);
  auto config = load_config(path, input.environment);
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.error().message.find(input.expected_message_part), std::string::npos)
      << config.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadConfigTest,
    ::testing::Values(
        BadInput{"[server]\nlisten_on = \"x\"\n", {}, "unknown key 'server.listen_on'"},
        BadInput{"[serverr]\nlisten = \"x\"\n", {}, "unknown key 'serverr.listen'"},
        BadInput{"top = 1\n", {}, "unknown key 'top'"},
        BadInput{"[queue]\nworkers = \"eight\"\n", {}, "queue.workers must be an integer"},
        BadInput{"[queue]\nworkers = 0\n", {}, "queue.workers must be between 1 and 512"},
        BadInput{"[server]\nlisten = \"nohost\"\n", {}, "server.listen must be host:port"},
        BadInput{"[server]\nlisten = \"h:99999\"\n", {}, "server.listen port must be between"},
        BadInput{"[database]\nurl = \"mysql://x\"\n", {}, "database.url must start with"},
        BadInput{"[log]\nlevel = \"loud\"\n", {}, "log.level must be one of"},
        BadInput{"[security]\nsecure_cookies = \"yes\"\n", {}, "must be true or false"},
        BadInput{"[server\nlisten=", {}, "not valid TOML"},
        BadInput{"", {{"PINBRIDGE_QUEUE_WORKRS", "2"}}, "unknown variable PINBRIDGE_QUEUE_WORKRS"},
        BadInput{"[database]\nurl = \"postgresql://db/x\"\n", {}, "master_key"},
        BadInput{"", {{"PINBRIDGE_QUEUE_WORKERS", "many"}}, "PINBRIDGE_QUEUE_WORKERS must be an integer"}));

TEST_F(ConfigTest, TestVariablesAreNotConfiguration) {
  EXPECT_TRUE(load_config(std::nullopt, {{"PINBRIDGE_TEST_POSTGRES_URL", "x"}}).ok());
}

TEST_F(ConfigTest, ReferenceDocumentsEveryOptionAndMatchesDocsFile) {
  const std::string reference = configuration_reference();
  EXPECT_NE(reference.find("`PINBRIDGE_SERVER_LISTEN`"), std::string::npos);
  EXPECT_NE(reference.find("`PINBRIDGE_QUEUE_LEASE_SECONDS`"), std::string::npos);
  std::ifstream docs(std::string(PINBRIDGE_SOURCE_DIR) + "/docs/configuration.md");
  ASSERT_TRUE(docs.good()) << "docs/configuration.md is missing";
  const std::string text((std::istreambuf_iterator<char>(docs)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find(reference), std::string::npos)
      << "docs/configuration.md is out of date: regenerate its table with `pinbridge config reference`";
}

}  // namespace
}  // namespace pinbridge::app
