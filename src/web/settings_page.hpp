#pragma once
// The Settings page: the account's name, its add-ons, and the team members who can sign in.
#include <string>

#include "accounts/sessions.hpp"
#include "web/routes.hpp"

namespace pinbridge::web {

// What the page shows besides stored data: values typed into a form that failed, and messages.
struct SettingsView {
  std::string account_name{};  // the rename form's value
  std::string account_error{};
  std::string member_name{};  // the add-member form's values (never the password)
  std::string member_email{};
  std::string name_error{};
  std::string email_error{};
  std::string password_error{};
  std::string error{};    // about the page as a whole, e.g. a refused removal
  std::string success{};  // after a change that worked
};

std::string render_settings(const Deps& deps, const accounts::SessionContext& session,
                            const SettingsView& view);

}  // namespace pinbridge::web
