#pragma once
// Serves every read of the simulated API from the ResourceDef tables: lists with filters, sort,
// pagination and stats, single resources, include (dotted paths too), sparse fieldsets and extra
// fields. Always scoped to one company.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/result.hpp"
#include "sim/jsonapi.hpp"
#include "sim/resources.hpp"
#include "store/database.hpp"

namespace pinbridge::sim {

// The list document; an invalid_input Error (400) for an unknown filter or include.
Result<nlohmann::json> read_list(store::Connection& connection, std::int64_t company_id,
                                 const ResourceDef& def, const ListQuery& query);
// The single-resource document; not_found when absent; invalid_input for a bad include.
Result<nlohmann::json> read_one(store::Connection& connection, std::int64_t company_id,
                                const ResourceDef& def, std::int64_t id, const ListQuery& query);
// One resource object with default attributes (used for write responses).
std::optional<nlohmann::json> load_resource(store::Connection& connection, std::int64_t company_id,
                                            const ResourceDef& def, std::int64_t id);

}  // namespace pinbridge::sim
