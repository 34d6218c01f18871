#include "support/test_database.hpp"

#include <cstdlib>
#include <filesystem>

#include "core/crypto.hpp"
#include "schema/product_schema.hpp"
#include "store/migrations.hpp"

namespace pinbridge::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "pinbridge-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::optional<std::string> postgres_url() {
  const char* url = std::getenv("PINBRIDGE_TEST_POSTGRES_URL");  // NOLINT(concurrency-mt-unsafe)
  if (!url || !*url) return std::nullopt;
  return std::string(url);
}

bool postgres_required() {
  const char* flag = std::getenv("PINBRIDGE_TEST_REQUIRE_POSTGRES");  // NOLINT(concurrency-mt-unsafe)
  return flag && std::string(flag) == "1";
}

namespace {

// Schema names must be identifiers: lower-case letters and digits only.
std::string fresh_schema_name() {
  std::string token = crypto::to_hex(crypto::random_token(6));
  return "t_" + token.substr(0, 16);
}

}  // namespace

std::string with_search_path(const std::string& url, const std::string& schema) {
  const char separator = url.find('?') == std::string::npos ? '?' : '&';
  return url + separator + "options=-csearch_path%3D" + schema;
}

TestDatabase::TestDatabase(const std::string& backend, bool migrate) {
  crypto::initialize();
  if (backend == "sqlite") {
    url_ = "sqlite:" + dir_.path() + "/test.db";
  } else {
    const auto base = postgres_url();
    if (!base) return;
    schema_ = fresh_schema_name();
    auto admin = store::open_database({.url = *base, .pool_size = 1});
    admin->with_connection([&](store::Connection& c) { c.execute_script("CREATE SCHEMA " + schema_); });
    url_ = with_search_path(*base, schema_);
  }
  database_ = store::open_database({.url = url_, .pool_size = 8});
  if (migrate) store::migrate(*database_, schema::product_migrations());
}

TestDatabase::~TestDatabase() {
  database_.reset();
  if (schema_.empty()) return;
  try {
    auto admin = store::open_database({.url = *postgres_url(), .pool_size = 1});
    admin->with_connection(
        [&](store::Connection& c) { c.execute_script("DROP SCHEMA " + schema_ + " CASCADE"); });
  } catch (...) {  // leaving a schema behind must not fail a test
  }
}

}  // namespace pinbridge::testing
