#include "sim/plugin_protocol.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace pinbridge::sim {
namespace {

using nlohmann::json;

// Collects the first protocol violation found while reading a document, so every reader below can
// go on with defaults and the caller reports one precise message.
class Problems {
 public:
  void add(std::string problem) {
    if (first_.empty()) first_ = std::move(problem);
  }
  bool any() const { return !first_.empty(); }
  Error error(std::string_view document) const {
    return {ErrorCode::upstream, fmt::format("the plugin's {} is malformed: {}", document, first_)};
  }

 private:
  std::string first_;
};

// Typed reads of one JSON object's members; a wrong type is a problem, an absent optional member
// is the default.
class Fields {
 public:
  Fields(const json& object, std::string where, Problems& problems)
      : object_(object), where_(std::move(where)), problems_(problems) {
    if (!object_.is_object()) problems_.add(fmt::format("{} must be an object", label()));
  }

  std::string text(const char* name, bool required = false) {
    const json* member = find(name, required);
    if (member == nullptr) return {};
    if (!member->is_string()) {
      problems_.add(fmt::format("{} must be a string", path(name)));
      return {};
    }
    return member->get<std::string>();
  }
  bool flag(const char* name) {
    const json* member = find(name, false);
    if (member == nullptr) return false;
    if (!member->is_boolean()) problems_.add(fmt::format("{} must be true or false", path(name)));
    return member->is_boolean() && member->get<bool>();
  }
  // The array member, or an empty array when absent or not an array (a problem then).
  const json& array(const char* name, bool required = false) {
    static const json empty = json::array();
    const json* member = find(name, required);
    if (member == nullptr) return empty;
    if (!member->is_array()) {
      problems_.add(fmt::format("{} must be an array", path(name)));
      return empty;
    }
    return *member;
  }
  const json* find(const char* name, bool required) {
    if (!object_.is_object()) return nullptr;
    const auto it = object_.find(name);
    if (it == object_.end() || it->is_null()) {
      if (required) problems_.add(fmt::format("{} is missing", path(name)));
      return nullptr;
    }
    return &*it;
  }
  std::string path(const char* name) const { return where_.empty() ? name : where_ + "." + name; }
  Problems& problems() { return problems_; }

