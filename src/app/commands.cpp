#include "app/commands.hpp"

#include <spdlog/spdlog.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/demo.hpp"
#include "app/runtime.hpp"
#include "core/crypto.hpp"
#include "ops/logging.hpp"
#include "schema/product_schema.hpp"
#include "store/migrations.hpp"

namespace pinbridge::app {
namespace {

constexpr int exit_failure = 1;
constexpr int exit_bad_config = 2;

std::optional<Config> load_or_report(const GlobalOptions& global) {
  auto config = load_config(global.config_path, process_environment());
  if (!config) {
    std::cerr << "pinbridge: configuration error: " << config.error().message << "\n";
    return std::nullopt;
  }
  ops::configure_logging(config->log_level, config->log_format);
  crypto::initialize();
  return std::move(*config);
}

// Runs a command that needs the migrated database; database failures become exit code 1.
template <typename Command>
int with_core(const GlobalOptions& global, Command command) {
  auto config = load_or_report(global);
  if (!config) return exit_bad_config;
  try {
    Core core(*config);
    return command(core);
  } catch (const std::exception& e) {
    std::cerr << "pinbridge: " << e.what() << "\n";
    return exit_failure;
  }
}

int report(const Error& error) {
  std::cerr << "pinbridge: " << error.message << "\n";
  return exit_failure;
}

// The password from standard input, or a generated one that is printed once.
Secret obtain_password(bool from_stdin) {
  if (!from_stdin) {
    Secret generated(crypto::random_token(15));
    std::cout << "Generated password (shown once): " << generated.reveal() << "\n";
    return generated;
  }
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return Secret(line);
}

void write_ready_file(const std::string& path, const std::string& url) {
  const std::string temporary = path + ".tmp";
  std::ofstream(temporary) << url << "\n";
  std::filesystem::rename(temporary, path);  // readers never see a half-written file
}

// Blocks the shutdown signals in every thread (threads inherit the mask), so that the main thread
// alone receives them through sigwait.
sigset_t block_shutdown_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

}  // namespace

int run_serve(const GlobalOptions& global, const ServeOptions& options) {
  const sigset_t signals = block_shutdown_signals();
  return with_core(global, [&](Core& core) {
    if (options.demo) seed_demo(*core.accounts, *core.assessments);
    Service service(core);
    service.start();
    const std::string url = service.base_url();
    if (options.ready_file) write_ready_file(*options.ready_file, url);
    spdlog::info("listening on {}", url);
    std::cout << "Pinbridge is running at " << url << "\n";
    if (options.demo) std::cout << demo_sign_in_text(url);
    std::cout << std::flush;
    int received = 0;
    sigwait(&signals, &received);
    spdlog::info("received signal {}, finishing in-flight work", received);
    service.shutdown();
    spdlog::info("stopped");
    return 0;
  });
}

int run_migrate(const GlobalOptions& global) {
  return with_core(global, [](Core& core) {
    const auto status = store::migration_status(*core.database, schema::product_migrations());
    std::cout << "database schema at version " << status.current_version << " (latest)\n";
    return 0;
  });
}

int run_config_reference() {
  std::cout << configuration_reference();
  return 0;
}

int run_account_create(const GlobalOptions& global, const AccountOptions& options) {
  return with_core(global, [&](Core& core) {
    auto account = core.accounts->create_account(options.slug, options.name);
    if (!account) return report(account.error());
    std::cout << "created account " << account->slug << " (id " << account->id << ")\n";
    return 0;
  });
}

int run_account_list(const GlobalOptions& global) {
  return with_core(global, [](Core& core) {
    for (const auto& account : core.accounts->list_accounts()) {
      const bool api = core.accounts->has_addon(account.id, accounts::Addon::api);
      std::cout << account.slug << "\t" << account.name << "\tapi add-on: " << (api ? "on" : "off") << "\n";
    }
    return 0;
  });
}

int run_account_addon(const GlobalOptions& global, const AccountOptions& options) {
  return with_core(global, [&](Core& core) {
    const auto account = core.accounts->find_account_by_slug(options.slug);
    if (!account) return report(Error::not_found("no account with slug '" + options.slug + "'"));
    const auto addon = accounts::parse_addon(options.addon);
    if (!addon) return report(Error::invalid("unknown add-on '" + options.addon + "'"));
    core.accounts->set_addon(account->id, *addon, options.enable);
    std::cout << options.addon << " add-on " << (options.enable ? "enabled" : "disabled") << " for "
              << account->slug << "\n";
    return 0;
  });
}

int run_user_create(const GlobalOptions& global, const UserOptions& options) {
  return with_core(global, [&](Core& core) {
    const auto account = core.accounts->find_account_by_slug(options.account);
    if (!account) return report(Error::not_found("no account with slug '" + options.account + "'"));
    const Secret password = obtain_password(options.password_stdin);
    auto user = core.accounts->create_user(account->id, options.email, options.name, password);
    if (!user) return report(user.error());
    std::cout << "created user " << user->email << " in " << account->slug << "\n";
    return 0;
  });
}

int run_user_reset_password(const GlobalOptions& global, const UserOptions& options) {
  return with_core(global, [&](Core& core) {
    const Secret password = obtain_password(options.password_stdin);
    if (auto reset = core.accounts->reset_password(options.email, password); !reset)
      return report(reset.error());
    std::cout << "password reset for " << options.email << "; their sessions were ended\n";
    return 0;
  });
}

}  // namespace pinbridge::app
