#pragma once
// The --demo data set: company "acme" with users, the default workflow and a custom one, 3 jobs
// and 20 applications, and two API keys (all permissions; some missing). Names are drawn from the
// given Random, so the same seed gives the same people.
#include "core/random.hpp"
#include "sim/pinpoint.hpp"
#include "sim/simulator.hpp"

namespace pinbridge::sim {

DemoKeys seed_demo_company(store::Database& database, Pinpoint& pinpoint, Random& random);

}  // namespace pinbridge::sim
