#include "app/options.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "pinpoint/subdomain.hpp"

namespace pinbridge::app {
namespace {

using Setter = std::function<Result<void>(Config&, const std::string&)>;

Result<long long> parse_integer(const std::string& text, long long min, long long max) {
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return Error::invalid("must be an integer");
  if (value < min || value > max) {
    return Error::invalid("must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
  return value;
}

template <typename Apply>
Option integer(std::string section, std::string key, long long def, long long min, long long max,
               std::string description, Apply apply) {
  Setter setter = [=](Config& c, const std::string& text) -> Result<void> {
    auto value = parse_integer(text, min, max);
    if (!value) return value.error();
    apply(c, *value);
    return {};
  };
  return {std::move(section),  std::move(key),         OptionType::integer,
          std::to_string(def), std::move(description), std::move(setter)};
}

template <typename Apply>
Option text(std::string section, std::string key, std::string def, std::string description, Apply apply) {
  Setter setter = [=](Config& c, const std::string& value) -> Result<void> { return apply(c, value); };
  return {std::move(section), std::move(key),         OptionType::string,
          std::move(def),     std::move(description), std::move(setter)};
}

Result<bool> parse_boolean(const std::string& text) {
  if (text == "true" || text == "1") return true;
  if (text == "false" || text == "0") return false;
  return Error::invalid("must be true or false");
}

template <typename Apply>
Option boolean(std::string section, std::string key, bool def, std::string description, Apply apply) {
  Setter setter = [=](Config& c, const std::string& text) -> Result<void> {
    auto value = parse_boolean(text);
    if (!value) return value.error();
    apply(c, *value);
    return {};
  };
  return {std::move(section),     std::move(key),         OptionType::boolean,
          def ? "true" : "false", std::move(description), std::move(setter)};
}

Result<void> apply_listen(Config& c, const std::string& value) {
  const auto colon = value.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return Error::invalid("must be host:port, e.g. 127.0.0.1:8080");
  auto port = parse_integer(value.substr(colon + 1), 0, 65535);
  if (!port) return Error::invalid("port " + port.error().message);
  std::string host = value.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  c.server.host = host;
  c.server.port = static_cast<std::uint16_t>(*port);
  return {};
}

Result<void> choose(std::string& target, const std::string& value,
                    std::initializer_list<const char*> allowed) {
  for (const char* choice : allowed) {
    if (value == choice) {
      target = value;
      return {};
    }
  }
  std::string list;
  for (const char* choice : allowed) list += (list.empty() ? "" : ", ") + std::string(choice);
  return Error::invalid("must be one of " + list);
}

std::vector<Option> server_options() {
  using std::chrono::milliseconds;
  return {
      text("server", "listen", "127.0.0.1:8080", "Address and port to listen on; port 0 picks a free port.",
           apply_listen),
      text("server", "public_url", "",
           "URL at which users and Pinpoint reach this server, used in links and "
           "webhook URLs. Empty: http://<listen>.",
           [](Config& c, const std::string& v) -> Result<void> {
             if (!v.empty() && !v.starts_with("http://") && !v.starts_with("https://")) {
               return Error::invalid("must start with http:// or https://");
             }
             c.public_url = v;
             return {};
           }),
      integer("server", "io_threads", 2, 1, 64, "Threads doing network I/O.",
              [](Config& c, long long v) { c.server.io_threads = static_cast<int>(v); }),
      integer("server", "handler_threads", 8, 1, 256,
              "Threads running request handlers (which may block on the "
              "database).",
              [](Config& c, long long v) { c.server.handler_threads = static_cast<int>(v); }),
      integer("server", "max_body_bytes", 1 << 20, 1024, 64 << 20,
              "Largest request body accepted; larger: 413.",
              [](Config& c, long long v) { c.server.max_body_bytes = static_cast<std::size_t>(v); }),
      integer("server", "max_header_bytes", 16 << 10, 1024, 1 << 20,
              "Largest request header block; larger: 431.",
              [](Config& c, long long v) { c.server.max_header_bytes = static_cast<std::size_t>(v); }),
      integer("server", "read_timeout_ms", 10'000, 100, 600'000, "Time allowed to receive a whole request.",
              [](Config& c, long long v) { c.server.read_timeout = milliseconds(v); }),
      integer("server", "write_timeout_ms", 10'000, 100, 600'000, "Time allowed to send a whole response.",
              [](Config& c, long long v) { c.server.write_timeout = milliseconds(v); }),
      integer("server", "idle_timeout_ms", 60'000, 100, 3'600'000,
              "How long an idle keep-alive connection stays open.",
              [](Config& c, long long v) { c.server.idle_timeout = milliseconds(v); }),
      integer("server", "shutdown_timeout_ms", 10'000, 0, 600'000,
              "On SIGTERM, how long in-flight requests and "
              "running jobs may take to finish.",
              [](Config& c, long long v) { c.server.shutdown_timeout = milliseconds(v); }),
  };
}

std::vector<Option> storage_options() {
  return {
      text("data", "dir", "data", "Folder for the embedded database and the generated master key.",
           [](Config& c, const std::string& v) -> Result<void> {
             if (v.empty()) return Error::invalid("must not be empty");
             c.data_dir = v;
             return {};
           }),
      text("database", "url", "",
           "sqlite:PATH or postgresql://user:password@host/db. Empty: "
           "sqlite:<data.dir>/pinbridge.db.",
           [](Config& c, const std::string& v) -> Result<void> {
             if (!v.empty() && !v.starts_with("sqlite:") && !v.starts_with("postgresql://") &&
                 !v.starts_with("postgres://")) {
               return Error::invalid("must start with sqlite: or postgresql://");
             }
             c.database.url = v;
             return {};
           }),
      integer("database", "pool_size", 8, 1, 256,
              "Database connections (PostgreSQL), or reader connections (SQLite).",
              [](Config& c, long long v) { c.database.pool_size = static_cast<int>(v); }),
      text(
          "database", "sqlite_synchronous", "normal",
          "SQLite durability: normal (commits survive a crash of "
          "the process, not a power loss of the machine) or full (an fsync per commit; survives power loss).",
          [](Config& c, const std::string& v) {
            return choose(c.database.sqlite_synchronous, v, {"normal", "full"});
          }),
      integer("database", "sqlite_checkpoint_pages", store::DatabaseSettings{}.sqlite_checkpoint_pages, 100,
              10'000'000,
              "SQLite: WAL pages (4 KB) that start a checkpoint. Fewer keep the WAL file smaller "
              "(it grows to about this many pages times 4 KB); more cost less CPU under heavy writing.",
              [](Config& c, long long v) { c.database.sqlite_checkpoint_pages = static_cast<int>(v); }),
      integer("database", "busy_timeout_ms", 5000, 0, 600'000,
              "SQLite: how long to wait for another process's "
              "write lock.",
              [](Config& c, long long v) { c.database.busy_timeout_ms = static_cast<int>(v); }),
  };
}

std::vector<Option> security_options() {
  using std::chrono::milliseconds;
  return {
      Option{"security", "master_key", OptionType::secret, "",
             "Base64 of 32 random bytes that encrypts stored secrets (Pinpoint API keys, signing secrets). "
             "Empty with SQLite: read from, or generated into, <data.dir>/master.key (mode 0600). Required "
             "with PostgreSQL, the same on every node.",
             [](Config& c, const std::string& v) -> Result<void> {
               c.master_key = Secret(v);
               return {};
             }},
      boolean("security", "secure_cookies", false, "Mark cookies Secure; turn on when served over HTTPS.",
              [](Config& c, bool v) { c.secure_cookies = v; }),
      text("security", "password_cost", "interactive",
           "Argon2id cost of password hashes: interactive or moderate.",
           [](Config& c, const std::string& v) -> Result<void> {
             if (v == "interactive")
               c.password_cost = crypto::PasswordCost::interactive;
             else if (v == "moderate")
               c.password_cost = crypto::PasswordCost::moderate;
             else
               return Error::invalid("must be one of interactive, moderate");
             return {};
           }),
      integer("security", "session_hours", 12, 1, 24LL * 30, "How long a dashboard sign-in lasts.",
              [](Config& c, long long v) { c.sessions.lifetime = std::chrono::hours(v); }),
      integer("security", "login_max_failures", 5, 1, 1000,
              "Failed sign-ins per email (4x per address) within "
              "the window before sign-in is refused.",
              [](Config& c, long long v) { c.sessions.login_limits.max_failures = static_cast<int>(v); }),
      integer("security", "login_window_minutes", 15, 1, 24LL * 60, "The window of login_max_failures.",
              [](Config& c, long long v) { c.sessions.login_limits.window = std::chrono::minutes(v); }),
  };
}

std::vector<Option> queue_options() {
  using std::chrono::milliseconds;
  return {
      integer("queue", "workers", 8, 1, 512, "Jobs run at once by this node.",
              [](Config& c, long long v) { c.workers.concurrency = static_cast<int>(v); }),
      integer("queue", "poll_interval_ms", 1000, 10, 60'000,
              "Longest wait before looking for due jobs when "
              "nothing wakes the workers.",
              [](Config& c, long long v) { c.workers.poll_interval = milliseconds(v); }),
      integer("queue", "lease_seconds", 300, 1, 86'400,
              "How long a job may run before the rescuer hands it to "
              "another worker.",
              [](Config& c, long long v) { c.queue.lease = std::chrono::seconds(v); }),
      integer("queue", "rescue_interval_ms", 30'000, 100, 3'600'000,
              "How often expired leases are looked for.",
              [](Config& c, long long v) { c.workers.rescue_interval = milliseconds(v); }),
      integer("queue", "max_attempts", 25, 1, 1000,
              "Attempts before a failing job is discarded (unless the job "
              "sets its own).",
              [](Config& c, long long v) { c.queue.default_max_attempts = static_cast<int>(v); }),
      integer("queue", "backoff_base_ms", 1000, 1, 3'600'000,
              "Delay before the first retry; doubles per attempt.",
              [](Config& c, long long v) { c.queue.backoff.base = milliseconds(v); }),
      integer("queue", "backoff_max_ms", 3'600'000, 1, 86'400'000, "Longest delay between retries.",
              [](Config& c, long long v) { c.queue.backoff.cap = milliseconds(v); }),
      integer("queue", "retention_hours", 168, 1, 24LL * 365,
              "How long finished jobs (and their unique keys) are "
              "kept.",
              [](Config& c, long long v) { c.queue.retention = std::chrono::hours(v); }),
  };
}

std::vector<Option> platform_options() {
  return {
      integer("invitations", "expiry_days", 7, 1, 365,
              "Days a candidate has to start an assessment before the invitation expires.",
              [](Config& c, long long v) { c.invitations.expiry = std::chrono::hours(24 * v); }),
      integer("invitations", "reminder_after_hours", 48, 0, 24LL * 365,
              "Hours after the invitation when a candidate who has not started gets a reminder; 0 "
              "sends none.",
              [](Config& c, long long v) { c.invitations.reminder_after = std::chrono::hours(v); }),
      text("smtp", "url", "",
           "SMTP server for candidate email, e.g. smtp://mail.example.com:587 (STARTTLS when offered) or "
           "smtps://mail.example.com:465. Empty: email stays in the dashboard's outbox.",
           [](Config& c, const std::string& v) -> Result<void> {
             if (!v.empty() && !v.starts_with("smtp://") && !v.starts_with("smtps://"))
               return Error::invalid("must start with smtp:// or smtps://");
             c.smtp.url = v;
             return {};
           }),
      text("smtp", "username", "", "SMTP user name; empty: no authentication.",
           [](Config& c, const std::string& v) -> Result<void> {
             c.smtp.username = v;
             return {};
           }),
      Option{"smtp", "password", OptionType::secret, "", "SMTP password.",
             [](Config& c, const std::string& v) -> Result<void> {
               c.smtp.password = Secret(v);
               return {};
             }},
      text("smtp", "from", "Pinbridge <no-reply@pinbridge.invalid>", "The From of candidate email.",
           [](Config& c, const std::string& v) -> Result<void> {
             if (v.find('@') == std::string::npos) return Error::invalid("must contain an email address");
             c.smtp.from = v;
             return {};
           }),
      integer("smtp", "timeout_seconds", 20, 1, 300, "Longest time one message may take to send.",
              [](Config& c, long long v) { c.smtp.timeout = std::chrono::seconds(v); }),
  };
}

std::vector<Option> webhook_options() {
  return {
      boolean(
          "webhooks", "allow_private_targets", false,
          "Let customer webhook endpoints resolve to loopback or private addresses. Keep off unless every "
          "tenant is trusted (tests, on-premise installs): on, a tenant can reach internal services.",
          [](Config& c, bool v) { c.webhook_targets.allow_private_targets = v; }),
      integer("webhooks", "timeout_seconds", 10, 1, 60, "Longest time one webhook delivery may take.",
              [](Config& c, long long v) { c.webhooks.timeout = std::chrono::seconds(v); }),
      integer("webhooks", "max_attempts", 12, 1, 100,
              "Delivery attempts per event and endpoint before giving up (retried with the queue's backoff).",
              [](Config& c, long long v) { c.webhooks.max_attempts = static_cast<int>(v); }),
  };
}

std::vector<Option> plugin_options() {
  return {
      integer("plugin", "callback_timeout_seconds", 10, 1, 60,
              "Longest time one result callback to Pinpoint may take (the target policy is "
              "webhooks.allow_private_targets).",
              [](Config& c, long long v) { c.plugin_callbacks.timeout = std::chrono::seconds(v); }),
      integer("plugin", "callback_max_attempts", 12, 1, 100,
              "Attempts per result callback before giving up (retried with the queue's backoff).",
              [](Config& c, long long v) { c.plugin_callbacks.max_attempts = static_cast<int>(v); }),
  };
}

std::vector<Option> pinpoint_options() {
  return {
      text("pinpoint", "base_url_override", "",
           "Send every account's Pinpoint calls to this http(s)://host[:port] instead of "
           "https://<subdomain>.pinpointhq.com, e.g. pinpoint-sim for demos and tests. Never per account.",
           [](Config& c, const std::string& v) -> Result<void> {
             if (v.empty()) return {};
             auto valid = pinpoint::validate_base_url_override(v);
             if (!valid) return valid.error();
             c.pinpoint.base_url_override = *valid;
             return {};
           }),
      integer("pinpoint", "requests_per_second", 10, 0, 10'000,
              "Our own cap on calls to one account's Pinpoint, spaced evenly so that no second ever holds "
              "more; 0 turns it off.",
              [](Config& c, long long v) {
                c.pinpoint.requests_per_second = static_cast<double>(v);
                c.pinpoint.burst = 1;  // a burst would let the first second hold up to twice the rate
              }),
      integer("pinpoint", "request_timeout_ms", 10'000, 100, 120'000,
              "Longest wait for one answer from Pinpoint.",
              [](Config& c, long long v) { c.pinpoint.request_timeout = std::chrono::milliseconds(v); }),
  };
}

std::vector<Option> log_options() {
  return {
      text("log", "level", "info", "trace, debug, info, warn or error.",
           [](Config& c, const std::string& v) {
             return choose(c.log_level, v, {"trace", "debug", "info", "warn", "error"});
           }),
      text("log", "format", "json", "json (one object per line) or text.",
           [](Config& c, const std::string& v) {
             return choose(c.log_format, v, {"json", "text"});
           }),
  };
}

}  // namespace

std::string Option::environment_name() const {
  std::string name = "PINBRIDGE_" + (section.empty() ? key : section + "_" + key);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::toupper(c); });
  return name;
}

const std::vector<Option>& all_options() {
  static const std::vector<Option> options = [] {
    std::vector<Option> all;
    for (auto part :
         {server_options(), storage_options(), security_options(), queue_options(), platform_options(),
          webhook_options(), plugin_options(), pinpoint_options(), log_options()}) {
      std::move(part.begin(), part.end(), std::back_inserter(all));
    }
    return all;
  }();
  return options;
}

}  // namespace pinbridge::app
