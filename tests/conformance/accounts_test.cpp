// Accounts, users and sessions on every backend: validation, credentials, tenant isolation,
// session expiry and sign-in rate limiting.
#include <gtest/gtest.h>

#include "accounts/account_store.hpp"
#include "accounts/sessions.hpp"
#include "support/backend_fixture.hpp"

namespace pinbridge::accounts {
namespace {

using namespace std::chrono_literals;

class AccountsConformance : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    accounts_ = std::make_unique<AccountStore>(database(), clock_, crypto::PasswordCost::minimal_for_tests);
    SessionSettings settings;
    settings.lifetime = 1h;
    settings.login_limits = {.max_failures = 3, .address_multiplier = 2, .window = 10min};
    sessions_ = std::make_unique<SessionManager>(database(), *accounts_, clock_, settings);
    acme_ = *accounts_->create_account("acme", "Acme");
    globex_ = *accounts_->create_account("globex", "Globex");
  }

  User user(const Account& account, const std::string& email) {
    auto created = accounts_->create_user(account.id, email, "Person", Secret("correct horse battery"));
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return *created;
  }

  FakeClock clock_;
  std::unique_ptr<AccountStore> accounts_;
  std::unique_ptr<SessionManager> sessions_;
  Account acme_, globex_;
};

TEST_P(AccountsConformance, SlugsAreValidatedAndUnique) {
  EXPECT_EQ(accounts_->create_account("acme", "Again").error().code, ErrorCode::conflict);
  EXPECT_EQ(accounts_->create_account("Bad Slug", "x").error().code, ErrorCode::invalid_input);
  EXPECT_EQ(accounts_->create_account("ok-slug", "  ").error().code, ErrorCode::invalid_input);
  EXPECT_EQ(accounts_->find_account_by_slug("globex")->name, "Globex");
}

TEST_P(AccountsConformance, AddonsAreOffUntilEnabled) {
  EXPECT_FALSE(accounts_->has_addon(acme_.id, Addon::api));
  accounts_->set_addon(acme_.id, Addon::api, true);
  EXPECT_TRUE(accounts_->has_addon(acme_.id, Addon::api));
  EXPECT_FALSE(accounts_->has_addon(globex_.id, Addon::api));
  accounts_->set_addon(acme_.id, Addon::api, false);
  EXPECT_FALSE(accounts_->has_addon(acme_.id, Addon::api));
}

TEST_P(AccountsConformance, EmailsAreNormalisedAndUniqueAndPasswordsChecked) {
  user(acme_, "  Ada@Example.COM ");
  EXPECT_EQ(accounts_->create_user(globex_.id, "ada@example.com", "Dup", Secret("0123456789")).error().code,
            ErrorCode::conflict);
  EXPECT_EQ(accounts_->create_user(acme_.id, "not-an-email", "X", Secret("0123456789")).error().code,
            ErrorCode::invalid_input);
  EXPECT_EQ(accounts_->create_user(acme_.id, "b@example.com", "X", Secret("short")).error().code,
            ErrorCode::invalid_input);
  EXPECT_TRUE(accounts_->check_credentials("ADA@example.com", Secret("correct horse battery")).has_value());
  EXPECT_FALSE(accounts_->check_credentials("ada@example.com", Secret("wrong password!")).has_value());
  EXPECT_FALSE(
      accounts_->check_credentials("nobody@example.com", Secret("correct horse battery")).has_value());
}

TEST_P(AccountsConformance, OneAccountCannotReadOrRemoveAnothersUsers) {
  const User ada = user(acme_, "ada@example.com");
  const User bob = user(globex_, "bob@example.com");
  EXPECT_FALSE(accounts_->find_user(acme_.id, bob.id).has_value());
  EXPECT_EQ(accounts_->remove_user(acme_.id, bob.id).error().code, ErrorCode::not_found);
  EXPECT_TRUE(accounts_->find_user(globex_.id, bob.id).has_value());
  const auto acme_users = accounts_->list_users(acme_.id);
  ASSERT_EQ(acme_users.size(), 1u);
  EXPECT_EQ(acme_users[0].id, ada.id);
}

TEST_P(AccountsConformance, SessionsAuthenticateUntilTheyExpireOrSignOut) {
  user(acme_, "ada@example.com");
  auto session = sessions_->sign_in("ada@example.com", Secret("correct horse battery"), "10.0.0.1");
  ASSERT_TRUE(session.ok());
  auto context = sessions_->authenticate(session->token.reveal());
  ASSERT_TRUE(context.has_value());
  EXPECT_EQ(context->account.slug, "acme");
  EXPECT_TRUE(SessionManager::csrf_matches(*context, context->csrf_token));
  EXPECT_FALSE(SessionManager::csrf_matches(*context, "forged"));
  EXPECT_FALSE(SessionManager::csrf_matches(*context, ""));
  clock_.advance(61min);
  EXPECT_FALSE(sessions_->authenticate(session->token.reveal()).has_value());
  EXPECT_EQ(sessions_->prune_expired(), 1);

  auto second = sessions_->sign_in("ada@example.com", Secret("correct horse battery"), "10.0.0.1");
  sessions_->sign_out(second->token.reveal());
  EXPECT_FALSE(sessions_->authenticate(second->token.reveal()).has_value());
}

TEST_P(AccountsConformance, PasswordResetEndsSessions) {
  user(acme_, "ada@example.com");
  auto session = sessions_->sign_in("ada@example.com", Secret("correct horse battery"), "10.0.0.1");
  ASSERT_TRUE(accounts_->reset_password("ada@example.com", Secret("a brand new passphrase")).ok());
  EXPECT_FALSE(sessions_->authenticate(session->token.reveal()).has_value());
  EXPECT_TRUE(sessions_->sign_in("ada@example.com", Secret("a brand new passphrase"), "10.0.0.1").ok());
  EXPECT_EQ(accounts_->reset_password("ghost@example.com", Secret("whatever123")).error().code,
            ErrorCode::not_found);
}

TEST_P(AccountsConformance, RepeatedFailuresAreRateLimitedThenForgiven) {
  user(acme_, "ada@example.com");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(sessions_->sign_in("ada@example.com", Secret("bad password"), "10.0.0.1").error().code,
              ErrorCode::unauthorized);
  }
  // Now even the right password is refused, so guessing cannot continue.
  EXPECT_EQ(sessions_->sign_in("ada@example.com", Secret("correct horse battery"), "10.0.0.2").error().code,
            ErrorCode::rate_limited);
  clock_.advance(10min);
  EXPECT_TRUE(sessions_->sign_in("ada@example.com", Secret("correct horse battery"), "10.0.0.2").ok());
}

TEST_P(AccountsConformance, OneAddressGuessingManyEmailsIsLimited) {
  for (int i = 0; i < 6; ++i) {
    (void)sessions_->sign_in("user" + std::to_string(i) + "@example.com", Secret("guess"), "10.9.9.9");
  }
  EXPECT_EQ(sessions_->sign_in("new@example.com", Secret("guess"), "10.9.9.9").error().code,
            ErrorCode::rate_limited);
}

TEST_P(AccountsConformance, UnknownOrOversizedTokensDoNotAuthenticate) {
  EXPECT_FALSE(sessions_->authenticate("").has_value());
  EXPECT_FALSE(sessions_->authenticate("nonsense").has_value());
  EXPECT_FALSE(sessions_->authenticate(std::string(10'000, 'x')).has_value());
}

PINBRIDGE_ON_EVERY_BACKEND(AccountsConformance);

}  // namespace
}  // namespace pinbridge::accounts
