#pragma once
// The candidate's side: everything reached through the private link's token. Each call first
// applies what time has done to the invitation (expired before it was started, deadline passed
// while started), so the server enforces the deadline whether or not the browser's timer ran.
#include <string>
#include <string_view>

#include "assessments/invitation.hpp"
#include "assessments/platform.hpp"
#include "core/result.hpp"

namespace pinbridge::assessments {

struct CandidateView {
  Invitation invitation;  // its status says which page to show
  Assessment assessment;  // holds the correct answers: never send those to the candidate
};

enum class Signal { left_page, paste };

class CandidateSessions {
 public:
  explicit CandidateSessions(const PlatformDeps& deps) : deps_(deps) {}

  // not_found for a token that names no invitation.
  Result<CandidateView> open(std::string_view token);
  // invited -> started: the timer starts now. conflict when the link is expired, cancelled or used.
  Result<CandidateView> start(std::string_view token);
  // Saves (or with null, clears) one answer while the test runs; conflict once time is up.
  Result<void> save_answer(std::string_view token, const std::string& question_id,
                           const nlohmann::json& answer);
  // Counts an integrity signal while the test runs; ignored otherwise.
  Result<void> record_signal(std::string_view token, Signal signal);
  // started -> submitted. Submitting again answers as the first time did.
  Result<CandidateView> submit(std::string_view token);

  // What the deadline allows: answers count until the deadline plus the grace.
  bool time_is_up(const Invitation& invitation) const;

 private:
  using Step = std::function<Result<CandidateView>(store::Connection&, CandidateView&)>;
  Result<CandidateView> with_invitation(std::string_view token, const Step& step);
  const PlatformDeps& deps_;
};

}  // namespace pinbridge::assessments
