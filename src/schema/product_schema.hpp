#pragma once
// The product's database schema: every migration, in version order. Each area owns the DDL of its
// tables; this list only orders them. Never edit a released migration: add one.
#include <span>

#include "store/migrations.hpp"

namespace pinbridge::schema {

std::span<const store::Migration> product_migrations();

}  // namespace pinbridge::schema
