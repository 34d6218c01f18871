#pragma once
// Databases for tests: a SQLite file in a fresh temp folder, or a fresh schema in the PostgreSQL
// that PINBRIDGE_TEST_POSTGRES_URL names. Each is migrated and removed again afterwards.
#include <memory>
#include <optional>
#include <string>

#include "store/database.hpp"

namespace pinbridge::testing {

// A temp folder removed with everything in it when this goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// url, opening the given schema (PostgreSQL's search_path) instead of the default one.
std::string with_search_path(const std::string& url, const std::string& schema);
// The PostgreSQL URL for tests, if configured.
std::optional<std::string> postgres_url();
// True when the suite was told PostgreSQL must be there (CI): a missing server then fails tests
// instead of skipping them.
bool postgres_required();

class TestDatabase {
 public:
  // backend: "sqlite" or "postgres". For postgres without a URL, database() is null (skip).
  explicit TestDatabase(const std::string& backend, bool migrate = true);
  ~TestDatabase();

  store::Database* database() { return database_.get(); }
  // A URL that opens this same database (for child processes).
  const std::string& url() const { return url_; }

 private:
  TempDir dir_;
  std::string url_;
  std::string schema_;  // PostgreSQL: the schema created for this test
  std::unique_ptr<store::Database> database_;
};

}  // namespace pinbridge::testing
