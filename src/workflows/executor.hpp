#pragma once
// Carries out one planned action against Pinpoint or the platform, looking before it writes so
// that a second run after a crash or a retry does nothing more:
//   invite       - Invitations::invite (its identity makes a second call return the first), in the
//                  transaction that records the attempt: the one that plans it (invite_within), or
//                  a retry's (see Attempt::effect);
//   post_record  - upsert of the Candidate Assessment found by external_uid "pinbridge-<invitation>";
//   post_comment - the application's comments are read first; one carrying the action's reference
//                  means it was already posted;
//   move_stage   - the application is read first; already in the target stage means done.
// Pinpoint's transient failures (429, 5xx, network) are retried from the queue; the rest fail the
// action with the reason, shown in the run history with a retry button.
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "assessments/invitations.hpp"
#include "automations/pinpoint_clients.hpp"
#include "automations/stage_cache.hpp"
#include "workflows/run_log.hpp"

namespace pinbridge::workflows {

struct Attempt {
  enum class Verdict { done, skipped, retry, failed };
  Verdict verdict = Verdict::done;
  std::string request;   // what was asked of Pinpoint, in short; "" when nothing was
  std::string response;  // what came back, or why nothing was asked
  std::optional<std::chrono::milliseconds> retry_after;
  // The platform's writes of a done attempt (the invitation an invite makes), run in the
  // transaction that records the attempt: the two commit together, and a batch of actions shares
  // one commit. Returns the response. Throwing rolls both back and the attempt is retried.
  std::function<std::string(store::Connection&)> effect;
};

class ActionExecutor {
 public:
  ActionExecutor(assessments::Invitations& invitations, const assessments::Links& links,
                 automations::PinpointClients& clients, automations::StageCache& stages);

  Attempt execute(const Action& action);
  // An invite carried out in the caller's transaction, which records its attempt: done with the
  // invitation, or failed with the platform's reason. It calls no one, so it needs no job.
  Attempt invite_within(store::Connection& c, const Action& action);

 private:
  Attempt invite(const Action& action);
  static assessments::InviteRequest invite_request(const Action& action);
  static std::string invite_summary(const Action& action);
  static std::string invited_summary(const assessments::Invited& invited);
  Attempt post_record(const Action& action);
  Attempt post_comment(const Action& action);
  Attempt move_stage(const Action& action);
  // The stage of the application's job whose name is `name`; refreshes the synced stages once when
  // it is not known (the job may be new).
  std::optional<pinpoint::Stage> stage_named(std::int64_t account_id, const pinpoint::PinpointClient& client,
                                             pinpoint::Id job_id, const std::string& name);
  // What a comment template says about this invitation now.
  Result<std::string> render_for(const Action& action, const std::string& text);

  assessments::Invitations& invitations_;
  const assessments::Links& links_;
  automations::PinpointClients& clients_;
  automations::StageCache& stages_;
};

}  // namespace pinbridge::workflows
