#include "mail/outbox.hpp"

#include <array>

#include "store/nullable.hpp"

namespace pinbridge::mail {
namespace {

namespace sql {
// The columns email_from() reads, in its order.
#define PINBRIDGE_EMAIL_COLUMNS                                                                      \
  "id, account_id, kind, invitation_id, to_address, to_name, subject, text_body, status, attempts, " \
  "last_error, created_at, sent_at"
constexpr std::string_view insert_email =
    "INSERT INTO outbound_emails (account_id, kind, invitation_id, to_address, to_name, subject, text_body, "
    "status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', $8) RETURNING id";
constexpr std::string_view select_page =
    "SELECT " PINBRIDGE_EMAIL_COLUMNS
    " FROM outbound_emails WHERE account_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3";
constexpr std::string_view select_for_invitation =
    "SELECT " PINBRIDGE_EMAIL_COLUMNS
    " FROM outbound_emails WHERE account_id = $1 AND invitation_id = $2 "
    "ORDER BY id";
constexpr std::string_view select_one =
    "SELECT " PINBRIDGE_EMAIL_COLUMNS " FROM outbound_emails WHERE account_id = $1 AND id = $2";
constexpr std::string_view select_by_id =
    "SELECT " PINBRIDGE_EMAIL_COLUMNS " FROM outbound_emails WHERE id = $1";
constexpr std::string_view mark_sent =
    "UPDATE outbound_emails SET status = 'sent', attempts = attempts + 1, last_error = NULL, sent_at = $2 "
    "WHERE id = $1";
constexpr std::string_view mark_held = "UPDATE outbound_emails SET status = 'held' WHERE id = $1";
constexpr std::string_view record_failure =
    "UPDATE outbound_emails SET attempts = attempts + 1, last_error = $2, status = $3 WHERE id = $1";
}  // namespace sql

constexpr std::array<std::string_view, 4> status_names{"queued", "sent", "held", "failed"};

StoredEmail email_from(const store::Row& row) {
  StoredEmail out;
  out.id = row.integer(0);
  out.email = {row.integer(1), row.text(2), row.optional_integer(3), row.text(4), row.text(5),
               row.text(6),    row.text(7)};
  out.status = parse_status(row.text(8));
  out.attempts = static_cast<int>(row.integer(9));
  out.last_error = row.optional_text(10);
  out.created_at = from_unix_ms(row.integer(11));
  if (auto sent = row.optional_integer(12)) out.sent_at = from_unix_ms(*sent);
  return out;
}

std::vector<StoredEmail> emails_from(const store::Rows& rows) {
  std::vector<StoredEmail> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(email_from(row));
  return out;
}

}  // namespace

std::string_view status_name(EmailStatus status) {
  return status_names.at(static_cast<std::size_t>(status));
}

EmailStatus parse_status(std::string_view name) {
  for (std::size_t i = 0; i < status_names.size(); ++i)
    if (status_names[i] == name) return static_cast<EmailStatus>(i);
  return EmailStatus::queued;
}

Outbox::Outbox(store::Database& database, jobs::JobStore& jobs, const Clock& clock)
    : database_(database), jobs_(jobs), clock_(clock) {}

std::int64_t Outbox::queue(store::Connection& connection, const OutgoingEmail& email) {
  const auto id =
      connection
          .query_one(sql::insert_email,
                     {email.account_id, email.kind, store::nullable(email.invitation_id), email.to_address,
                      email.to_name, email.subject, email.text_body, to_unix_ms(clock_.now())})
          ->integer(0);
  jobs::NewJob job;
  job.kind = send_job_kind;
  job.args = {{"email_id", id}};
  job.account_id = email.account_id;
  job.max_attempts = 10;
  jobs_.enqueue(connection, job);
  return id;
}

std::vector<StoredEmail> Outbox::list(std::int64_t account_id, int limit, int offset) {
  return database_.read([&](store::Connection& c) {
    return emails_from(c.query(sql::select_page, {account_id, std::int64_t{limit}, std::int64_t{offset}}));
  });
}

std::vector<StoredEmail> Outbox::for_invitation(std::int64_t account_id, std::int64_t invitation_id) {
  return database_.read([&](store::Connection& c) {
    return emails_from(c.query(sql::select_for_invitation, {account_id, invitation_id}));
  });
}

std::optional<StoredEmail> Outbox::find(std::int64_t account_id, std::int64_t id) {
  return database_.read([&](store::Connection& c) -> std::optional<StoredEmail> {
    auto row = c.query_one(sql::select_one, {account_id, id});
    return row ? std::optional(email_from(*row)) : std::nullopt;
  });
}

std::optional<StoredEmail> Outbox::find_for_delivery(std::int64_t id) {
  return database_.read([&](store::Connection& c) -> std::optional<StoredEmail> {
    auto row = c.query_one(sql::select_by_id, {id});
    return row ? std::optional(email_from(*row)) : std::nullopt;
  });
}

void Outbox::mark_sent(std::int64_t id) {
  database_.write([&](store::Connection& c) { c.execute(sql::mark_sent, {id, to_unix_ms(clock_.now())}); });
}

void Outbox::mark_held(std::int64_t id) {
  database_.write([&](store::Connection& c) { c.execute(sql::mark_held, {id}); });
}

void Outbox::record_attempt_failure(std::int64_t id, std::string_view error, bool final) {
  const std::string status(status_name(final ? EmailStatus::failed : EmailStatus::queued));
  database_.write([&](store::Connection& c) {
    c.execute(sql::record_failure, {id, std::string(error), status});
  });
}

}  // namespace pinbridge::mail
