// POST /api/v1/invitations: invites a candidate, idempotently twice over. The invitation itself is
// idempotent on (account, assessment, email, external_ref): the same identity answers 200 with the
// existing invitation. An Idempotency-Key header adds request-level replay: the same key and body
// within 24 hours answer the stored response; the same key with another body is refused with 422.
#include "api/handlers.hpp"
#include "core/crypto.hpp"

namespace pinbridge::api::detail {
namespace {

using nlohmann::json;

constexpr std::string_view route_name = "POST /api/v1/invitations";
constexpr const char* fields[] = {"assessment_id", "candidate_name", "candidate_email", "external_ref"};

Result<std::string> text_field(const json& body, const char* name, bool required) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required) return Error::invalid(std::string("Field '") + name + "' is required");
    return std::string();
  }
  if (!it->is_string()) return Error::invalid(std::string("Field '") + name + "' must be a string");
  return it->get<std::string>();
}

Result<assessments::InviteRequest> parse_request(const json& body, std::int64_t account_id) {
  if (!body.is_object()) return Error::invalid("The request body must be a JSON object");
  for (const auto& [name, value] : body.items())
    if (std::find(std::begin(fields), std::end(fields), name) == std::end(fields))
      return Error::invalid("Unknown field '" + name +
                            "'; expected assessment_id, candidate_name, candidate_email, external_ref");
  const auto id = body.find("assessment_id");
  if (id == body.end() || !id->is_number_integer() || id->get<std::int64_t>() <= 0)
    return Error::invalid("Field 'assessment_id' is required and must be a positive integer");
  assessments::InviteRequest request;
  request.account_id = account_id;
  request.assessment_id = id->get<std::int64_t>();
  request.source = assessments::InvitationSource::api;
  for (auto [target, name, required] : {std::tuple{&request.candidate_name, "candidate_name", true},
                                        std::tuple{&request.candidate_email, "candidate_email", true},
                                        std::tuple{&request.external_ref, "external_ref", false}}) {
    auto value = text_field(body, name, required);
    if (!value) return value.error();
    *target = std::move(*value);
  }
  return request;
}

http::Response invite(const ApiServices& services, const http::Request& request, const json& body,
                      const Caller& caller) {
  auto parsed = parse_request(body, caller.account_id);
  if (!parsed) return error_response(parsed.error(), request);
  const auto invited = services.invitations.invite(*parsed);
  if (!invited) return error_response(invited.error(), request);
  auto response = json_response(invited->created ? 201 : 200, invitation_body(services, invited->invitation));
  response.header("Location", "/api/v1/invitations/" + std::to_string(invited->invitation.id));
  return response;
}

// The one status the product's error codes do not cover: the request is well formed but conflicts
// with what the Idempotency-Key already stands for (draft-ietf-httpapi-idempotency-key-header).
http::Response key_reused(const http::Request& request) {
  auto response = json_response(
      422, {{"error",
             {{"code", "idempotency_key_reused"},
              {"message", "This Idempotency-Key was already used with a different request; use a new key"},
              {"request_id", request.request_id}}}});
  return response;
}

http::Response replay(const StoredResponse& stored, std::string_view hash, const http::Request& request) {
  if (stored.request_hash != hash) return key_reused(request);
  http::Response response = json_response(stored.status, json::parse(stored.body));
  const auto id = json::parse(stored.body).value("id", std::int64_t{0});
  response.header("Location", "/api/v1/invitations/" + std::to_string(id));
  response.header("Idempotent-Replayed", "true");
  return response;
}

Result<std::string> idempotency_key(const http::Request& request) {
  const auto key = request.header("Idempotency-Key");
  if (!key) return std::string();
  const bool printable = std::all_of(key->begin(), key->end(), [](char c) { return c > 0x20 && c < 0x7f; });
  if (key->empty() || key->size() > IdempotencyStore::max_key_length || !printable)
    return Error::invalid("Idempotency-Key must be 1 to 255 printable ASCII characters without spaces");
  return *key;
}

}  // namespace

http::Response create_invitation(const ApiServices& services, http::Request& request, const Caller& caller) {
  const auto content_type = request.header("Content-Type").value_or("application/json");
  if (content_type.find("json") == std::string::npos)
    return error_response({ErrorCode::unsupported_media, "Send the body as application/json"}, request);
  const json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded())
    return error_response(Error::invalid("The request body is not valid JSON"), request);
  const auto key = idempotency_key(request);
  if (!key) return error_response(key.error(), request);
  if (key->empty()) return invite(services, request, body, caller);
  // The canonical dump (sorted keys, no spaces) makes a re-sent body match however it is formatted.
  const std::string hash = crypto::sha256_hex(std::string(route_name) + "\n" + body.dump());
  if (const auto stored = services.idempotency.find(caller.account_id, *key))
    return replay(*stored, hash, request);
  auto response = invite(services, request, body, caller);
  if (response.status < 200 || response.status >= 300) return response;
  const auto stored =
      services.idempotency.remember(caller.account_id, *key, {hash, response.status, response.body});
  // A concurrent request with the same key may have stored its response first.
  if (stored.request_hash != hash || stored.body != response.body) return replay(stored, hash, request);
  return response;
}

}  // namespace pinbridge::api::detail
