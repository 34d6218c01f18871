#pragma once
// The API key check of the set-up wizard (product.md step 4): does the key authenticate, and does
// it carry each of the 8 permissions the product needs? Reads are probed with a one-record GET;
// writes with the write probe of pinpoint-api.md (POST /{type} with an empty data: 422 when the
// key may write, 403 when not; nothing is created).
#include <string>
#include <string_view>
#include <vector>

namespace pinbridge::pinpoint {

enum class Access { none, read, write };
std::string_view access_name(Access access);

// One permission category and how to probe it.
struct PermissionSpec {
  std::string category;  // as Pinpoint names it: "Candidate Assessment"
  Access needed;
  std::string resource;  // the collection probed: "candidate_assessments"
};

// Application R/W, Candidate R/W, Candidate Assessment R/W, Comment W, Hiring Workflow W, Job R,
// Talent Pipeline R, User R.
const std::vector<PermissionSpec>& required_permissions();

struct PermissionCheck {
  std::string category;
  Access needed = Access::read;
  Access granted = Access::none;
  bool ok() const { return granted >= needed; }
  // "Comment: write needed, key has none"
  std::string describe() const;
};

struct PermissionReport {
  std::vector<PermissionCheck> checks;  // one per required permission, in the order above
  std::vector<PermissionCheck> missing() const;
  bool ok() const { return missing().empty(); }
};

}  // namespace pinbridge::pinpoint
