#pragma once
// The demo tenant that `pinbridge serve --demo` creates on first start, so that a newcomer can
// sign in at once. Its credentials are public on purpose: never use --demo for real data.
#include <string>

#include "accounts/account_store.hpp"
#include "assessments/assessment_store.hpp"

namespace pinbridge::app {

inline constexpr const char* demo_email = "demo@pinbridge.test";
inline constexpr const char* demo_password = "pinbridge-demo";

// Creates the demo account (API add-on on), its user and two assessments unless they exist.
void seed_demo(accounts::AccountStore& accounts, assessments::AssessmentStore& assessments);
std::string demo_sign_in_text(const std::string& base_url);

}  // namespace pinbridge::app