 private:
  std::string label() const { return where_.empty() ? "the document" : where_; }
  const json& object_;
  std::string where_;
  Problems& problems_;
};

std::string element(const std::string& array_path, std::size_t index) {
  return fmt::format("{}[{}]", array_path, index);
}

PluginAction read_action(Fields fields) {
  PluginAction action{
      fields.text("key", true), fields.text("label", true), fields.text("metaEndpoint", true), {}};
  const json& mappings = fields.array("mappings");
  for (std::size_t i = 0; i < mappings.size(); ++i) {
    Fields m(mappings[i], element(fields.path("mappings"), i), fields.problems());
    action.mappings.push_back({m.text("key", true), m.text("label"), m.text("value")});
  }
  return action;
}

ConfigurationField read_configuration_field(Fields fields) {
  ConfigurationField field{fields.text("key", true), fields.text("label", true),
                           fields.text("type"),      fields.flag("required"),
                           fields.flag("sensitive"), fields.text("useAsHttpHeader")};
  if (field.type.empty()) field.type = "string";
  return field;
}

json read_links(Fields& fields, const char* name) {
  const json& links = fields.array(name);
  json out = json::array();
  for (std::size_t i = 0; i < links.size(); ++i) {
    Fields link(links[i], element(fields.path(name), i), fields.problems());
    out.push_back(
        {{"key", link.text("key")}, {"label", link.text("label")}, {"url", link.text("url", true)}});
  }
  return out;
}

FormField read_form_field(Fields fields) {
  FormField field;
  field.key = fields.text("key", true);
  field.label = fields.text("label");
  field.type = fields.text("type");
  if (field.type.empty()) field.type = "string";
  field.placeholder = fields.text("placeholder");
  field.description = fields.text("description");
  field.intent = fields.text("intent");
  field.required = fields.flag("required");
  field.readonly = fields.flag("readonly");
  if (const json* value = fields.find("value", false))  // a value may be any scalar
    field.value = value->is_string() ? value->get<std::string>() : value->dump();
  const json& options = fields.array("singleSelectOptions");
  for (std::size_t i = 0; i < options.size(); ++i) {
    Fields o(options[i], element(fields.path("singleSelectOptions"), i), fields.problems());
    field.options.push_back({o.text("label", true), o.text("value", true)});
  }
  return field;
}

std::vector<FieldError> read_field_errors(Fields& fields) {
  std::vector<FieldError> errors;
  const json& list = fields.array("errors");
  for (std::size_t i = 0; i < list.size(); ++i) {
    Fields e(list[i], element("errors", i), fields.problems());
    errors.push_back({e.text("key", true), e.text("error", true)});
  }
  return errors;
}

std::optional<std::int64_t> read_score(Fields& fields) {
  const json* score = fields.find("score", false);
  if (score == nullptr) return std::nullopt;
  if (!score->is_number_integer()) {
    fields.problems().add(fields.path("score") + " must be an integer");
    return std::nullopt;
  }
  return score->get<std::int64_t>();
}

AssessmentUpdate read_update(Fields fields) {
  AssessmentUpdate update;
  update.external_identifier = fields.text("externalIdentifier", true);
  if (fields.find("status", false) != nullptr) {
    update.status = fields.text("status");
    if (!is_assessment_status(*update.status))
      fields.problems().add(fmt::format("{} \"{}\" is not a Pinpoint assessment status",
                                        fields.path("status"), *update.status));
  }
  update.score = read_score(fields);
  if (fields.find("externalLinks", false) != nullptr)
    update.external_links = read_links(fields, "externalLinks");
  return update;
}

}  // namespace

const PluginAction* PluginMeta::action(std::string_view key) const {
  const auto it = std::find_if(actions.begin(), actions.end(), [&](const auto& a) { return a.key == key; });
  return it == actions.end() ? nullptr : &*it;
}

const ConfigurationField* PluginMeta::field(std::string_view key) const {
  const auto it = std::find_if(configuration_fields.begin(), configuration_fields.end(),
                               [&](const auto& f) { return f.key == key; });
  return it == configuration_fields.end() ? nullptr : &*it;
}

Result<PluginMeta> parse_plugin_meta(const json& document) {
  Problems problems;
  Fields fields(document, "", problems);
  PluginMeta meta;
  meta.version = fields.text("version", true);
  meta.name = fields.text("name", true);
  if (!problems.any() && meta.name.empty()) problems.add("name must not be empty");
  const json& actions = fields.array("actions", true);
  for (std::size_t i = 0; i < actions.size(); ++i)
    meta.actions.push_back(read_action(Fields(actions[i], element("actions", i), problems)));
  meta.webhook_process_endpoint = fields.text("webhookProcessEndpoint");
  meta.webhook_authentication_header = fields.text("webhookAuthenticationHeader");
  const json& configuration = fields.array("configurationFormFields");
  for (std::size_t i = 0; i < configuration.size(); ++i)
    meta.configuration_fields.push_back(
        read_configuration_field(Fields(configuration[i], element("configurationFormFields", i), problems)));
  if (problems.any()) return problems.error("meta");
  return meta;
}

