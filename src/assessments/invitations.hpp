#pragma once
// The recruiter's side of invitations, shared by the dashboard, the public API, workflows and the
// plugin: invite (idempotently), cancel, read, and correct a grade by hand. Every call takes the
// account id; another account's invitation reads as not found.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assessments/invitation.hpp"
#include "assessments/platform.hpp"
#include "core/result.hpp"

namespace pinbridge::assessments {

struct InviteRequest {
  std::int64_t account_id = 0;
  std::int64_t assessment_id = 0;
  std::string candidate_name;
  std::string candidate_email;
  std::string external_ref;  // with the account, assessment and email: the invitation's identity
  InvitationSource source = InvitationSource::dashboard;
  std::optional<std::string> callback_url;
  std::optional<std::chrono::milliseconds> expiry;          // default: settings.expiry
  std::optional<std::chrono::milliseconds> reminder_after;  // default: settings.reminder_after; 0: none
};

struct Invited {
  Invitation invitation;
  bool created = false;  // false: the same invitation already existed and is returned as it is
};

// An invitation with what a report of it elsewhere shows (a Pinpoint record, a comment).
struct InvitationReport {
  Invitation invitation;
  std::optional<AssessmentLabel> assessment;  // none once the assessment is gone
  std::optional<AssessmentResult> latest_result;
};

struct InvitationFilter {
  std::optional<InvitationStatus> status;
  std::optional<std::int64_t> assessment_id;
};

class Invitations {
 public:
  explicit Invitations(const PlatformDeps& deps) : deps_(deps) {}

  // Creates the invitation, its email, its expiry and reminder jobs and its event in one
  // transaction. The same identity again returns the existing invitation and changes nothing.
  Result<Invited> invite(const InviteRequest& request);
  // The same inside the caller's transaction, which then commits the invitation with its own
  // writes (a workflow action records its attempt with it). A concurrent invite of the same
  // identity surfaces as the unique violation the caller's transaction throws.
  Result<Invited> invite(store::Connection& c, const InviteRequest& request);
  // What invite() would answer with an error for this request now, read without writing: a
  // caller whose invite comes later, in its own transaction, learns the reason first.
  Result<void> check(const InviteRequest& request);
  // invited or started -> cancelled; the link stops working at once.
  Result<Invitation> cancel(std::int64_t account_id, std::int64_t id);

  std::optional<Invitation> find(std::int64_t account_id, std::int64_t id);
  // The invitation, its assessment's label and its latest result, read together.
  std::optional<InvitationReport> report_of(std::int64_t account_id, std::int64_t id);
  // The invitation a verified report token names, whatever its account: only for the shareable
  // report, whose link carries no account (Links::verify_report_token first, always).
  std::optional<Invitation> find_for_report(std::int64_t id);
  std::vector<Invitation> list(std::int64_t account_id, const InvitationFilter& filter, int limit,
                               int offset);
  std::int64_t count(std::int64_t account_id, const InvitationFilter& filter);
  // Every invitation carrying this reference (e.g. one Pinpoint application's), oldest first.
  std::vector<Invitation> with_external_ref(std::int64_t account_id, const std::string& external_ref);
  // The candidate's private link, for the recruiter to copy.
  std::optional<std::string> candidate_link(std::int64_t account_id, std::int64_t id);

  std::optional<AssessmentResult> latest_result(std::int64_t account_id, std::int64_t invitation_id);
  std::optional<AssessmentResult> result(std::int64_t account_id, std::int64_t result_id);
  std::vector<AssessmentResult> results(std::int64_t account_id, std::int64_t invitation_id);
  // A recruiter's verdict on one question of a completed invitation: a new result version.
  Result<AssessmentResult> override_question(std::int64_t account_id, std::int64_t invitation_id,
                                             const std::string& question_id, bool correct);

 private:
  struct Lookup {
    Assessment assessment;
    std::optional<Invitation> existing;  // the invitation of the same identity, when there is one
  };
  // The assessment a cleaned request names and its invitation if already made, or why no
  // invitation can be made (no such assessment, or archived with none made before).
  Result<Lookup> look_up(store::Connection& c, const InviteRequest& request);
  Invitation create_invitation(store::Connection& c, const InviteRequest& request,
                               const Assessment& assessment);
  const PlatformDeps& deps_;
};

}  // namespace pinbridge::assessments
