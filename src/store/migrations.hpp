#pragma once
// Versioned schema migrations. Each migration is one script for both dialects, with placeholders
// for the few places where they differ ({{id_pk}}: the auto-increment primary key); they are
// applied in version order, each in its own transaction together with its row in
// schema_migrations, so a crash leaves the schema at a whole version.
#include <span>
#include <string>
#include <string_view>

#include "store/database.hpp"

namespace pinbridge::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

struct MigrationStatus {
  int current_version = 0;  // highest applied
  int latest_version = 0;   // highest known to this binary
  bool up_to_date() const { return current_version == latest_version; }
};

// Applies what is missing and returns how many migrations ran. Safe when several processes start
// at once (PostgreSQL: advisory lock; SQLite: the write lock of BEGIN IMMEDIATE).
int migrate(Database& database, std::span<const Migration> migrations);
// The script of a migration as the dialect runs it.
std::string render_for(Dialect dialect, std::string_view sql);
MigrationStatus migration_status(Database& database, std::span<const Migration> migrations);

}  // namespace pinbridge::store
