// pinbridge: the server and its admin commands. Run `pinbridge --help` or `pinbridge CMD --help`.
#include <CLI/CLI.hpp>

#include "app/commands.hpp"

namespace {

using namespace pinbridge::app;

void add_account_commands(CLI::App& cli, GlobalOptions& global, AccountOptions& account, int& status) {
  auto* group =
      cli.add_subcommand("account", "Manage accounts (tenants) and their add-ons")->require_subcommand(1);
  auto* create = group->add_subcommand("create", "Create an account");
  create->add_option("--slug", account.slug, "Short unique name, e.g. acme")->required();
  create->add_option("--name", account.name, "Display name, e.g. \"Acme Inc\"")->required();
  create->callback([&] { status = run_account_create(global, account); });
  group->add_subcommand("list", "List accounts")->callback([&] { status = run_account_list(global); });
  auto* addon = group->add_subcommand("addon", "Enable or disable an add-on of an account");
  addon->add_option("--account", account.slug, "Account slug")->required();
  addon->add_option("--addon", account.addon, "Add-on name")
      ->check(CLI::IsMember({"api"}))
      ->capture_default_str();
  auto* enable = addon->add_flag("--enable", account.enable, "Turn the add-on on");
  auto* disable = addon->add_flag("--disable", account.disable, "Turn the add-on off");
  enable->excludes(disable);
  addon->callback([&] {
    if (!account.enable && !account.disable) throw CLI::ValidationError("--enable or --disable is required");
    status = run_account_addon(global, account);
  });
}

void add_user_commands(CLI::App& cli, GlobalOptions& global, UserOptions& user, int& status) {
  auto* group = cli.add_subcommand("user", "Manage dashboard users")->require_subcommand(1);
  auto* create = group->add_subcommand("create", "Create a user in an account");
  create->add_option("--account", user.account, "Account slug")->required();
  create->add_option("--email", user.email, "Sign-in email")->required();
  create->add_option("--name", user.name, "Full name")->required();
  create->add_flag("--password-stdin", user.password_stdin,
                   "Read the password from standard input "
                   "(otherwise one is generated and printed)");
  create->callback([&] { status = run_user_create(global, user); });
  auto* reset = group->add_subcommand("reset-password", "Set a new password and end the user's sessions");
  reset->add_option("--email", user.email, "Sign-in email")->required();
  reset->add_flag("--password-stdin", user.password_stdin,
                  "Read the password from standard input "
                  "(otherwise one is generated and printed)");
  reset->callback([&] { status = run_user_reset_password(global, user); });
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Pinbridge: assessments integrated with the Pinpoint ATS"};
  cli.require_subcommand(1);
  GlobalOptions global;
  ServeOptions serve;
  AccountOptions account;
  UserOptions user;
  int status = 0;
  cli.add_option("-c,--config", global.config_path, "TOML configuration file (also PINBRIDGE_CONFIG)");

  auto* serve_cmd = cli.add_subcommand("serve", "Run the server (migrates the database first)");
  serve_cmd->add_flag("--demo", serve.demo, "Seed a demo account and user if missing, and print the sign-in");
  serve_cmd->add_option("--ready-file", serve.ready_file,
                        "Write the server's URL to this file once it listens");
  serve_cmd->callback([&] { status = run_serve(global, serve); });
  cli.add_subcommand("migrate", "Apply database migrations and exit")->callback([&] {
    status = run_migrate(global);
  });
  auto* config_cmd = cli.add_subcommand("config", "Configuration help")->require_subcommand(1);
  config_cmd->add_subcommand("reference", "Print every option as Markdown")->callback([&] {
    status = run_config_reference();
  });
  add_account_commands(cli, global, account, status);
  add_user_commands(cli, global, user, status);

  CLI11_PARSE(cli, argc, argv);
  return status;
}
