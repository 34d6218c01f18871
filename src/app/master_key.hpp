#pragma once
// Where the master key comes from: security.master_key (config or environment) or, for the
// embedded SQLite default only, <data.dir>/master.key, created with mode 0600 on first start.
// PostgreSQL deployments must configure it (load_config refuses to start without): every node
// needs the same key.
#include "app/config.hpp"
#include "core/crypto.hpp"

namespace pinbridge::app {

Result<crypto::SecretBox> load_master_key(const Config& config);

}  // namespace pinbridge::app
