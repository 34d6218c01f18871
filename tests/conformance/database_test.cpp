// The storage contract every driver keeps: values round-trip with their types, transactions commit
// or roll back as a whole, unique violations are recognisable, commit hooks run only on commit.
#include <gtest/gtest.h>

#include <tuple>

#include "schema/product_schema.hpp"
#include "store/migrations.hpp"
#include "support/backend_fixture.hpp"

namespace pinbridge::store {
namespace {

using testing::BackendTest;

class DatabaseConformance : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    database().write([](Connection& c) {
      c.execute_script(
          "CREATE TABLE things (id BIGINT PRIMARY KEY, name TEXT UNIQUE, score DOUBLE PRECISION, note TEXT)");
    });
  }
};

TEST_P(DatabaseConformance, ValuesRoundTripWithTheirTypes) {
  database().write([](Connection& c) {
    c.execute("INSERT INTO things (id, name, score, note) VALUES ($1, $2, $3, $4)",
              {std::int64_t{9'000'000'000}, std::string("caf\xC3\xA9 'quoted'"), 2.5, nullptr});
  });
  const auto row = database().read([](Connection& c) {
    return c.query_one("SELECT id, name, score, note FROM things WHERE id = $1",
                       {std::int64_t{9'000'000'000}});
  });
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->integer(0), 9'000'000'000);
  EXPECT_EQ(row->text(1), "caf\xC3\xA9 'quoted'");
  EXPECT_DOUBLE_EQ(row->real(2), 2.5);
  EXPECT_TRUE(row->is_null(3));
  EXPECT_EQ(row->optional_text(3), std::nullopt);
}

TEST_P(DatabaseConformance, ParametersMayRepeatAndComeInAnyOrder) {
  const auto row = database().read([](Connection& c) {
    return c.query_one("SELECT $2, $1, $2", {std::int64_t{1}, std::int64_t{2}});
  });
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->integer(0), 2);
  EXPECT_EQ(row->integer(1), 1);
  EXPECT_EQ(row->integer(2), 2);
}

TEST_P(DatabaseConformance, AFailedTransactionLeavesNothingBehind) {
  EXPECT_THROW(database().write([](Connection& c) {
    c.execute("INSERT INTO things (id, name) VALUES (1, 'a')");
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  const auto count =
      database().read([](Connection& c) { return c.query_one("SELECT COUNT(*) FROM things")->integer(0); });
  EXPECT_EQ(count, 0);
}

TEST_P(DatabaseConformance, UniqueViolationsAreRecognisable) {
  database().write([](Connection& c) { c.execute("INSERT INTO things (id, name) VALUES (1, 'a')"); });
  try {
    database().write([](Connection& c) { c.execute("INSERT INTO things (id, name) VALUES (2, 'a')"); });
    FAIL() << "expected a unique violation";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.kind(), DatabaseError::Kind::unique_violation) << e.what();
  }
  // The connection is usable afterwards.
  database().write([](Connection& c) { c.execute("INSERT INTO things (id, name) VALUES (3, 'c')"); });
}

TEST_P(DatabaseConformance, SyntaxErrorsThrowAndTheConnectionRecovers) {
  EXPECT_THROW(database().read([](Connection& c) { c.query("SELEC nonsense"); }), DatabaseError);
  EXPECT_TRUE(database().ping());
}

TEST_P(DatabaseConformance, CommitHooksRunAfterCommitOnly) {
  int ran = 0;
  database().write([&](Connection& c) {
    c.after_commit([&] { ++ran; });
    EXPECT_EQ(ran, 0);
  });
  EXPECT_EQ(ran, 1);
  EXPECT_ANY_THROW(database().write([&](Connection& c) {
    c.after_commit([&] { ++ran; });
    throw std::runtime_error("roll back");
  }));
  EXPECT_EQ(ran, 1);
}

TEST_P(DatabaseConformance, ReturningGivesInsertedRows) {
  const auto rows = database().write([](Connection& c) {
    return c.query("INSERT INTO things (id, name) VALUES (5, 'e'), (6, 'f') RETURNING id");
  });
  EXPECT_EQ(rows.size(), 2u);
}

TEST_P(DatabaseConformance, InsertReturningIdGivesTheNewIdOrNoneOnConflict) {
  database().write([](Connection& c) {
    c.execute_script(c.dialect() == Dialect::sqlite
                         ? "CREATE TABLE serials (id INTEGER PRIMARY KEY, name TEXT UNIQUE)"
                         : "CREATE TABLE serials (id BIGSERIAL PRIMARY KEY, name TEXT UNIQUE)");
  });
  constexpr std::string_view sqlite_insert =
      "INSERT INTO serials (name) VALUES ($1) ON CONFLICT (name) DO NOTHING";
  constexpr std::string_view postgres_insert =
      "INSERT INTO serials (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id";
  const auto ids = database().write([&](Connection& c) {
    const auto first = insert_returning_id(c, sqlite_insert, postgres_insert, {std::string("a")});
    const auto second = insert_returning_id(c, sqlite_insert, postgres_insert, {std::string("b")});
    const auto again = insert_returning_id(c, sqlite_insert, postgres_insert, {std::string("a")});
    return std::tuple(first, second, again);
  });
  const auto [first, second, again] = ids;
  ASSERT_TRUE(first && second);
  EXPECT_NE(*first, *second);
  EXPECT_EQ(again, std::nullopt);
  const auto b = database().read(
      [](Connection& c) { return c.query_one("SELECT id FROM serials WHERE name = 'b'")->integer(0); });
  EXPECT_EQ(b, *second);
}

TEST_P(DatabaseConformance, MigrationsAreCurrentAndIdempotent) {
  EXPECT_TRUE(migration_status(database(), schema::product_migrations()).up_to_date());
  EXPECT_EQ(migrate(database(), schema::product_migrations()), 0);
}

TEST_P(DatabaseConformance, ConcurrentWritersDoNotLoseUpdates) {
  database().write([](Connection& c) { c.execute("INSERT INTO things (id, score) VALUES (1, 0)"); });
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        database().write(
            [](Connection& c) { c.execute("UPDATE things SET score = score + 1 WHERE id = 1"); });
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const auto score =
      database().read([](Connection& c) { return c.query_one("SELECT score FROM things")->real(0); });
  EXPECT_DOUBLE_EQ(score, 200.0);
}

PINBRIDGE_ON_EVERY_BACKEND(DatabaseConformance);

}  // namespace
}  // namespace pinbridge::store
