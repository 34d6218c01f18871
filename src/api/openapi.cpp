// The OpenAPI 3 description of the public API, kept as JSON text so it reads like the document it
// is. tests/unit/api/openapi_test.cpp holds it to the registered routes.
#include "api/api_routes.hpp"

namespace pinbridge::api {
namespace {

constexpr std::string_view document = R"json({
  "openapi": "3.0.3",
  "info": {
    "title": "Pinbridge public API",
    "version": "1.0.0",
    "description": "The API add-on: list assessments, invite candidates, read invitations and results. Authenticate with an API key from Settings as 'Authorization: Bearer <key>'. Errors are {\"error\":{\"code\",\"message\",\"request_id\"}}."
  },
  "servers": [{"url": "/"}],
  "security": [{"bearerAuth": []}],
  "paths": {
    "/api/v1/openapi.json": {
      "get": {
        "summary": "This document",
        "security": [],
        "responses": {"200": {"description": "The OpenAPI document", "content": {"application/json": {"schema": {"type": "object"}}}}}
      }
    },
    "/api/v1/assessments": {
      "get": {
        "summary": "List the account's active assessments",
        "responses": {
          "200": {"description": "Active assessments, newest first", "content": {"application/json": {"schema": {
            "type": "object", "required": ["data"],
            "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/Assessment"}}}}}}},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "403": {"$ref": "#/components/responses/Forbidden"}
        }
      }
    },
    "/api/v1/invitations": {
      "post": {
        "summary": "Invite a candidate to an assessment",
        "description": "Idempotent on (assessment_id, candidate_email, external_ref): the same identity answers 200 with the existing invitation. An Idempotency-Key header replays the stored response of the same request for 24 hours.",
        "parameters": [{"name": "Idempotency-Key", "in": "header", "required": false,
                        "schema": {"type": "string", "minLength": 1, "maxLength": 255}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/InvitationRequest"}}}},
        "responses": {
          "201": {"description": "Created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Invitation"}}}},
          "200": {"description": "The same invitation already existed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Invitation"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "403": {"$ref": "#/components/responses/Forbidden"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "415": {"$ref": "#/components/responses/BadRequest"},
          "422": {"description": "The Idempotency-Key was used with a different request", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        }
      }
    },
    "/api/v1/invitations/{id}": {
      "get": {
        "summary": "Read an invitation, its status timestamps and latest result",
        "parameters": [{"$ref": "#/components/parameters/Id"}],
        "responses": {
          "200": {"description": "The invitation", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Invitation"}}}},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "403": {"$ref": "#/components/responses/Forbidden"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/v1/results/{id}": {
      "get": {
        "summary": "Read one result version",
        "parameters": [{"$ref": "#/components/parameters/Id"}],
        "responses": {
          "200": {"description": "The result", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Result"}}}},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "403": {"$ref": "#/components/responses/Forbidden"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    }
  },
  "components": {
    "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "description": "An API key (pb_live_...) from Settings"}},
    "parameters": {"Id": {"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "format": "int64", "minimum": 1}}},
    "responses": {
      "BadRequest": {"description": "Invalid JSON or fields", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Unauthorized": {"description": "Missing, unknown or revoked API key", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Forbidden": {"description": "The account's API add-on is off", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "NotFound": {"description": "No such id in this account", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    },
    "schemas": {
      "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message"],
        "properties": {"code": {"type": "string"}, "message": {"type": "string"}, "request_id": {"type": "string"}}}}},
      "Timestamp": {"type": "string", "format": "date-time", "nullable": true},
      "Assessment": {"type": "object", "required": ["id", "name", "time_limit_minutes", "pass_mark", "question_count"], "properties": {
        "id": {"type": "integer", "format": "int64"}, "name": {"type": "string"}, "description": {"type": "string"},
        "time_limit_minutes": {"type": "integer"}, "pass_mark": {"type": "integer", "minimum": 0, "maximum": 100},
        "question_count": {"type": "integer"}, "version": {"type": "integer"},
        "created_at": {"$ref": "#/components/schemas/Timestamp"}, "updated_at": {"$ref": "#/components/schemas/Timestamp"}}},
      "InvitationRequest": {"type": "object", "additionalProperties": false, "required": ["assessment_id", "candidate_name", "candidate_email"], "properties": {
        "assessment_id": {"type": "integer", "format": "int64", "minimum": 1},
        "candidate_name": {"type": "string", "maxLength": 200}, "candidate_email": {"type": "string", "format": "email"},
        "external_ref": {"type": "string", "maxLength": 200, "nullable": true}}},
      "ResultSummary": {"type": "object", "nullable": true, "properties": {
        "id": {"type": "integer", "format": "int64"}, "version": {"type": "integer"}, "score": {"type": "integer"},
        "passed": {"type": "boolean"}, "created_at": {"$ref": "#/components/schemas/Timestamp"}}},
      "Invitation": {"type": "object", "required": ["id", "status", "assessment_id", "candidate"], "properties": {
        "id": {"type": "integer", "format": "int64"},
        "status": {"type": "string", "enum": ["invited", "started", "submitted", "completed", "expired", "cancelled"]},
        "assessment_id": {"type": "integer", "format": "int64"},
        "candidate": {"type": "object", "properties": {"name": {"type": "string"}, "email": {"type": "string"}}},
        "external_ref": {"type": "string", "nullable": true},
        "source": {"type": "string", "enum": ["dashboard", "api", "workflow", "plugin"]},
        "candidate_url": {"type": "string", "nullable": true, "description": "The candidate's private link, while it works (invited or started)"},
        "latest_result": {"$ref": "#/components/schemas/ResultSummary"},
        "created_at": {"$ref": "#/components/schemas/Timestamp"}, "expires_at": {"$ref": "#/components/schemas/Timestamp"},
        "started_at": {"$ref": "#/components/schemas/Timestamp"}, "submitted_at": {"$ref": "#/components/schemas/Timestamp"},
        "completed_at": {"$ref": "#/components/schemas/Timestamp"}, "expired_at": {"$ref": "#/components/schemas/Timestamp"},
        "cancelled_at": {"$ref": "#/components/schemas/Timestamp"}}},
      "QuestionOutcome": {"type": "object", "properties": {
        "question_id": {"type": "string"}, "prompt": {"type": "string", "nullable": true},
        "kind": {"type": "string", "nullable": true, "enum": ["single_choice", "multiple_choice", "short_answer", null]},
        "answered": {"type": "boolean"}, "correct": {"type": "boolean"}, "overridden": {"type": "boolean"},
        "points_awarded": {"type": "integer"}, "points_possible": {"type": "integer"},
        "answer": {"description": "The candidate's answer: an option index, a list of indices or text; null when unanswered", "nullable": true}}},
      "Result": {"type": "object", "required": ["id", "invitation_id", "score", "passed"], "properties": {
        "id": {"type": "integer", "format": "int64"}, "invitation_id": {"type": "integer", "format": "int64"},
        "assessment_id": {"type": "integer", "format": "int64"}, "version": {"type": "integer"},
        "assessment_version": {"type": "integer"}, "reason": {"type": "string", "enum": ["graded", "regraded", "override"]},
        "score": {"type": "integer", "minimum": 0, "maximum": 100}, "passed": {"type": "boolean"},
        "points_awarded": {"type": "integer"}, "points_possible": {"type": "integer"},
        "time_taken_seconds": {"type": "number"},
        "integrity": {"type": "object", "properties": {"left_page": {"type": "integer"}, "pastes": {"type": "integer"}}},
        "questions": {"type": "array", "items": {"$ref": "#/components/schemas/QuestionOutcome"}},
        "report_url": {"type": "string", "nullable": true, "description": "Shareable report link; null when the account turned report sharing off"},
        "created_at": {"$ref": "#/components/schemas/Timestamp"}}}
    }
  }
})json";

}  // namespace

const nlohmann::json& openapi_document() {
  static const nlohmann::json parsed = nlohmann::json::parse(document);
  return parsed;
}

}  // namespace pinbridge::api
