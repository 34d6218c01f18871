#pragma once
// Runs a test once per storage backend: the one conformance suite both drivers must pass (the way
// River runs its suite on every driver). Without a PostgreSQL URL the postgres half is skipped,
// unless PINBRIDGE_TEST_REQUIRE_POSTGRES=1 (CI), where it fails.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "support/test_database.hpp"

namespace pinbridge::testing {

class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    test_database_ = std::make_unique<TestDatabase>(GetParam());
    if (!test_database_->database()) {
      if (postgres_required()) FAIL() << "PINBRIDGE_TEST_POSTGRES_URL is required but not set";
      GTEST_SKIP() << "PINBRIDGE_TEST_POSTGRES_URL not set";
    }
  }
  store::Database& database() { return *test_database_->database(); }
  const std::string& database_url() const { return test_database_->url(); }

 private:
  std::unique_ptr<TestDatabase> test_database_;
};

inline std::string backend_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

}  // namespace pinbridge::testing

#define PINBRIDGE_ON_EVERY_BACKEND(Suite)                                            \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::Values("sqlite", "postgres"), \
                           pinbridge::testing::backend_name)
