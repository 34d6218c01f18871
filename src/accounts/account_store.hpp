#pragma once
// Accounts (tenants), their add-ons and their users. Every read that returns tenant data takes the
// account id, so no query here can cross from one tenant to another.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/result.hpp"
#include "core/secret.hpp"
#include "store/database.hpp"

namespace pinbridge::accounts {

// Paid features switched on per account by the operator. The API add-on gates the public API and
// both Pinpoint integrations.
enum class Addon { api };
std::string_view addon_name(Addon addon);
std::optional<Addon> parse_addon(std::string_view name);

struct Account {
  std::int64_t id = 0;
  std::string slug;  // short unique name used by the CLI, e.g. "acme"
  std::string name;
  Timestamp created_at;
};

struct User {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::string email;  // lower-case
  std::string name;
  Timestamp created_at;
};

// Checks shared by the CLI and the dashboard; each returns a message fit to show the user.
Result<std::string> normalize_email(std::string_view email);
Result<void> validate_slug(std::string_view slug);
Result<void> validate_password(const Secret& password);

class AccountStore {
 public:
  AccountStore(store::Database& database, const Clock& clock,
               crypto::PasswordCost password_cost = crypto::PasswordCost::interactive);

  Result<Account> create_account(std::string_view slug, std::string_view name);
  std::optional<Account> find_account(std::int64_t id);
  std::optional<Account> find_account_by_slug(std::string_view slug);
  std::vector<Account> list_accounts();
  Result<void> rename_account(std::int64_t account_id, std::string_view name);

  void set_addon(std::int64_t account_id, Addon addon, bool enabled);
  bool has_addon(std::int64_t account_id, Addon addon);
  bool has_addon(store::Connection& connection, std::int64_t account_id, Addon addon);

  Result<User> create_user(std::int64_t account_id, std::string_view email, std::string_view name,
                           const Secret& password);
  std::optional<User> find_user(std::int64_t account_id, std::int64_t user_id);
  std::vector<User> list_users(std::int64_t account_id);
  // Removes a user of this account; not_found for another account's user.
  Result<void> remove_user(std::int64_t account_id, std::int64_t user_id);
  // Sets a new password and signs the user out everywhere.
  Result<void> reset_password(std::string_view email, const Secret& password);

  // The user whose email and password match, for sign-in. Takes as long for an unknown email as
  // for a wrong password, so timing does not reveal which emails exist.
  std::optional<User> check_credentials(std::string_view email, const Secret& password);

 private:
  store::Database& database_;
  const Clock& clock_;
  crypto::PasswordCost password_cost_;
  // Verified against when the email is unknown; made on first use, as hashing costs ~100 ms that
  // start-up should not pay.
  const std::string& dummy_hash();
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

}  // namespace pinbridge::accounts
