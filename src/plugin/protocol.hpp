#pragma once
// The documents of Pinpoint's integration-plugin protocol (shared/spec/pinpoint-plugin.md) that
// the plugin answers with, and the readers for what Pinpoint sends. Pure functions of their
// arguments: no storage, no I/O.
//
// Paths in the meta document are relative to the plugin's base URL (the URL the customer
// registers in Pinpoint, e.g. https://pinbridge.example/plugin/pinpoint): Pinpoint appends them
// to it, so the meta endpoint is "<base>/" and the submit endpoint "<base>/create-assessment/submit".
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace pinbridge::plugin {

inline constexpr std::string_view base_path = "/plugin/pinpoint";
inline constexpr std::string_view action_meta_path = "/create-assessment/meta";
inline constexpr std::string_view submit_path = "/create-assessment/submit";
inline constexpr std::string_view process_path = "/webhook/process";

inline constexpr std::string_view protocol_version = "1.0.0";
inline constexpr std::string_view action_key = "createAssessment";
inline constexpr std::string_view action_label = "Invite to Pinbridge Assessment";
inline constexpr std::string_view api_key_field = "apiKey";
inline constexpr std::string_view api_key_header = "X-Pinbridge-Api-Key";
inline constexpr std::string_view signature_header = "X-Pinbridge-Signature";

// Header names as Pinpoint may send them: any case, and '_' where the name has '-'.
bool same_header_name(std::string_view a, std::string_view b);
std::optional<std::string> find_header(const http::Headers& headers, std::string_view name);
// The same lookup in a {"name": "value"} object (the headers Pinpoint forwards to the process
// endpoint); values that are not strings do not count.
std::optional<std::string> find_header(const nlohmann::json& headers, std::string_view name);
// A [{"key": ..., "value": ...}] array (formFields, configurationValues) as a map; entries that are
// not a string key with a string value are skipped.
std::map<std::string, std::string> key_values(const nlohmann::json& array);

// Section 1: the meta document.
nlohmann::json plugin_meta();

// Section 2: the action form.
struct SelectOption {
  std::string label;
  std::string value;
};
struct Candidate {
  std::string first_name, last_name, email;
};
nlohmann::json action_form(const std::vector<SelectOption>& assessments, const Candidate& candidate);
// The form that only says what is wrong (a bad key, the add-on off): one danger callout.
nlohmann::json callout_form(std::string_view description);

// Section 3: the submit answers.
struct FieldError {
  std::string key;
  std::string error;
};
struct Link {
  std::string key, label, url;
};
struct Submitted {
  std::string assessment_name, message, status, external_identifier, external_record_url;
  std::vector<Link> links;
};
nlohmann::json submit_success(const Submitted& submitted);
nlohmann::json submit_failure(std::string_view toast, const std::vector<FieldError>& errors = {});

// Section 5: the webhook process answers.
struct AssessmentUpdate {
  std::string external_identifier;
  std::string status;
  std::optional<int> score;  // only once there is a result
  bool should_notify = false;
  std::vector<Link> links;
};
nlohmann::json process_success(const std::vector<AssessmentUpdate>& updates);
nlohmann::json process_failure(std::string_view toast);

}  // namespace pinbridge::plugin
