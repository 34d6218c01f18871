#include "sim/plugin_store.hpp"

#include "sim/plugin_sql.hpp"

namespace pinbridge::sim {
namespace {

using nlohmann::json;

json parse_or(const std::string& text, const json& fallback) {
  auto parsed = json::parse(text, nullptr, false);
  return parsed.is_discarded() ? fallback : parsed;
}

// Columns of select_plugin / select_company_plugins.
StoredPlugin plugin_from(const store::Row& r) {
  StoredPlugin p;
  p.id = r.integer(0);
  p.company_id = r.integer(1);
  p.base_url = r.text(2);
  p.meta_document = parse_or(r.text(3), json::object());
  if (auto meta = parse_plugin_meta(p.meta_document)) p.meta = std::move(*meta);
  const auto configuration = parse_or(r.text(4), json::object());
  for (const auto& [key, value] : configuration.items())
    if (value.is_string()) p.configuration[key] = value.get<std::string>();
  p.created_at_ms = r.integer(5);
  p.updated_at_ms = r.integer(6);
  return p;
}

// Columns of the select_*plugin_assessment* statements.
PluginAssessment assessment_from(const store::Row& r) {
  PluginAssessment a;
  a.id = r.integer(0);
  a.company_id = r.integer(1);
  a.application_id = r.integer(2);
  a.plugin_id = r.integer(3);
  a.action_key = r.text(4);
  a.callback_uuid = r.text(5);
  a.assessment_name = r.text(6);
  a.status = r.text(7);
  a.score = r.optional_integer(8);
  a.external_identifier = r.text(9);
  a.external_record_url = r.text(10);
  a.external_links = parse_or(r.text(11), json::array());
  a.message = r.text(12);
  a.created_at_ms = r.integer(13);
  a.updated_at_ms = r.integer(14);
  return a;
}

ApplicationCandidate candidate_from(const store::Row& r) {
  return {r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4)};
}

template <typename T, typename F>
std::vector<T> all(const store::Rows& rows, F&& from) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(from(r));
  return out;
}

}  // namespace

bool PluginStore::save_plugin(std::int64_t company_id, const std::string& base_url, const json& meta,
                              const std::string& name, std::int64_t now_ms) {
  const bool existed = c_.query_one(sql::select_plugin_id_by_url, {company_id, base_url}).has_value();
  c_.execute(sql::upsert_plugin, {company_id, base_url, name, meta.dump(), now_ms});
  return !existed;
}

std::optional<StoredPlugin> PluginStore::plugin_by_url(std::int64_t company_id, const std::string& base_url) {
  const auto row = c_.query_one(sql::select_plugin_id_by_url, {company_id, base_url});
  if (!row) return std::nullopt;
  return plugin(company_id, row->integer(0));
}

std::optional<StoredPlugin> PluginStore::plugin(std::int64_t company_id, std::int64_t plugin_id) {
  const auto row = c_.query_one(sql::select_plugin, {company_id, plugin_id});
  if (!row) return std::nullopt;
  return plugin_from(*row);
}

std::vector<StoredPlugin> PluginStore::plugins(std::int64_t company_id) {
  return all<StoredPlugin>(c_.query(sql::select_company_plugins, {company_id}), plugin_from);
}

void PluginStore::update_meta(const StoredPlugin& plugin, const json& meta, std::int64_t now_ms) {
  c_.execute(sql::update_plugin_meta,
             {plugin.company_id, plugin.id, meta.value("name", plugin.meta.name), meta.dump(), now_ms});
}

void PluginStore::update_configuration(const StoredPlugin& plugin,
                                       const std::map<std::string, std::string>& values,
                                       std::int64_t now_ms) {
  c_.execute(sql::update_plugin_configuration, {plugin.company_id, plugin.id, json(values).dump(), now_ms});
}

std::int64_t PluginStore::save_assessment(const PluginAssessment& a, std::int64_t now_ms) {
  c_.execute(
      sql::upsert_plugin_assessment,
      {a.company_id, a.application_id, a.plugin_id, a.action_key, a.callback_uuid, a.assessment_name,
       a.status, a.external_identifier, a.external_record_url, a.external_links.dump(), a.message, now_ms});
  return assessment_by_uuid(a.callback_uuid)->id;
}

std::optional<PluginAssessment> PluginStore::assessment_by_uuid(const std::string& callback_uuid) {
  const auto row = c_.query_one(sql::select_plugin_assessment_by_uuid, {callback_uuid});
  if (!row) return std::nullopt;
  return assessment_from(*row);
}

std::vector<PluginAssessment> PluginStore::assessments(std::int64_t company_id) {
  return all<PluginAssessment>(c_.query(sql::select_company_plugin_assessments, {company_id}),
                               assessment_from);
}

std::vector<PluginAssessment> PluginStore::application_assessments(std::int64_t company_id,
                                                                   std::int64_t application_id) {
  return all<PluginAssessment>(
      c_.query(sql::select_application_plugin_assessments, {company_id, application_id}), assessment_from);
}

std::int64_t PluginStore::apply_update(std::int64_t company_id, std::int64_t plugin_id,
                                       const AssessmentUpdate& u, std::int64_t now_ms) {
  const store::Value status = u.status ? store::Value{*u.status} : store::Value{nullptr};
  const store::Value score = u.score ? store::Value{*u.score} : store::Value{nullptr};
  const store::Value links =
      u.external_links ? store::Value{u.external_links->dump()} : store::Value{nullptr};
  return c_.execute(sql::apply_plugin_assessment_update,
                    {company_id, plugin_id, u.external_identifier, status, score, links, now_ms});
}

void PluginStore::add_callback_attempt(const CallbackAttempt& a) {
  c_.execute(sql::insert_plugin_callback_attempt,
             {a.callback_uuid, std::int64_t{a.status},
              a.error.empty() ? store::Value{nullptr} : store::Value{a.error}, a.duration_ms, a.at_ms});
}

std::vector<CallbackAttempt> PluginStore::callback_attempts() {
  return all<CallbackAttempt>(c_.query(sql::select_plugin_callback_attempts), [](const store::Row& r) {
    return CallbackAttempt{r.text(1), static_cast<int>(r.integer(2)), r.text(3), r.integer(4), r.integer(5)};
  });
}

std::optional<ApplicationCandidate> PluginStore::candidate(std::int64_t company_id,
                                                           std::int64_t application_id) {
  const auto row = c_.query_one(sql::select_application_candidate, {company_id, application_id});
  if (!row) return std::nullopt;
  return candidate_from(*row);
}

std::vector<ApplicationCandidate> PluginStore::candidates(std::int64_t company_id) {
  return all<ApplicationCandidate>(c_.query(sql::select_company_application_candidates, {company_id}),
                                   candidate_from);
}

}  // namespace pinbridge::sim
