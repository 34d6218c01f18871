// The pinbridge command line as an operator uses it: help, configuration errors, admin commands.
#include <gtest/gtest.h>

#include <fstream>

#include "schema/product_schema.hpp"
#include "support/child_process.hpp"
#include "support/http_client.hpp"
#include "support/pinbridge_server.hpp"
#include "support/test_database.hpp"

namespace pinbridge {
namespace {

using testing::CommandResult;

class CliTest : public ::testing::Test {
 protected:
  CommandResult run(const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& extra = {}, const std::string& input = "") {
    std::map<std::string, std::string> environment = {{"PINBRIDGE_DATA_DIR", dir_.path() + "/data"}};
    environment.insert(extra.begin(), extra.end());
    return testing::run_command(testing::pinbridge_binary(), args, environment, dir_.path(), input);
  }
  testing::TempDir dir_;
};

TEST_F(CliTest, EveryCommandHasHelp) {
  for (const auto& args : std::vector<std::vector<std::string>>{{"--help"},
                                                                {"serve", "--help"},
                                                                {"migrate", "--help"},
                                                                {"account", "create", "--help"},
                                                                {"account", "addon", "--help"},
                                                                {"user", "create", "--help"},
                                                                {"user", "reset-password", "--help"},
                                                                {"config", "reference", "--help"}}) {
    const auto result = run(args);
    EXPECT_EQ(result.status, 0) << args.front();
    EXPECT_NE(result.out.find("Usage:"), std::string::npos) << result.out;
  }
}

TEST_F(CliTest, ConfigurationErrorsExitWithCode2AndNameTheProblem) {
  const std::string path = dir_.path() + "/bad.toml";
  std::ofstream(path) << "[server]\nlisten = \"127.0.0.1:8080\"\nthreads = 4\n";
  auto result = run({"--config", path, "migrate"});
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.err.find("unknown key 'server.threads'"), std::string::npos) << result.err;

  result = run({"migrate"}, {{"PINBRIDGE_QUEUE_WORKERS", "-3"}});
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.err.find("PINBRIDGE_QUEUE_WORKERS must be between 1 and 512"), std::string::npos)
      << result.err;

  result = run({"--config", dir_.path() + "/missing.toml", "migrate"});
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.err.find("missing.toml"), std::string::npos) << result.err;
}

TEST_F(CliTest, PostgresWithoutAMasterKeyRefusesToServe) {
  testing::TestDatabase postgres("postgres", false);
  if (!postgres.database()) GTEST_SKIP() << "PINBRIDGE_TEST_POSTGRES_URL not set";
  const auto result = run(
      {"serve"}, {{"PINBRIDGE_DATABASE_URL", postgres.url()}, {"PINBRIDGE_SERVER_LISTEN", "127.0.0.1:0"}});
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.err.find("security.master_key"), std::string::npos) << result.err;
  EXPECT_FALSE(postgres.database()->read([](store::Connection& c) {
    return c.query_one(
        "SELECT 1 FROM information_schema.tables WHERE table_name = 'schema_migrations' "
        "AND table_schema = current_schema()");
  })) << "nothing may be migrated before the configuration is known to be good";
}

TEST_F(CliTest, MigrateReportsTheSchemaVersion) {
  const auto result = run({"migrate"});
  EXPECT_EQ(result.status, 0) << result.err;
  const auto latest = schema::product_migrations().back().version;
  EXPECT_NE(result.out.find("version " + std::to_string(latest) + " (latest)"), std::string::npos)
      << result.out;
}

TEST_F(CliTest, AccountsAddonsAndUsers) {
  EXPECT_EQ(run({"account", "create", "--slug", "acme", "--name", "Acme Inc"}).status, 0);
  auto duplicate = run({"account", "create", "--slug", "acme", "--name", "Again"});
  EXPECT_EQ(duplicate.status, 1);
  EXPECT_NE(duplicate.err.find("already exists"), std::string::npos);
  EXPECT_EQ(run({"account", "create", "--slug", "Not A Slug", "--name", "x"}).status, 1);

  EXPECT_NE(run({"account", "list"}).out.find("acme\tAcme Inc\tapi add-on: off"), std::string::npos);
  EXPECT_EQ(run({"account", "addon", "--account", "acme", "--enable"}).status, 0);
  EXPECT_NE(run({"account", "list"}).out.find("api add-on: on"), std::string::npos);
  EXPECT_NE(run({"account", "addon", "--account", "acme"}).status, 0) << "--enable or --disable is required";
  EXPECT_EQ(run({"account", "addon", "--account", "nope", "--disable"}).status, 1);

  auto created = run({"user", "create", "--account", "acme", "--email", "Ada@Acme.test", "--name", "Ada",
                      "--password-stdin"},
                     {}, "a long enough password\n");
  EXPECT_EQ(created.status, 0) << created.err;
  EXPECT_NE(created.out.find("ada@acme.test"), std::string::npos);
  auto weak = run(
      {"user", "create", "--account", "acme", "--email", "b@acme.test", "--name", "B", "--password-stdin"},
      {}, "short\n");
  EXPECT_EQ(weak.status, 1);
  EXPECT_NE(weak.err.find("at least 10 characters"), std::string::npos);
  auto generated = run({"user", "create", "--account", "acme", "--email", "c@acme.test", "--name", "C"});
  EXPECT_EQ(generated.status, 0);
  EXPECT_NE(generated.out.find("Generated password (shown once): "), std::string::npos);

  EXPECT_EQ(run({"user", "reset-password", "--email", "ada@acme.test", "--password-stdin"}, {},
                "another fine password\n")
                .status,
            0);
  EXPECT_EQ(
      run({"user", "reset-password", "--email", "ghost@acme.test", "--password-stdin"}, {}, "whatever12345\n")
          .status,
      1);
}

}  // namespace
}  // namespace pinbridge
