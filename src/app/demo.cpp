#include "app/demo.hpp"

#include <spdlog/spdlog.h>

namespace pinbridge::app {

void seed_demo(accounts::AccountStore& accounts) {
  if (accounts.find_account_by_slug("demo")) return;
  auto account = accounts.create_account("demo", "Demo Company");
  if (!account) throw std::runtime_error("could not create the demo account: " + account.error().message);
  accounts.set_addon(account->id, accounts::Addon::api, true);
  auto user = accounts.create_user(account->id, demo_email, "Demo Recruiter", Secret(demo_password));
  if (!user) throw std::runtime_error("could not create the demo user: " + user.error().message);
  spdlog::info("seeded the demo account 'demo' with user {}", demo_email);
}

std::string demo_sign_in_text(const std::string& base_url) {
  return "Dashboard: " + base_url + "/sign-in\nDemo sign-in: " + demo_email + " / " + demo_password + "\n";
}

}  // namespace pinbridge::app
