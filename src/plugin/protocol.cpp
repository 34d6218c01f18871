#include "plugin/protocol.hpp"

#include <algorithm>
#include <cctype>

namespace pinbridge::plugin {
namespace {

using nlohmann::json;

// A 16x16 PNG (the Pinbridge mark) and the action's icon, inline as the protocol asks.
constexpr std::string_view logo =
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAALUlEQVR42mNQTX5NEmKgo4b/"
    "OADJGtD0oGtAM48"
    "GGkh2EsmeJjlYB5WGQZP4AEEawARVSKrUAAAAAElFTkSuQmCC";
constexpr std::string_view action_icon =
    "data:image/"
    "svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCAyNCAyNCIg"
    "ZmlsbD0ibm9uZSIgc3Ryb2tlPSJjdXJyZW50Q29sb3IiIHN0cm9rZS13aWR0aD0iMiI+"
    "PHBhdGggZD0iTTkgMTFsMyAzIDgtOCIvPjxwYX"
    "RoIGQ9Ik0yMCAxMnY3YTIgMiAwIDAgMS0yIDJINWEyIDIgMCAwIDEtMi0yVjVhMiAyIDAgMCAxIDItMmgxMSIvPjwvc3ZnPg==";

char header_char(char c) {
  return c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

json mapping(std::string_view key, std::string_view label, std::string_view variable) {
  return {{"key", key}, {"label", label}, {"value", "{{" + std::string(variable) + "}}"}};
}

json readonly_field(std::string_view key, std::string_view label, const std::string& value) {
  return {{"key", key},       {"label", label},   {"type", "string"},
          {"required", true}, {"readonly", true}, {"value", value}};
}

json links_json(const std::vector<Link>& links) {
  json out = json::array();
  for (const auto& link : links) out.push_back({{"key", link.key}, {"label", link.label}, {"url", link.url}});
  return out;
}

}  // namespace

bool same_header_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return header_char(x) == header_char(y); });
}

std::optional<std::string> find_header(const http::Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers)
    if (same_header_name(key, name)) return value;
  return std::nullopt;
}

std::optional<std::string> find_header(const json& headers, std::string_view name) {
  if (!headers.is_object()) return std::nullopt;
  for (const auto& [key, value] : headers.items())
    if (value.is_string() && same_header_name(key, name)) return value.get<std::string>();
  return std::nullopt;
}

std::map<std::string, std::string> key_values(const json& array) {
  std::map<std::string, std::string> out;
  if (!array.is_array()) return out;
  for (const auto& entry : array) {
    if (!entry.is_object()) continue;
    const auto key = entry.find("key");
    const auto value = entry.find("value");
    if (key == entry.end() || value == entry.end() || !key->is_string() || !value->is_string()) continue;
    out[key->get<std::string>()] = value->get<std::string>();
  }
  return out;
}

json plugin_meta() {
  const json action = {{"key", action_key},
                       {"label", action_label},
                       {"iconSvgBase64", action_icon},
                       {"metaEndpoint", action_meta_path},
                       {"mappings",
                        {mapping("firstName", "First Name", "candidate_first_name"),
                         mapping("lastName", "Last Name", "candidate_last_name"),
                         mapping("email", "Email", "candidate_email")}}};
  const json api_key = {{"key", api_key_field}, {"label", "Pinbridge API Key"},
                        {"type", "string"},     {"required", true},
                        {"sensitive", true},    {"useAsHttpHeader", api_key_header}};
  return {{"version", protocol_version},
          {"name", "Pinbridge Assessments"},
          {"logoBase64", logo},
          {"actions", json::array({action})},
          {"webhookProcessEndpoint", process_path},
          {"webhookAuthenticationHeader", signature_header},
          {"configurationFormFields", json::array({api_key})}};
}

json action_form(const std::vector<SelectOption>& assessments, const Candidate& candidate) {
  json options = json::array();
  for (const auto& option : assessments)
    options.push_back({{"label", option.label}, {"value", option.value}});
  const json select = {{"key", "assessmentId"},
                       {"label", "Assessment"},
                       {"type", "string"},
                       {"required", true},
                       {"placeholder", "Select an assessment..."},
                       {"singleSelectOptions", options}};
  return {{"actionVersion", protocol_version},
          {"key", action_key},
          {"label", action_label},
          {"description", "Sends the candidate an invitation to an assessment"},
          {"formFields",
           {select, readonly_field("firstName", "First Name", candidate.first_name),
            readonly_field("lastName", "Last Name", candidate.last_name),
            readonly_field("email", "Email", candidate.email)}},
          {"submitEndpoint", submit_path}};
}

json callout_form(std::string_view description) {
  const json callout = {{"key", "problem"},
                        {"label", "Pinbridge cannot be used yet"},
                        {"type", "callout"},
                        {"intent", "danger"},
                        {"description", description}};
  return {{"actionVersion", protocol_version},
          {"key", action_key},
          {"label", action_label},
          {"description", description},
          {"formFields", json::array({callout})}};
}

json submit_success(const Submitted& submitted) {
  return {{"resultVersion", protocol_version},
          {"key", action_key},
          {"success", true},
          {"assessmentName", submitted.assessment_name},
          {"message", submitted.message},
          {"status", submitted.status},
          {"externalIdentifier", submitted.external_identifier},
          {"externalRecordUrl", submitted.external_record_url},
          {"externalLinks", links_json(submitted.links)}};
}

json submit_failure(std::string_view toast, const std::vector<FieldError>& errors) {
  json out = {{"resultVersion", protocol_version},
              {"key", action_key},
              {"success", false},
              {"toast", {{"error", toast}}}};
  if (!errors.empty()) {
    out["errors"] = json::array();
    for (const auto& e : errors) out["errors"].push_back({{"key", e.key}, {"error", e.error}});
  }
  return out;
}

json process_success(const std::vector<AssessmentUpdate>& updates) {
  json list = json::array();
  for (const auto& u : updates) {
    json item = {{"externalIdentifier", u.external_identifier},
                 {"status", u.status},
                 {"shouldNotify", u.should_notify},
                 {"externalLinks", links_json(u.links)}};
    if (u.score) item["score"] = *u.score;
    list.push_back(std::move(item));
  }
  return {{"resultVersion", protocol_version}, {"success", true}, {"updateAssessments", std::move(list)}};
}

json process_failure(std::string_view toast) {
  return {{"resultVersion", protocol_version}, {"success", false}, {"toast", {{"error", toast}}}};
}

}  // namespace pinbridge::plugin
