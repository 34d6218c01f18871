#pragma once
// Reads and writes of the plugin tables, on the caller's connection and transaction. Every
// look-up carries the company id, so one company never reaches another's plugins or records.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/plugin_protocol.hpp"
#include "store/database.hpp"

namespace pinbridge::sim {

struct StoredPlugin {
  std::int64_t id = 0;
  std::int64_t company_id = 0;
  std::string base_url;
  nlohmann::json meta_document;  // as the plugin sent it
  PluginMeta meta;               // parsed (it was checked when stored)
  std::map<std::string, std::string> configuration;
  std::int64_t created_at_ms = 0;
  std::int64_t updated_at_ms = 0;
};

struct PluginAssessment {
  std::int64_t id = 0;
  std::int64_t company_id = 0;
  std::int64_t application_id = 0;
  std::int64_t plugin_id = 0;
  std::string action_key, callback_uuid, assessment_name, status;
  std::optional<std::int64_t> score;
  std::string external_identifier, external_record_url;
  nlohmann::json external_links = nlohmann::json::array();
  std::string message;
  std::int64_t created_at_ms = 0;
  std::int64_t updated_at_ms = 0;
};

struct CallbackAttempt {
  std::string callback_uuid;
  int status = 0;
  std::string error;  // "" when the attempt succeeded
  std::int64_t duration_ms = 0;
  std::int64_t at_ms = 0;
};

// The candidate behind an application, as the profile page and the mappings see it.
struct ApplicationCandidate {
  std::int64_t application_id = 0;
  std::string first_name, last_name, email, job_title;
  MappingCandidate mapping() const { return {first_name, last_name, email}; }
};

class PluginStore {
 public:
  explicit PluginStore(store::Connection& connection) : c_(connection) {}

  // Inserts, or refreshes the meta of the company's plugin at that URL; true when it inserted.
  bool save_plugin(std::int64_t company_id, const std::string& base_url, const nlohmann::json& meta,
                   const std::string& name, std::int64_t now_ms);
  std::optional<StoredPlugin> plugin_by_url(std::int64_t company_id, const std::string& base_url);
  std::optional<StoredPlugin> plugin(std::int64_t company_id, std::int64_t plugin_id);
  std::vector<StoredPlugin> plugins(std::int64_t company_id);
  void update_meta(const StoredPlugin& plugin, const nlohmann::json& meta, std::int64_t now_ms);
  void update_configuration(const StoredPlugin& plugin, const std::map<std::string, std::string>& values,
                            std::int64_t now_ms);

  // Inserts the record, or updates the one with the same callback uuid; returns its id.
  std::int64_t save_assessment(const PluginAssessment& record, std::int64_t now_ms);
  std::optional<PluginAssessment> assessment_by_uuid(const std::string& callback_uuid);
  std::vector<PluginAssessment> assessments(std::int64_t company_id);
  std::vector<PluginAssessment> application_assessments(std::int64_t company_id, std::int64_t application_id);
  // Applies one update to the plugin's records with that external id; returns how many changed.
  std::int64_t apply_update(std::int64_t company_id, std::int64_t plugin_id, const AssessmentUpdate& update,
                            std::int64_t now_ms);

  void add_callback_attempt(const CallbackAttempt& attempt);
  std::vector<CallbackAttempt> callback_attempts();

  std::optional<ApplicationCandidate> candidate(std::int64_t company_id, std::int64_t application_id);
  std::vector<ApplicationCandidate> candidates(std::int64_t company_id);

 private:
  store::Connection& c_;
};

}  // namespace pinbridge::sim
