// Settings every SQLite connection gets, on the writer and on the readers alike.
#include <gtest/gtest.h>

#include "store/database.hpp"
#include "support/test_database.hpp"

namespace pinbridge::store {
namespace {

std::int64_t pragma(Connection& c, const std::string& name) {
  return c.query_one("PRAGMA " + name)->integer(0);
}

// Scratch tables and journals in memory (2): on the default, statements that need them inside a
// transaction made, wrote and unlinked a file in /var/tmp each time.
TEST(SqliteSettings, TemporaryStorageStaysInMemory) {
  testing::TempDir dir;
  auto database = open_database({.url = "sqlite:" + dir.path() + "/settings.db"});
  EXPECT_EQ(database->write([](Connection& c) { return pragma(c, "temp_store"); }), 2);
  EXPECT_EQ(database->read([](Connection& c) { return pragma(c, "temp_store"); }), 2);
}

TEST(SqliteSettings, ForeignKeysAreEnforced) {
  testing::TempDir dir;
  auto database = open_database({.url = "sqlite:" + dir.path() + "/settings.db"});
  EXPECT_EQ(database->write([](Connection& c) { return pragma(c, "foreign_keys"); }), 1);
  EXPECT_EQ(database->read([](Connection& c) { return pragma(c, "foreign_keys"); }), 1);
}

}  // namespace
}  // namespace pinbridge::store
