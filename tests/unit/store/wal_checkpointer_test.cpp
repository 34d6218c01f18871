// SQLite's WAL checkpoints run on their own thread: commits never copy the WAL back themselves,
// yet the database file catches up with what was committed.
#include <gtest/gtest.h>

#include <filesystem>

#include "store/database.hpp"
#include "support/eventually.hpp"
#include "support/test_database.hpp"

namespace pinbridge::store {
namespace {

TEST(WalCheckpointer, CheckpointsHappenOffTheWritersPath) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/wal.db";
  auto database = open_database({.url = "sqlite:" + path, .sqlite_checkpoint_pages = 100});
  database->write(
      [](Connection& c) { c.execute_script("CREATE TABLE pages (id INTEGER PRIMARY KEY, data TEXT)"); });
  const auto size_before = std::filesystem::file_size(path);
  // About 300 WAL pages: past the checkpoint threshold, below where the writer would step in.
  const std::string page_of_text(4000, 'x');
  for (int i = 0; i < 300; ++i)
    database->write(
        [&](Connection& c) { c.execute("INSERT INTO pages (data) VALUES ($1)", {page_of_text}); });
  EXPECT_TRUE(testing::eventually([&] {
    return std::filesystem::file_size(path) > size_before + 200 * 4096;
  })) << "the checkpointer copied the committed pages into the database file";
  const auto rows =
      database->read([](Connection& c) { return c.query_one("SELECT count(*) FROM pages")->integer(0); });
  EXPECT_EQ(rows, 300);
}

}  // namespace
}  // namespace pinbridge::store
