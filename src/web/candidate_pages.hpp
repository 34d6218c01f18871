#pragma once
// The candidate's pages, reached through the private link /t/{token} without signing in. The
// assessment they render holds the correct answers; these pages show only prompts and options.
#include <string>

#include "assessments/candidate_sessions.hpp"
#include "web/routes.hpp"

namespace pinbridge::web {

// Before starting: what the assessment is, how long it takes, and the Start button.
std::string render_landing(const Deps& deps, const assessments::CandidateView& view, std::string_view token);
// The test: every question, the countdown and Submit. `remaining_ms` is the server's time left.
std::string render_test(const Deps& deps, const assessments::CandidateView& view, std::string_view token,
                        std::int64_t remaining_ms);

// The form field names of question `index`'s answer ("a3"; "a3_1" for option 1 of a
// multiple-choice question, which also sends "a3_shown" so that "none ticked" can be told apart).
std::string answer_field(std::size_t index);

}  // namespace pinbridge::web
