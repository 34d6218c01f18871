#pragma once
// pinpoint-sim's database schema: the job queue (webhook deliveries) and the simulated Pinpoint.
#include <span>

#include "store/migrations.hpp"

namespace pinbridge::sim {

std::span<const store::Migration> sim_migrations();

}  // namespace pinbridge::sim
