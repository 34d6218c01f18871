#pragma once
// The subcommands of the pinbridge binary. Each returns the process exit code and prints what a
// person at a terminal needs; errors go to stderr.
#include <optional>
#include <string>

namespace pinbridge::app {

struct GlobalOptions {
  std::optional<std::string> config_path;
};

struct ServeOptions {
  bool demo = false;
  std::optional<std::string> ready_file;  // receives the base URL once the server listens
};

int run_serve(const GlobalOptions& global, const ServeOptions& options);
int run_migrate(const GlobalOptions& global);
int run_config_reference();

struct AccountOptions {
  std::string slug;
  std::string name;
  std::string addon = "api";
  bool enable = false;
  bool disable = false;
};
int run_account_create(const GlobalOptions& global, const AccountOptions& options);
int run_account_list(const GlobalOptions& global);
int run_account_addon(const GlobalOptions& global, const AccountOptions& options);

struct UserOptions {
  std::string account;
  std::string email;
  std::string name;
  bool password_stdin = false;  // otherwise a strong password is generated and printed once
};
int run_user_create(const GlobalOptions& global, const UserOptions& options);
int run_user_reset_password(const GlobalOptions& global, const UserOptions& options);

}  // namespace pinbridge::app
