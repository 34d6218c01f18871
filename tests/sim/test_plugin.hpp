#pragma once
// A small integration plugin that speaks the protocol of shared/spec/pinpoint-plugin.md, for
// pinpoint-sim's plugin tests. It runs the repo's HTTP server on port 0 under the path /plugin (so
// the simulator must keep a base URL's path), records every request it gets, and answers as a
// plugin would: its meta; an assessment form checked against the API key header (a danger callout
// when the key is wrong); submits that fail with a toast and field errors or create an invitation
// (one per webhookUrl); and webhook processing that verifies a hex HMAC-SHA256 of the body keyed
// with the API key. Tests change the meta and force raw answers through the setters.
#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/crypto.hpp"
#include "http/server.hpp"

namespace pinbridge::testing {

struct PluginRequest {
  std::string path;
  std::vector<std::pair<std::string, std::string>> headers;  // names exactly as they arrived
  std::string body;
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
  // The header with exactly this name (case and '_' included), if it arrived.
  std::optional<std::string> exact_header(const std::string& name) const {
    for (const auto& [n, v] : headers)
      if (n == name) return v;
    return std::nullopt;
  }
};

struct RawAnswer {
  int status = 200;
  std::string body;
};

class TestPlugin {
 public:
  static constexpr const char* api_key = "pk_test_key 123";
  static constexpr const char* action_label = "Invite to Pinbridge Assessment";

  TestPlugin() {
    http::Router router;
    route(router, "/plugin", [this](const PluginRequest&) { return meta_.dump(); });
    route(router, "/plugin/create-assessment/meta",
          [this](const PluginRequest& r) { return form(r).dump(); });
    route(router, "/plugin/create-assessment/submit",
          [this](const PluginRequest& r) { return submit(r).dump(); });
    route(router, "/plugin/webhook/process", [this](const PluginRequest& r) { return process(r).dump(); });
    http::ServerSettings settings;
    settings.port = 0;
    server_ = std::make_unique<http::Server>(settings, std::move(router));
    server_->start();
  }
  ~TestPlugin() { server_->shutdown(); }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(server_->port()) + "/plugin"; }

  static nlohmann::json default_meta() {
    return {{"version", "1.0.0"},
            {"name", "Pinbridge Assessments"},
            {"logoBase64", "data:image/png;base64,AAAA"},
            {"actions",
             {{{"key", "createAssessment"},
               {"label", action_label},
               {"metaEndpoint", "/create-assessment/meta"},
               {"mappings",
                {{{"key", "firstName"}, {"label", "First Name"}, {"value", "{{candidate_first_name}}"}},
                 {{"key", "lastName"}, {"label", "Last Name"}, {"value", "{{candidate_last_name}}"}},
                 {{"key", "email"}, {"label", "Email"}, {"value", "{{candidate_email}}"}}}}}}},
            {"webhookProcessEndpoint", "/webhook/process"},
            {"webhookAuthenticationHeader", "X-Pinbridge-Signature"},
            {"configurationFormFields",
             {{{"key", "apiKey"},
               {"label", "Pinbridge API Key"},
               {"type", "string"},
               {"required", true},
               {"sensitive", true},
               {"useAsHttpHeader", "X-Pinbridge-Api-Key"}}}}};
  }

  void set_meta(nlohmann::json meta) {
    std::lock_guard lock(mutex_);
    meta_ = std::move(meta);
  }
  // Every later request to path gets this answer instead of the protocol's.
  void force(const std::string& path, RawAnswer answer) {
    std::lock_guard lock(mutex_);
    forced_[path] = std::move(answer);
  }
  void unforce(const std::string& path) {
    std::lock_guard lock(mutex_);
    forced_.erase(path);
  }
  // The label of the first assessment in the form (to test escaping).
  void set_assessment_label(std::string label) {
    std::lock_guard lock(mutex_);
    assessment_label_ = std::move(label);
  }
  std::vector<PluginRequest> received(const std::string& path) {
    std::lock_guard lock(mutex_);
    std::vector<PluginRequest> out;
    std::copy_if(received_.begin(), received_.end(), std::back_inserter(out),
                 [&](const auto& r) { return r.path == path; });
    return out;
  }

  // Pinbridge's side of a callback: the hex HMAC-SHA256 of the body keyed with the API key.
  static std::string signature(const std::string& body) {
    return crypto::to_hex(crypto::hmac_sha256(api_key, body));
  }

 private:
  using Answer = std::function<std::string(const PluginRequest&)>;

  void route(http::Router& router, const std::string& path, Answer answer) {
    router.post(path, [this, path, answer](http::Request& request) {
      PluginRequest r{path, {request.headers.begin(), request.headers.end()}, request.body};
      std::lock_guard lock(mutex_);  // the answers read the knobs and the invitations
      received_.push_back(r);
      if (const auto it = forced_.find(path); it != forced_.end())
        return http::Response::text(it->second.status, it->second.body, "application/json");
      return http::Response::text(200, answer(r), "application/json");
    });
  }

