#include "assessments/invitation.hpp"

#include <array>

namespace pinbridge::assessments {
namespace {

constexpr std::array<std::string_view, 6> status_names{"invited",   "started", "submitted",
                                                       "completed", "expired", "cancelled"};
constexpr std::array<std::string_view, 4> source_names{"dashboard", "api", "workflow", "plugin"};

template <typename Enum, std::size_t N>
std::optional<Enum> parse(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == name) return static_cast<Enum>(i);
  return std::nullopt;
}

}  // namespace

std::string_view status_name(InvitationStatus status) {
  return status_names.at(static_cast<std::size_t>(status));
}

std::optional<InvitationStatus> parse_invitation_status(std::string_view name) {
  return parse<InvitationStatus>(status_names, name);
}

std::string_view source_name(InvitationSource source) {
  return source_names.at(static_cast<std::size_t>(source));
}

std::optional<InvitationSource> parse_source(std::string_view name) {
  return parse<InvitationSource>(source_names, name);
}

}  // namespace pinbridge::assessments
