#include "sim/plugins.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/crypto.hpp"

namespace pinbridge::sim {
namespace {

using nlohmann::json;

bool is_http_url(std::string_view url) {
  return url.starts_with("http://") || url.starts_with("https://");
}

// A configuration value becomes an HTTP header: it must not be able to end the header line.
bool is_header_safe(std::string_view value) {
  return std::none_of(value.begin(), value.end(), [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

// The action-meta request: the mapping values filled from the candidate, both as formFields
// (the {"key","value"} shape of a submit) and as the mappings themselves with their labels.
json action_meta_request(const PluginAction& action, const MappingCandidate& candidate) {
  Pairs values;
  json mappings = json::array();
  for (const auto& m : action.mappings) {
    const auto value = fill_mapping(m.value, candidate);
    values.emplace_back(m.key, value);
    mappings.push_back({{"key", m.key}, {"label", m.label}, {"value", value}});
  }
  return {{"formFields", key_values(values)}, {"mappings", mappings}};
}

// The submitted fields in the form's order; read-only ones keep the value the plugin gave them.
Pairs submitted_fields(const ActionForm& form, const std::map<std::string, std::string>& values) {
  Pairs fields;
  for (const auto& field : form.fields) {
    if (field.is_callout()) continue;
    const auto it = values.find(field.key);
    const bool typed = !field.readonly && it != values.end();
    fields.emplace_back(field.key, typed ? it->second : field.value);
  }
  return fields;
}

bool same_target(const ActionTarget& a, const ActionTarget& b) {
  return a.company_id == b.company_id && a.application_id == b.application_id && a.plugin_id == b.plugin_id &&
         a.action_key == b.action_key;
}

PluginAssessment record_of(const OpenedForm& opened, const SubmitResult& result) {
  PluginAssessment record;
  record.company_id = opened.target.company_id;
  record.application_id = opened.target.application_id;
  record.plugin_id = opened.target.plugin_id;
  record.action_key = opened.target.action_key;
  record.callback_uuid = opened.callback_uuid;
  record.assessment_name = result.assessment_name;
  record.status = result.status;
  record.external_identifier = result.external_identifier;
  record.external_record_url = result.external_record_url;
  record.external_links = result.external_links;
  record.message = result.message;
  return record;
}

}  // namespace

Plugins::Plugins(store::Database& database, const Clock& clock, std::chrono::milliseconds timeout,
                 std::function<std::string()> public_url)
    : database_(database), clock_(clock), client_(timeout), public_url_(std::move(public_url)) {}

Result<json> Plugins::call(const StoredPlugin& plugin, std::string_view endpoint, json body,
                           const Pairs& extra_headers) const {
  return client_.post(plugin_endpoint_url(plugin.base_url, endpoint), std::move(body),
                      plugin_credentials(plugin.meta, plugin.configuration), extra_headers);
}

Result<PluginMeta> Plugins::fetch_meta(const std::string& base_url, const PluginCredentials& credentials,
                                       json& document) const {
  auto answer = client_.post(base_url, json::object(), credentials);
  if (!answer) return answer.error();
  auto meta = parse_plugin_meta(*answer);
  if (meta) document = std::move(*answer);
  return meta;
}

Result<RegisteredPlugin> Plugins::register_plugin(std::int64_t company_id, const std::string& base_url) {
  if (!is_http_url(base_url)) return Error::invalid("the plugin URL must start with http:// or https://");
  const auto existing = database_.read(
      [&](store::Connection& c) { return PluginStore(c).plugin_by_url(company_id, base_url); });
  // A plugin registered already gets its configuration on this call too, as on every call.
  const auto credentials =
      existing ? plugin_credentials(existing->meta, existing->configuration) : PluginCredentials{};
  json document;
  const auto meta = fetch_meta(base_url, credentials, document);
  if (!meta) return meta.error();
  return database_.write([&](store::Connection& c) {
    PluginStore store(c);
    const bool created = store.save_plugin(company_id, base_url, document, meta->name, now_ms());
    return RegisteredPlugin{*store.plugin_by_url(company_id, base_url), created};
  });
}

Result<StoredPlugin> Plugins::refresh(std::int64_t company_id, std::int64_t plugin_id) {
  const auto plugin =
      database_.read([&](store::Connection& c) { return PluginStore(c).plugin(company_id, plugin_id); });
  if (!plugin) return Error::not_found("no such plugin");
  json document;
  const auto meta =
      fetch_meta(plugin->base_url, plugin_credentials(plugin->meta, plugin->configuration), document);
  if (!meta) return meta.error();
  return database_.write([&](store::Connection& c) {
    PluginStore store(c);
    store.update_meta(*plugin, document, now_ms());
    return *store.plugin(company_id, plugin_id);
  });
}

Result<StoredPlugin> Plugins::configure(std::int64_t company_id, std::int64_t plugin_id,
                                        const std::map<std::string, std::string>& values,
                                        bool keep_blank_secrets) {
  return database_.write([&](store::Connection& c) -> Result<StoredPlugin> {
    PluginStore store(c);
    auto plugin = store.plugin(company_id, plugin_id);
    if (!plugin) return Error::not_found("no such plugin");
    auto configuration = plugin->configuration;
    for (const auto& [key, value] : values) {
      const auto* field = plugin->meta.field(key);
      if (field == nullptr)
        return Error::invalid(fmt::format("the plugin has no configuration field \"{}\"", key));
      if (!is_header_safe(value)) return Error::invalid(field->label + " must not contain line breaks");
      if (value.empty() && field->sensitive && keep_blank_secrets) continue;
      configuration[key] = value;
    }
    store.update_configuration(*plugin, configuration, now_ms());
    return *store.plugin(company_id, plugin_id);
  });
}

Result<Plugins::ActionContext> Plugins::action_context(const ActionTarget& target) {
  return database_.read([&](store::Connection& c) -> Result<ActionContext> {
    PluginStore store(c);
    auto candidate = store.candidate(target.company_id, target.application_id);
    if (!candidate) return Error::not_found("no such application");
    auto plugin = store.plugin(target.company_id, target.plugin_id);
    if (!plugin) return Error::not_found("no such plugin");
    return ActionContext{std::move(*plugin), std::move(*candidate)};
  });
}

Result<OpenedForm> Plugins::open_action(const ActionTarget& target) {
  auto context = action_context(target);
  if (!context) return context.error();
  const auto* action = context->plugin.meta.action(target.action_key);
  if (action == nullptr)
    return Error::not_found(fmt::format("the plugin has no action \"{}\"", target.action_key));
  const auto answer = call(context->plugin, action->meta_endpoint,
                           action_meta_request(*action, context->candidate.mapping()));
  if (!answer) return answer.error();
  auto form = parse_action_form(*answer);
  if (!form) return form.error();
  OpenedForm opened{target, new_callback_uuid(), std::move(*form)};
  remember(opened);
  return opened;
}

Result<SubmitOutcome> Plugins::submit(const ActionTarget& target, const std::string& callback_uuid,
                                      const std::map<std::string, std::string>& values) {
  auto opened = opened_form(callback_uuid);
  if (!opened || !same_target(opened->target, target))
    return Error::not_found("this form is no longer open: choose the action again");
  auto context = action_context(target);
  if (!context) return context.error();
  const json body{{"formFields", key_values(submitted_fields(opened->form, values))},
                  {"webhookUrl", callback_url(callback_uuid)},
                  {"generatedUuidRedirectUrl", redirect_url(callback_uuid)}};
  const auto answer = call(context->plugin, opened->form.submit_endpoint, body);
  if (!answer) return answer.error();
  auto result = parse_submit_result(*answer);
  if (!result) return result.error();
  SubmitOutcome outcome{std::move(*opened), std::move(*result), 0};
  if (outcome.result.success)
    outcome.record = database_.write([&](store::Connection& c) {
      return PluginStore(c).save_assessment(record_of(outcome.opened, outcome.result), now_ms());
    });
  return outcome;
}

void Plugins::remember(const OpenedForm& opened) {
  std::lock_guard lock(forms_mutex_);
  open_forms_[opened.callback_uuid] = opened;
  open_order_.push_back(opened.callback_uuid);
  while (open_order_.size() > max_open_forms) {
    open_forms_.erase(open_order_.front());
    open_order_.pop_front();
  }
}

std::optional<OpenedForm> Plugins::opened_form(const std::string& callback_uuid) const {
  std::lock_guard lock(forms_mutex_);
  const auto it = open_forms_.find(callback_uuid);
  if (it == open_forms_.end()) return std::nullopt;
  return it->second;
}

void Plugins::forget_open_forms() {
  std::lock_guard lock(forms_mutex_);
  open_forms_.clear();
  open_order_.clear();
}

std::string Plugins::callback_url(const std::string& callback_uuid) const {
  return public_url_() + "/plugin_callbacks/" + callback_uuid;
}

std::string Plugins::redirect_url(const std::string& callback_uuid) const {
  return public_url_() + "/plugin_redirects/" + callback_uuid;
}

std::string Plugins::new_callback_uuid() {
  const auto hex = crypto::sha256_hex(crypto::random_token(32));
  return fmt::format("{}-{}-4{}-a{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(13, 3),
                     hex.substr(17, 3), hex.substr(20, 12));
}

bool Plugins::is_callback_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    const char c = text[i];
    if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace pinbridge::sim
