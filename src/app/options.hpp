#pragma once
// The table of configuration options: one row per option with its type, default, documentation
// and how it sets the Config. load_config() and the reference doc are both driven by this table,
// so an option cannot exist without being documented.
#include <functional>
#include <string>
#include <vector>

#include "app/config.hpp"

namespace pinbridge::app {

enum class OptionType { string, integer, boolean, secret };

struct Option {
  std::string section;  // "" for top-level keys
  std::string key;
  OptionType type;
  std::string default_text;  // as documented
  std::string description;
  // Parses the value (already type-checked for the TOML case) into the config.
  std::function<Result<void>(Config&, const std::string&)> apply;

  std::string dotted_name() const { return section.empty() ? key : section + "." + key; }
  std::string environment_name() const;
};

const std::vector<Option>& all_options();

}  // namespace pinbridge::app
