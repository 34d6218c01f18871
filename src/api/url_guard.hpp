#pragma once
// Tenant-supplied webhook URLs must not point us at our own network: only http(s), and every
// address the host resolves to must be public (no loopback, private, link-local, CGNAT, multicast
// or reserved ranges), unless the operator allows private targets (webhooks.allow_private_targets,
// for tests and on-premise installs). Checked when an endpoint is saved and again before every
// delivery, since DNS answers change.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace pinbridge::api {

struct UrlPolicy {
  bool allow_private_targets = false;
};

// The URL's shape only (scheme, host, length); no DNS. Messages are fit to show the user.
Result<void> check_url_shape(std::string_view url);
// Shape plus where the host resolves.
Result<void> check_target(std::string_view url, const UrlPolicy& policy);
// True for an address (text form, IPv4 or IPv6) in a range that must not be a webhook target.
bool is_private_address(std::string_view address);

}  // namespace pinbridge::api
