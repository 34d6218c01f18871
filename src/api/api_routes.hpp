#pragma once
// The public API (the API add-on), JSON over HTTP under /api/v1, authenticated by
// `Authorization: Bearer <API key>`. Every call is scoped to the key's account: another account's
// ids read as not found. Errors use the one JSON error format of the whole product
// ({"error":{"code","message","request_id"}}). docs/api.md describes it for customers.
#include <string>
#include <vector>

#include "accounts/account_store.hpp"
#include "api/api_keys.hpp"
#include "api/idempotency.hpp"
#include "assessments/assessment_store.hpp"
#include "assessments/invitations.hpp"
#include "http/router.hpp"

namespace pinbridge::api {

struct ApiServices {
  accounts::AccountStore& accounts;
  ApiKeyStore& keys;
  IdempotencyStore& idempotency;
  assessments::AssessmentStore& assessments;
  assessments::Invitations& invitations;
  const assessments::Links& links;
};

struct RouteSpec {
  std::string method;
  std::string pattern;  // as registered, e.g. "/api/v1/invitations/{id}"
};

// Every route add_api_routes registers, from the same table, so a test can hold the OpenAPI
// document to them.
std::vector<RouteSpec> api_route_specs();

void add_api_routes(http::Router& router, const ApiServices& services);

// The OpenAPI 3 document served at /api/v1/openapi.json.
const nlohmann::json& openapi_document();

}  // namespace pinbridge::api
