#include "app/config.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <sstream>

#include "app/options.hpp"

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX, not declared by <unistd.h> in C++

namespace pinbridge::app {
namespace {

// Variables with this prefix belong to the test suites, not to the configuration.
constexpr std::string_view reserved_test_prefix = "PINBRIDGE_TEST_";
constexpr std::string_view config_path_variable = "PINBRIDGE_CONFIG";

const Option* find_option(std::string_view section, std::string_view key) {
  for (const Option& option : all_options()) {
    if (option.section == section && option.key == key) return &option;
  }
  return nullptr;
}

// The TOML value as the option's setter reads it, or an error when its type is wrong.
Result<std::string> scalar_text(const Option& option, const toml::node& node) {
  switch (option.type) {
    case OptionType::integer:
      if (auto v = node.value<std::int64_t>(); v && node.is_integer()) return std::to_string(*v);
      return Error::invalid("must be an integer");
    case OptionType::boolean:
      if (auto v = node.value<bool>()) return std::string(*v ? "true" : "false");
      return Error::invalid("must be true or false");
    case OptionType::string:
    case OptionType::secret:
      if (auto v = node.value<std::string>(); v && node.is_string()) return *v;
      return Error::invalid("must be a string");
  }
  return Error::invalid("has an unsupported type");
}

Error located(std::string_view where, const std::string& name, const Error& error) {
  return Error::invalid(std::string(where) + ": " + name + " " + error.message);
}

Result<void> apply_file(Config& config, const std::string& path) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::ostringstream message;
    message << path << ": not valid TOML: " << e.description() << " (line " << e.source().begin.line << ")";
    return Error::invalid(message.str());
  }
  for (const auto& [section_key, section_node] : table) {
    const std::string section(section_key.str());
    const auto* section_table = section_node.as_table();
    if (!section_table) return Error::invalid(fmt::format("{}: unknown key '{}'", path, section));
    for (const auto& [key, node] : *section_table) {
      const std::string name = section + "." + std::string(key.str());
      const Option* option = find_option(section, key.str());
      if (!option) return Error::invalid(fmt::format("{}: unknown key '{}'", path, name));
      auto text = scalar_text(*option, node);
      if (!text) return located(path, name, text.error());
      if (auto applied = option->apply(config, *text); !applied) return located(path, name, applied.error());
    }
  }
  return {};
}

Result<void> apply_environment(Config& config, const Environment& environment) {
  for (const auto& [name, value] : environment) {
    if (name.starts_with(reserved_test_prefix) || name == config_path_variable) continue;
    const Option* match = nullptr;
    for (const Option& option : all_options()) {
      if (option.environment_name() == name) match = &option;
    }
    if (!match) return Error::invalid("environment: unknown variable " + name);
    if (auto applied = match->apply(config, value); !applied) {
      return located("environment", name, applied.error());
    }
  }
  return {};
}

void fill_derived_defaults(Config& config) {
  if (config.database.url.empty()) config.database.url = "sqlite:" + config.data_dir + "/pinbridge.db";
}

// Rules across options. Several PostgreSQL nodes must share one master key, so none may make its own.
Result<void> check_consistency(const Config& config) {
  if (!config.database.url.starts_with("sqlite:") && config.master_key.empty()) {
    return Error::invalid(
        "security.master_key (or PINBRIDGE_SECURITY_MASTER_KEY) is required with PostgreSQL");
  }
  return {};
}

}  // namespace

Environment process_environment() {
  Environment out;
  for (char** entry = environ; entry && *entry; ++entry) {
    const std::string_view text(*entry);
    const auto equals = text.find('=');
    if (equals == std::string_view::npos || !text.starts_with("PINBRIDGE_")) continue;
    out.emplace(text.substr(0, equals), text.substr(equals + 1));
  }
  return out;
}

Result<Config> load_config(const std::optional<std::string>& path, const Environment& environment) {
  Config config;
  std::optional<std::string> file = path;
  if (!file) {
    if (auto it = environment.find(std::string(config_path_variable)); it != environment.end())
      file = it->second;
  }
  if (file) {
    if (auto applied = apply_file(config, *file); !applied) return applied.error();
  }
  if (auto applied = apply_environment(config, environment); !applied) return applied.error();
  fill_derived_defaults(config);
  if (auto consistent = check_consistency(config); !consistent) return consistent.error();
  return config;
}

std::string configuration_reference() {
  std::ostringstream out;
  std::string section = "\x01";
  for (const Option& option : all_options()) {
    if (option.section != section) {
      section = option.section;
      out << "\n## [" << section
          << "]\n\n| key | type | default | environment | meaning |\n|---|---|---|---|---|\n";
    }
    static constexpr const char* type_names[] = {"string", "integer", "boolean", "secret string"};
    const std::string shown_default =
        option.default_text.empty() ? "(empty)" : "`" + option.default_text + "`";
    out << "| `" << option.key << "` | " << type_names[static_cast<int>(option.type)] << " | "
        << shown_default << " | `" << option.environment_name() << "` | " << option.description << " |\n";
  }
  return out.str();
}

}  // namespace pinbridge::app