  // The configured API key, from the header as the spec says plugins must match it:
  // case-insensitively and with '_' and '-' alike.
  static std::optional<std::string> key_header(const PluginRequest& r) {
    const auto normal = [](std::string name) {
      for (char& c : name)
        c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return name;
    };
    for (const auto& [name, value] : r.headers)
      if (normal(name) == "x-pinbridge-api-key") return value;
    return std::nullopt;
  }

  static std::map<std::string, std::string> form_values(const nlohmann::json& body) {
    std::map<std::string, std::string> values;
    for (const auto& f : body.value("formFields", nlohmann::json::array()))
      values[f.value("key", "")] = f.value("value", "");
    return values;
  }

  nlohmann::json form(const PluginRequest& r) const {
    if (key_header(r) != std::string(api_key))
      return {{"actionVersion", "1.0.0"},
              {"key", "createAssessment"},
              {"label", action_label},
              {"formFields",
               {{{"key", "error"},
                 {"label", "Pinbridge is not connected"},
                 {"type", "callout"},
                 {"intent", "danger"},
                 {"description",
                  "The Pinbridge API key is missing or invalid. Check it in the plugin settings."}}}}};
    const auto values = form_values(r.json());
    const auto readonly = [&](const char* key, const char* label) {
      return nlohmann::json{{"key", key},       {"label", label},
                            {"type", "string"}, {"required", true},
                            {"readonly", true}, {"value", values.count(key) ? values.at(key) : ""}};
    };
    return {{"actionVersion", "1.0.0"},
            {"key", "createAssessment"},
            {"label", action_label},
            {"description", "Sends the candidate an invitation to an assessment"},
            {"formFields",
             {{{"key", "assessmentId"},
               {"label", "Assessment"},
               {"type", "string"},
               {"required", true},
               {"placeholder", "Select an assessment..."},
               {"singleSelectOptions",
                {{{"label", assessment_label_}, {"value", "as_123"}},
                 {{"label", "Frontend screen"}, {"value", "as_456"}}}}},
              readonly("firstName", "First Name"),
              readonly("lastName", "Last Name"),
              readonly("email", "Email")}},
            {"submitEndpoint", "/create-assessment/submit"}};
  }

  nlohmann::json submit(const PluginRequest& r) {
    const auto body = r.json();
    auto values = form_values(body);
    nlohmann::json failure{{"resultVersion", "1.0.0"}, {"key", "createAssessment"}, {"success", false}};
    if (key_header(r) != std::string(api_key)) {
      failure["toast"] = {{"error", "Invalid API key"}};
      return failure;
    }
    if (values["assessmentId"].empty()) {
      failure["toast"] = {{"error", "Please choose an assessment"}};
      failure["errors"] = {{{"key", "assessmentId"}, {"error", "can't be blank"}}};
      return failure;
    }
    const auto webhook_url = body.value("webhookUrl", "");
    auto& id = invitations_[webhook_url];  // the same webhookUrl is the same invitation
    if (id.empty()) id = "inv_" + std::to_string(invitations_.size());
    const auto name =
        values.at("assessmentId") == "as_123" ? assessment_label_ : std::string("Frontend screen");
    const auto report = "https://pinbridge.test/reports/" + id;
    return {{"resultVersion", "1.0.0"},
            {"key", "createAssessment"},
            {"success", true},
            {"assessmentName", name},
            {"message", values["firstName"] + " " + values["lastName"] + " was invited to " + name},
            {"status", "pending"},
            {"externalIdentifier", id},
            {"externalRecordUrl", report},
            {"externalLinks", {{{"key", "report"}, {"label", "Report"}, {"url", report}}}}};
  }

  nlohmann::json process(const PluginRequest& r) const {
    const auto forwarded = r.json();
    const auto headers = forwarded.value("headers", nlohmann::json::object());
    const auto body = forwarded.value("body", "");
    if (headers.value("x-pinbridge-signature", "") != signature(body))
      return {{"resultVersion", "1.0.0"}, {"success", false}, {"error", "bad signature"}};
    const auto event = nlohmann::json::parse(body, nullptr, false);
    if (!event.is_object())
      return {{"resultVersion", "1.0.0"}, {"success", false}, {"error", "body is not JSON"}};
    const auto id = event.value("externalIdentifier", "");
    const auto report = "https://pinbridge.test/reports/" + id;
    return {{"resultVersion", "1.0.0"},
            {"success", true},
            {"updateAssessments",
             {{{"externalIdentifier", id},
               {"status", "completed"},
               {"score", event.contains("score") ? event["score"] : nlohmann::json(0)},
               {"shouldNotify", true},
               {"externalLinks",
                {{{"key", "report"}, {"label", "Report"}, {"url", event.value("report_url", report)}}}}}}}};
  }

  std::mutex mutex_;
  nlohmann::json meta_ = default_meta();
  std::map<std::string, RawAnswer> forced_;
  std::string assessment_label_ = "Backend screen";
  std::map<std::string, std::string> invitations_;  // webhookUrl -> externalIdentifier
  std::vector<PluginRequest> received_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace pinbridge::testing
