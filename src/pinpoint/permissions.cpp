#include "pinpoint/permissions.hpp"

#include <fmt/format.h>

namespace pinbridge::pinpoint {

std::string_view access_name(Access access) {
  switch (access) {
    case Access::none:
      return "none";
    case Access::read:
      return "read";
    case Access::write:
      return "write";
  }
  return "none";
}

const std::vector<PermissionSpec>& required_permissions() {
  static const std::vector<PermissionSpec> specs{
      {"Application", Access::write, "applications"},
      {"Candidate", Access::write, "candidates"},
      {"Candidate Assessment", Access::write, "candidate_assessments"},
      {"Comment", Access::write, "comments"},
      {"Hiring Workflow", Access::write, "hiring_workflows"},
      {"Job", Access::read, "jobs"},
      {"Talent Pipeline", Access::read, "job_seekers"},
      {"User", Access::read, "users"},
  };
  return specs;
}

std::string PermissionCheck::describe() const {
  return fmt::format("{}: {} needed, key has {}", category, access_name(needed), access_name(granted));
}

std::vector<PermissionCheck> PermissionReport::missing() const {
  std::vector<PermissionCheck> out;
  for (const auto& check : checks)
    if (!check.ok()) out.push_back(check);
  return out;
}

}  // namespace pinbridge::pinpoint
