// PinpointClient::check_permissions: the wizard's key check (see permissions.hpp).
#include "pinpoint/client.hpp"
#include "pinpoint/requests.hpp"

namespace pinbridge::pinpoint {
namespace {

enum class Verdict { allowed, denied, failed };

// 2xx (and 422 for the write probe) means allowed; a permission 403 means denied; anything else
// (401, "Integration not enabled", 5xx after retries, ...) means the check itself failed.
Verdict verdict(const Exchange& exchange, bool write_probe, PinpointError& failure) {
  const int status = exchange.response.status;
  if ((status >= 200 && status < 300) || (write_probe && status == 422)) return Verdict::allowed;
  failure = classify_response(exchange.response, exchange.request, exchange.attempts);
  return failure.kind == ErrorKind::forbidden ? Verdict::denied : Verdict::failed;
}

}  // namespace

ApiResult<Access> PinpointClient::probe(const PermissionSpec& spec) const {
  PinpointError failure;
  if (spec.needed == Access::write) {
    auto written = transport_->exchange({"POST", spec.resource, {}, write_probe_body().dump()});
    if (!written) return written.error();
    const Verdict write = verdict(*written, true, failure);
    if (write == Verdict::allowed) return Access::write;
    if (write == Verdict::failed) return failure;
  }
  auto read = transport_->exchange({"GET", spec.resource, {{"page[size]", "1"}}, {}});
  if (!read) return read.error();
  switch (verdict(*read, false, failure)) {
    case Verdict::allowed:
      return Access::read;
    case Verdict::denied:
      return Access::none;
    case Verdict::failed:
      break;
  }
  return failure;
}

ApiResult<PermissionReport> PinpointClient::check_permissions() const {
  PermissionReport report;
  // The first probe doubles as the authentication check: a bad key or a switched-off API fails
  // every request alike, and stops the check with that error.
  for (const auto& spec : required_permissions()) {
    auto granted = probe(spec);
    if (!granted) return granted.error();
    report.checks.push_back({spec.category, spec.needed, *granted});
  }
  return report;
}

}  // namespace pinbridge::pinpoint
