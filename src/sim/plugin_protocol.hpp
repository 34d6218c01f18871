#pragma once
// Pinpoint's side of the integration-plugin protocol (shared/spec/pinpoint-plugin.md) as plain
// values: the plugin meta document, the action form, the submit result and the webhook-process
// answer, each parsed and checked here so the rest of the simulator never touches raw JSON from a
// plugin. A document that breaks the protocol is an upstream Error whose message names the field.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace pinbridge::sim {

struct PluginMapping {
  std::string key, label, value;  // value: a template such as "{{candidate_first_name}}"
};

struct PluginAction {
  std::string key, label, meta_endpoint;
  std::vector<PluginMapping> mappings;
};

struct ConfigurationField {
  std::string key, label, type;
  bool required = false;
  bool sensitive = false;
  std::string http_header;  // useAsHttpHeader as the plugin wrote it; "" when absent
};

struct PluginMeta {
  std::string version, name;
  std::vector<PluginAction> actions;
  std::string webhook_process_endpoint;       // "" when the plugin takes no callbacks
  std::string webhook_authentication_header;  // "" when absent
  std::vector<ConfigurationField> configuration_fields;

  const PluginAction* action(std::string_view key) const;
  const ConfigurationField* field(std::string_view key) const;
};

Result<PluginMeta> parse_plugin_meta(const nlohmann::json& document);

// The header name Pinpoint sends for useAsHttpHeader: lower-cased with '-' as '_'
// ("X-Pinbridge-Api-Key" -> "x_pinbridge_api_key"), the harder form the spec tells plugins to accept.
std::string plugin_header_name(std::string_view use_as_http_header);

// The candidate data mapping templates may name.
struct MappingCandidate {
  std::string first_name, last_name, email;
};
// Replaces {{candidate_first_name}}, {{candidate_last_name}} and {{candidate_email}}; any other
// {{variable}} becomes "" (Pinpoint has no value for it here); text outside braces stays.
std::string fill_mapping(std::string_view value_template, const MappingCandidate& candidate);

// Where a meta endpoint lives: a path is appended to the plugin's base URL (keeping any path prefix
// the base has); an absolute http(s) URL is used as is.
std::string plugin_endpoint_url(std::string_view base_url, std::string_view endpoint);

struct SelectOption {
  std::string label, value;
};

struct FormField {
  std::string key, label, type, placeholder, description, intent, value;
  bool required = false;
  bool readonly = false;
  std::vector<SelectOption> options;  // singleSelectOptions; empty: not a select
  bool is_callout() const { return type == "callout"; }
};

struct ActionForm {
  std::string key, label, description, submit_endpoint;
  std::vector<FormField> fields;
  bool has_inputs() const;  // any field but callouts
};

Result<ActionForm> parse_action_form(const nlohmann::json& document);

struct FieldError {
  std::string key, error;
};

// The plugin's answer to a submit: either a created record or a failure to show on the form.
struct SubmitResult {
  bool success = false;
  std::string assessment_name, message, status, external_identifier, external_record_url;
  nlohmann::json external_links = nlohmann::json::array();  // [{"key","label","url"}]
  std::string toast_error;
  std::vector<FieldError> errors;
};

Result<SubmitResult> parse_submit_result(const nlohmann::json& document);

struct AssessmentUpdate {
  std::string external_identifier;
  std::optional<std::string> status;
  std::optional<std::int64_t> score;
  std::optional<nlohmann::json> external_links;
};

// The answer of the webhook process endpoint; an answer without success: true is an Error.
Result<std::vector<AssessmentUpdate>> parse_process_result(const nlohmann::json& document);

// Pinpoint's assessment statuses: pending, not_started, completed, abandoned, failed, cancelled,
// archived.
bool is_assessment_status(std::string_view status);

// {"key","value"} pairs, the shape of formFields and configurationValues.
nlohmann::json key_values(const std::vector<std::pair<std::string, std::string>>& pairs);

}  // namespace pinbridge::sim
