#pragma once
// What the plugin does for each protocol call, once the HTTP layer has parsed the JSON body: who
// is calling (the account whose current Plugin API Key was presented, with the API add-on), the
// action form, the submit that invites the candidate, and the webhook process that answers with
// the current state of the invitation a signed callback names. Expected failures are the
// protocol's own error documents, never exceptions.
#include <cstdint>
#include <nlohmann/json.hpp>

#include "accounts/account_store.hpp"
#include "assessments/invitations.hpp"
#include "core/result.hpp"
#include "http/message.hpp"
#include "plugin/plugin_keys.hpp"
#include "plugin/protocol.hpp"

namespace pinbridge::plugin {

// The account a call acts for, and the key it presented (its current key).
struct Caller {
  std::int64_t account_id = 0;
  Secret key;
};

// The hex HMAC-SHA256 of body keyed with the plugin key: the X-Pinbridge-Signature of a callback.
std::string callback_signature(const Secret& key, std::string_view body);

class PluginActions {
 public:
  PluginActions(PluginKeyStore& keys, accounts::AccountStore& accounts,
                assessments::AssessmentStore& assessments, assessments::Invitations& invitations,
                const assessments::Links& links);

  // The key comes as the X-Pinbridge-Api-Key header (any case, '_' for '-') or as the apiKey
  // configuration value; the header wins when both are sent. The error's message is for the
  // recruiter: what is wrong and where to fix it.
  Result<Caller> authenticate(const http::Headers& headers, const nlohmann::json& body);

  nlohmann::json action_form(const Caller& caller, const nlohmann::json& request);
  nlohmann::json submit(const Caller& caller, const nlohmann::json& request);
  nlohmann::json process(const Caller& caller, const nlohmann::json& request, const http::Headers& headers);

 private:
  nlohmann::json invite(const assessments::InviteRequest& request);
  std::vector<Link> report_links(std::int64_t invitation_id) const;

  PluginKeyStore& keys_;
  accounts::AccountStore& accounts_;
  assessments::AssessmentStore& assessments_;
  assessments::Invitations& invitations_;
  const assessments::Links& links_;
};

}  // namespace pinbridge::plugin
