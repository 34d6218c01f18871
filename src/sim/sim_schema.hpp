#pragma once
// pinpoint-sim's database schema: the job queue (webhook deliveries), the simulated Pinpoint and
// the integration plugins registered with it.
#include <span>

#include "store/migrations.hpp"

namespace pinbridge::sim {

std::span<const store::Migration> sim_migrations();

}  // namespace pinbridge::sim
