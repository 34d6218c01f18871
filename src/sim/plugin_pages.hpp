#pragma once
// The simulated Pinpoint's web pages for integration plugins, rendered on the server from plain
// values (no database, no plugin calls here) with web::Html, which escapes every value. Every
// input has a <label for>, every button visible text, so browser tests select by role and label.
#include <map>
#include <string>
#include <vector>

#include "sim/pinpoint.hpp"
#include "sim/plugin_store.hpp"
#include "sim/plugins.hpp"
#include "web/html.hpp"

namespace pinbridge::sim {

// A line above a page's content: a confirmation or an error.
struct Notice {
  enum class Kind { none, success, error };
  Kind kind = Kind::none;
  std::string text;
  static Notice success(std::string text) { return {Kind::success, std::move(text)}; }
  static Notice error(std::string text) { return {Kind::error, std::move(text)}; }
};

// /ui/{company}
std::string ui_base(const Company& company);
// A path segment with everything but unreserved characters percent-encoded.
std::string url_segment(std::string_view text);
// The layout every page shares: title, navigation, the notice, then content.
std::string ui_page(const Company& company, std::string_view title, const Notice& notice,
                    std::string_view content);
// Writes notice as an alert (errors) or a status line (confirmations).
void render_notice(web::Html& html, const Notice& notice);

std::string plugins_page(const Company& company, const std::vector<StoredPlugin>& plugins,
                         const Notice& notice);
std::string applications_page(const Company& company, const std::vector<ApplicationCandidate>& candidates);

struct ProfileView {
  ApplicationCandidate candidate;
  std::vector<StoredPlugin> plugins;
  std::vector<PluginAssessment> assessments;
};
std::string profile_page(const Company& company, const ProfileView& view, const Notice& notice);

// The action's form as the plugin described it; after a failed submit, with the values typed in,
// the toast and the per-field errors.
struct ActionFormView {
  ApplicationCandidate candidate;
  OpenedForm opened;
  std::map<std::string, std::string> typed;  // by field key
  const SubmitResult* failure = nullptr;
};
std::string action_form_page(const Company& company, const ActionFormView& view, const Notice& notice);
// The page when the plugin could not produce a form (unreachable, not JSON, malformed).
std::string action_error_page(const Company& company, const ApplicationCandidate& candidate,
                              const Notice& notice);

// The URL of an action's form page for an application.
std::string action_path(const Company& company, std::int64_t application_id, std::int64_t plugin_id,
                        std::string_view action_key);

}  // namespace pinbridge::sim