std::string plugin_header_name(std::string_view use_as_http_header) {
  std::string name(use_as_http_header);
  for (char& c : name) c = c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

std::string fill_mapping(std::string_view value_template, const MappingCandidate& candidate) {
  const std::array<std::pair<std::string_view, const std::string*>, 3> variables{
      {{"candidate_first_name", &candidate.first_name},
       {"candidate_last_name", &candidate.last_name},
       {"candidate_email", &candidate.email}}};
  std::string out;
  std::size_t at = 0;
  while (at < value_template.size()) {
    const auto open = value_template.find("{{", at);
    const auto close = open == std::string_view::npos ? open : value_template.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(value_template.substr(at, open - at));
    const auto name = value_template.substr(open + 2, close - open - 2);
    for (const auto& [variable, value] : variables)
      if (name == variable) out += *value;
    at = close + 2;
  }
  out.append(value_template.substr(std::min(at, value_template.size())));
  return out;
}

std::string plugin_endpoint_url(std::string_view base_url, std::string_view endpoint) {
  if (endpoint.starts_with("http://") || endpoint.starts_with("https://")) return std::string(endpoint);
  std::string url(base_url);
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (!endpoint.starts_with('/')) url += '/';
  url += endpoint;
  return url;
}

bool ActionForm::has_inputs() const {
  return std::any_of(fields.begin(), fields.end(), [](const FormField& f) { return !f.is_callout(); });
}

Result<ActionForm> parse_action_form(const json& document) {
  Problems problems;
  Fields fields(document, "", problems);
  ActionForm form;
  form.key = fields.text("key");
  form.label = fields.text("label");
  form.description = fields.text("description");
  form.submit_endpoint = fields.text("submitEndpoint");
  const json& list = fields.array("formFields", true);
  for (std::size_t i = 0; i < list.size(); ++i)
    form.fields.push_back(read_form_field(Fields(list[i], element("formFields", i), problems)));
  // A form of callouts only (a bad API key) has nothing to submit, so it needs no endpoint.
  if (!problems.any() && form.has_inputs() && form.submit_endpoint.empty())
    problems.add("submitEndpoint is missing");
  if (problems.any()) return problems.error("action form");
  return form;
}

Result<SubmitResult> parse_submit_result(const json& document) {
  Problems problems;
  Fields fields(document, "", problems);
  SubmitResult result;
  const json* success = fields.find("success", true);
  if (success != nullptr && !success->is_boolean()) problems.add("success must be true or false");
  result.success = success != nullptr && success->is_boolean() && success->get<bool>();
  result.message = fields.text("message");
  if (result.success) {
    result.assessment_name = fields.text("assessmentName", true);
    result.external_identifier = fields.text("externalIdentifier", true);
    result.status = fields.text("status");
    if (result.status.empty()) result.status = "pending";
    if (!is_assessment_status(result.status))
      problems.add(fmt::format("status \"{}\" is not a Pinpoint assessment status", result.status));
    result.external_record_url = fields.text("externalRecordUrl");
    result.external_links = read_links(fields, "externalLinks");
  } else {
    if (const json* toast = fields.find("toast", false))
      result.toast_error = Fields(*toast, "toast", problems).text("error");
    result.errors = read_field_errors(fields);
  }
  if (problems.any()) return problems.error("submit result");
  return result;
}

Result<std::vector<AssessmentUpdate>> parse_process_result(const json& document) {
  Problems problems;
  Fields fields(document, "", problems);
  const json* success = fields.find("success", true);
  if (problems.any()) return problems.error("webhook process result");
  if (!success->is_boolean() || !success->get<bool>())
    return Error{ErrorCode::upstream, "the plugin did not process the callback (success is not true)"};
  std::vector<AssessmentUpdate> updates;
  const json& list = fields.array("updateAssessments");
  for (std::size_t i = 0; i < list.size(); ++i)
    updates.push_back(read_update(Fields(list[i], element("updateAssessments", i), problems)));
  if (problems.any()) return problems.error("webhook process result");
  return updates;
}

bool is_assessment_status(std::string_view status) {
  constexpr std::array<std::string_view, 7> statuses{"pending", "not_started", "completed", "abandoned",
                                                     "failed",  "cancelled",   "archived"};
  return std::find(statuses.begin(), statuses.end(), status) != statuses.end();
}

json key_values(const std::vector<std::pair<std::string, std::string>>& pairs) {
  json out = json::array();
  for (const auto& [key, value] : pairs) out.push_back({{"key", key}, {"value", value}});
  return out;
}

}  // namespace pinbridge::sim
