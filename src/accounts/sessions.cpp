#include "accounts/sessions.hpp"

#include "core/crypto.hpp"

namespace pinbridge::accounts {
namespace sql {

constexpr std::string_view insert_session =
    "INSERT INTO sessions (token_hash, user_id, account_id, csrf_token, created_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view select_session =
    "SELECT u.id, u.account_id, u.email, u.name, u.created_at, a.slug, a.name, a.created_at, "
    "s.csrf_token, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id "
    "JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = $1 AND s.expires_at > $2";
constexpr std::string_view delete_session = "DELETE FROM sessions WHERE token_hash = $1";
constexpr std::string_view delete_expired_sessions = "DELETE FROM sessions WHERE expires_at <= $1";

}  // namespace sql

SessionManager::SessionManager(store::Database& database, AccountStore& accounts, const Clock& clock,
                               SessionSettings settings)
    : database_(database),
      accounts_(accounts),
      clock_(clock),
      settings_(settings),
      limiter_(clock, settings.login_limits) {}

Result<NewSession> SessionManager::sign_in(std::string_view email, const Secret& password,
                                           const std::string& remote_address) {
  const auto normalized = normalize_email(email);
  const std::string key = normalized ? *normalized : std::string(email);
  if (!limiter_.allowed(key, remote_address)) {
    const auto minutes = std::chrono::ceil<std::chrono::minutes>(settings_.login_limits.window).count();
    return Error{ErrorCode::rate_limited, "too many failed sign-ins; wait up to " + std::to_string(minutes) +
                                              " minutes and try again"};
  }
  const auto user = accounts_.check_credentials(email, password);
  if (!user) {
    limiter_.record_failure(key, remote_address);
    return Error::unauthorized("email or password is incorrect");
  }
  limiter_.record_success(key);
  NewSession session{Secret(crypto::random_token(32)), clock_.now() + settings_.lifetime};
  database_.write([&](store::Connection& c) {
    c.execute(sql::insert_session,
              {crypto::sha256_hex(session.token.reveal()), user->id, user->account_id,
               crypto::random_token(32), to_unix_ms(clock_.now()), to_unix_ms(session.expires_at)});
  });
  return session;
}

std::optional<SessionContext> SessionManager::authenticate(std::string_view token) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  const auto row = database_.read([&](store::Connection& c) {
    return c.query_one(sql::select_session, {crypto::sha256_hex(token), to_unix_ms(clock_.now())});
  });
  if (!row) return std::nullopt;
  SessionContext context;
  context.user = {row->integer(0), row->integer(1), row->text(2), row->text(3),
                  from_unix_ms(row->integer(4))};
  context.account = {row->integer(1), row->text(5), row->text(6), from_unix_ms(row->integer(7))};
  context.csrf_token = row->text(8);
  context.expires_at = from_unix_ms(row->integer(9));
  return context;
}

void SessionManager::sign_out(std::string_view token) {
  database_.write([&](store::Connection& c) { c.execute(sql::delete_session, {crypto::sha256_hex(token)}); });
}

int SessionManager::prune_expired() {
  return database_.write([&](store::Connection& c) {
    return static_cast<int>(c.execute(sql::delete_expired_sessions, {to_unix_ms(clock_.now())}));
  });
}

bool SessionManager::csrf_matches(const SessionContext& session, std::string_view submitted) {
  return !submitted.empty() && crypto::constant_time_equals(session.csrf_token, submitted);
}

}  // namespace pinbridge::accounts
