#pragma once
// PinpointClient: one connected account's typed access to Pinpoint's REST API (pinpoint-api.md).
// Thread-safe: share one per account, so that its rate limit covers every caller of the account
// (the Random given must then be thread-safe too, as SeededRandom is; the HttpClient, Clock and
// Random must outlive the client).
//
// Every operation returns ApiResult<T>: the value, or a PinpointError whose message() can be shown
// to a recruiter. Retries, backoff, Retry-After and the rate limit happen inside; each attempt is
// reported to the CallSink (never the key). An invalid subdomain or base URL override fails every
// call with invalid_config before any request is made.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/random.hpp"
#include "core/secret.hpp"
#include "net/http_client.hpp"
#include "pinpoint/error.hpp"
#include "pinpoint/models.hpp"
#include "pinpoint/permissions.hpp"
#include "pinpoint/rate_limiter.hpp"
#include "pinpoint/retry.hpp"
#include "pinpoint/transport.hpp"

namespace pinbridge::pinpoint {

// Server-wide: the same for every account (from the server's configuration).
struct ClientOptions {
  std::string base_url_override;   // "" in production; "http://127.0.0.1:8081" for pinpoint-sim
  Millis request_timeout{10'000};  // per attempt: connect, send, wait and receive
  RetryPolicy retry;
  double requests_per_second = 10;  // per account; <= 0 turns our own limit off
  double burst = 1;                 // 1: evenly spaced, so no one-second window exceeds the rate
  int page_size = 100;              // page[size] of list calls (Pinpoint allows 1..1000)
  int max_pages = 1000;             // a guard against a server that ignores paging
};

// Per account: what the customer entered in the wizard, plus the server-wide options.
struct ClientSettings {
  std::string subdomain;
  Secret api_key;
  ClientOptions options;
};

class PinpointClient {
 public:
  PinpointClient(ClientSettings settings, const net::HttpClient& http, const Clock& clock, Random& random,
                 CallSink sink, Sleeper sleeper = real_sleeper());
  // For tests: any send function in place of net::HttpClient.
  PinpointClient(ClientSettings settings, SendFunction send, const Clock& clock, Random& random,
                 CallSink sink, Sleeper sleeper);

  // The set-up wizard's check: authentication, then each required permission. An unusable key
  // (unauthorized, api_disabled) or an unreachable Pinpoint is an error; missing permissions are
  // a report with ok() == false.
  ApiResult<PermissionReport> check_permissions() const;

  // The application with its job and stage included (job.stages is not filled).
  ApiResult<Application> get_application(Id id) const;
  ApiResult<std::vector<Application>> list_applications(const ApplicationFilter& filter = {}) const;
  // Every job with its stages.
  ApiResult<std::vector<Job>> list_jobs() const;
  ApiResult<Job> get_job(Id id) const;
  ApiResult<std::vector<HiringWorkflow>> list_hiring_workflows() const;
  ApiResult<std::vector<User>> list_users() const;

  // The application's comments, oldest first: a caller that must not comment twice looks here first.
  ApiResult<std::vector<Comment>> list_comments(Id application_id) const;
  // Not retried after an ambiguous failure (see retry.hpp): the caller decides.
  ApiResult<Comment> create_comment(Id application_id, const std::string& body_text) const;

  ApiResult<std::optional<CandidateAssessment>> find_candidate_assessment(
      const std::string& external_uid) const;
  ApiResult<CandidateAssessment> create_candidate_assessment(const CandidateAssessmentInput& input) const;
  ApiResult<CandidateAssessment> update_candidate_assessment(Id id,
                                                             const CandidateAssessmentInput& input) const;
  // Looks up input.external_uid and updates that record, or creates one. After an ambiguous
  // failure of the create (5xx, timeout, dropped connection) it looks up again before retrying, so
  // a create that went through is found, not repeated. (A create Pinpoint is still processing
  // when we look again can still be repeated: nothing but a server-side key could prevent that.)
  ApiResult<CandidateAssessment> upsert_candidate_assessment(const CandidateAssessmentInput& input) const;

  ApiResult<Application> move_application_to_stage(Id application_id, Id stage_id) const;
  ApiResult<Application> add_tags(Id application_id, const std::vector<TagInput>& tags) const;

 private:
  ApiResult<Access> probe(const PermissionSpec& spec) const;

  ClientOptions options_;
  std::unique_ptr<RateLimiter> limiter_;
  std::unique_ptr<Transport> transport_;
};

}  // namespace pinbridge::pinpoint
