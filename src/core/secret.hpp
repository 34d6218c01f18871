#pragma once
// Secret: a string that cannot reach a log by accident. It has no stream operator and formats as
// "[redacted]" through fmt/spdlog; reading it takes an explicit reveal().
#include <fmt/format.h>

#include <string>
#include <utility>

namespace pinbridge {

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}

  const std::string& reveal() const { return value_; }
  bool empty() const { return value_.empty(); }

 private:
  std::string value_;
};

}  // namespace pinbridge

template <>
struct fmt::formatter<pinbridge::Secret> : fmt::formatter<std::string_view> {
  auto format(const pinbridge::Secret&, fmt::format_context& ctx) const {
    return fmt::formatter<std::string_view>::format("[redacted]", ctx);
  }
};
