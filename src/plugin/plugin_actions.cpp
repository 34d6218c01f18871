#include "plugin/plugin_actions.hpp"

#include <fmt/format.h>

#include "assessments/text.hpp"
#include "core/crypto.hpp"
#include "core/text.hpp"
#include "plugin/references.hpp"

namespace pinbridge::plugin {
namespace {

using nlohmann::json;

constexpr std::string_view settings_hint =
    "Copy the key from Pinbridge (Integrations, Pinpoint Plugin) into Pinpoint: Settings, Integrations, "
    "Pinbridge Assessments, \"Pinbridge API Key\".";
constexpr std::size_t max_url_chars = 2000;

std::optional<std::string> presented_key(const http::Headers& headers, const json& body) {
  if (auto header = find_header(headers, api_key_header); header && !header->empty()) return header;
  const auto values = key_values(body.value("configurationValues", json::array()));
  const auto found = values.find(std::string(api_key_field));
  if (found != values.end() && !found->second.empty()) return found->second;
  return std::nullopt;
}

// The invitation's identity for one Pinpoint record: Pinpoint gives each record its own
// webhookUrl, so the same form submitted twice names the same URL and finds the same invitation.
std::string submission_ref(const std::string& webhook_url) {
  return "pinpoint-plugin:" + crypto::sha256_hex(webhook_url).substr(0, 32);
}

bool is_http_url(const std::string& url) {
  return url.size() <= max_url_chars && (url.starts_with("https://") || url.starts_with("http://"));
}

// The form's values as the recruiter saw them; `errors` collects what is wrong with each.
struct SubmittedForm {
  std::optional<std::int64_t> assessment_id;
  std::string first_name, last_name, email, webhook_url;
};

SubmittedForm read_form(const json& request) {
  const auto fields = key_values(request.value("formFields", json::array()));
  const auto field = [&](const char* key) {
    const auto it = fields.find(key);
    return it == fields.end() ? std::string() : assessments::trim(it->second);
  };
  SubmittedForm form{parse_assessment_reference(field("assessmentId")), field("firstName"), field("lastName"),
                     field("email"), ""};
  const auto url = request.find("webhookUrl");
  if (url != request.end() && url->is_string()) form.webhook_url = url->get<std::string>();
  return form;
}

// The pre-filled values of the action meta request: formFields, else the mappings' values.
Candidate prefilled(const json& request) {
  auto values = key_values(request.value("formFields", json::array()));
  if (values.empty()) values = key_values(request.value("mappings", json::array()));
  return {values["firstName"], values["lastName"], values["email"]};
}

}  // namespace

std::string callback_signature(const Secret& key, std::string_view body) {
  return crypto::to_hex(crypto::hmac_sha256(key.reveal(), body));
}

PluginActions::PluginActions(PluginKeyStore& keys, accounts::AccountStore& accounts,
                             assessments::AssessmentStore& assessments, assessments::Invitations& invitations,
                             const assessments::Links& links)
    : keys_(keys), accounts_(accounts), assessments_(assessments), invitations_(invitations), links_(links) {}

Result<Caller> PluginActions::authenticate(const http::Headers& headers, const json& body) {
  const auto presented = presented_key(headers, body);
  if (!presented) return Error::unauthorized(fmt::format("No Pinbridge API Key was sent. {}", settings_hint));
  Secret key(*presented);
  const auto account_id = keys_.account_for(key);
  if (!account_id)
    return Error::unauthorized(
        fmt::format("The Pinbridge API Key is not valid (it may have been rotated). {}", settings_hint));
  if (!accounts_.has_addon(*account_id, accounts::Addon::api))
    return Error::forbidden(
        "The Pinbridge account of this key does not have the API add-on, which the Pinpoint plugin needs. "
        "Ask "
        "your Pinbridge administrator to enable it.");
  return Caller{*account_id, std::move(key)};
}

json PluginActions::action_form(const Caller& caller, const json& request) {
  std::vector<SelectOption> options;
  for (const auto& assessment : assessments_.list(caller.account_id, false))
    options.push_back({assessment.content.name, assessment_reference(assessment.id)});
  if (options.empty())
    return callout_form(
        "This Pinbridge account has no active assessment yet. Create one in Pinbridge "
        "(Assessments, New assessment), then open this form again.");
  return plugin::action_form(options, prefilled(request));
}

json PluginActions::submit(const Caller& caller, const json& request) {
  const auto form = read_form(request);
  std::vector<FieldError> errors;
  std::optional<assessments::Assessment> assessment;
  if (form.assessment_id) assessment = assessments_.find(caller.account_id, *form.assessment_id);
  if (!assessment)
    errors.push_back({"assessmentId", "is not one of this account's assessments"});
  else if (assessment->status == assessments::AssessmentStatus::archived)
    errors.push_back({"assessmentId", "is archived; choose an active assessment"});
  if (form.first_name.empty()) errors.push_back({"firstName", "can't be blank"});
  if (form.last_name.empty()) errors.push_back({"lastName", "can't be blank"});
  if (!accounts::normalize_email(form.email)) errors.push_back({"email", "is invalid"});
  if (!errors.empty()) return submit_failure("Please correct the highlighted fields.", errors);
  if (!is_http_url(form.webhook_url))
    return submit_failure("Pinpoint sent no valid webhookUrl, so results could not be reported back.");
  assessments::InviteRequest invite_request;
  invite_request.account_id = caller.account_id;
  invite_request.assessment_id = assessment->id;
  invite_request.candidate_name = form.first_name + " " + form.last_name;
  invite_request.candidate_email = form.email;
  invite_request.external_ref = submission_ref(form.webhook_url);
  invite_request.source = assessments::InvitationSource::plugin;
  invite_request.callback_url = form.webhook_url;
  return invite(invite_request);
}

json PluginActions::invite(const assessments::InviteRequest& request) {
  const auto invited = invitations_.invite(request);
  if (!invited) return submit_failure(invited.error().message);
  const auto& invitation = invited->invitation;
  const auto assessment = assessments_.find(invitation.account_id, invitation.assessment_id);
  const std::string name = assessment ? assessment->content.name : "the assessment";
  Submitted submitted;
  submitted.assessment_name = name;
  submitted.message = fmt::format("{} was invited to {}", invitation.candidate_name, name);
  submitted.status = std::string(pinpoint_status(invitation.status));
  submitted.external_identifier = invitation_reference(invitation.id);
  submitted.external_record_url = links_.report(invitation.id);
  submitted.links = report_links(invitation.id);
  return submit_success(submitted);
}

std::vector<Link> PluginActions::report_links(std::int64_t invitation_id) const {
  return {{"report", "Report", links_.report(invitation_id)}};
}

json PluginActions::process(const Caller& caller, const json& request, const http::Headers& headers) {
  const auto body = request.find("body");
  if (body == request.end() || !body->is_string())
    return process_failure("The request has no body to verify.");
  auto signature = find_header(request.value("headers", json::object()), signature_header);
  if (!signature) signature = find_header(headers, signature_header);
  if (signature) *signature = ascii_lower(*signature);  // hex digits in either case
  const std::string& payload = body->get_ref<const std::string&>();
  if (!signature || !crypto::constant_time_equals(callback_signature(caller.key, payload), *signature))
    return process_failure("The X-Pinbridge-Signature does not match the body for this account's key.");
  const auto notice = json::parse(payload, nullptr, false);
  const auto reference = notice.is_object() ? notice.value("externalIdentifier", json()) : json();
  const auto id =
      reference.is_string() ? parse_invitation_reference(reference.get<std::string>()) : std::nullopt;
  const auto invitation = id ? invitations_.find(caller.account_id, *id) : std::nullopt;
  if (!invitation) return process_failure("The notice names no assessment of this Pinbridge account.");
  AssessmentUpdate update;
  update.external_identifier = invitation_reference(invitation->id);
  update.status = std::string(pinpoint_status(invitation->status));
  if (const auto result = invitations_.latest_result(caller.account_id, invitation->id))
    update.score = result->grade.score;
  update.should_notify = update.status != "pending";
  update.links = report_links(invitation->id);
  return process_success({update});
}

}  // namespace pinbridge::plugin
