#include "accounts/account_store.hpp"

#include <algorithm>
#include <cctype>

#include "accounts/account_sql.hpp"
#include "core/text.hpp"

namespace pinbridge::accounts {
namespace {

using store::Connection;
using store::DatabaseError;

Account account_from(const store::Row& row) {
  return {row.integer(0), row.text(1), row.text(2), from_unix_ms(row.integer(3))};
}

User user_from(const store::Row& row) {
  return {row.integer(0), row.integer(1), row.text(2), row.text(3), from_unix_ms(row.integer(4))};
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

Result<std::string> clean_name(std::string_view name, std::string_view what) {
  std::string cleaned = trim(name);
  if (cleaned.empty()) return Error::invalid(std::string(what) + " can't be blank");
  if (cleaned.size() > 200)
    return Error::invalid(std::string(what) + " is too long (200 characters at most)");
  return cleaned;
}

}  // namespace

std::string_view addon_name(Addon addon) {
  switch (addon) {
    case Addon::api:
      return "api";
  }
  return "api";
}

std::optional<Addon> parse_addon(std::string_view name) {
  if (name == "api") return Addon::api;
  return std::nullopt;
}

Result<std::string> normalize_email(std::string_view email) {
  std::string out = ascii_lower(trim(email));
  const auto at = out.find('@');
  const bool well_formed =
      at != std::string::npos && at > 0 && at + 1 < out.size() &&
      out.find('@', at + 1) == std::string::npos && out.find('.', at + 2) != std::string::npos &&
      out.back() != '.' && out.size() <= 254 &&
      std::none_of(out.begin(), out.end(), [](unsigned char c) { return std::isspace(c); });
  if (!well_formed) return Error::invalid("email is invalid");
  return out;
}

Result<void> validate_slug(std::string_view slug) {
  const bool ok = slug.size() >= 2 && slug.size() <= 40 && slug.front() != '-' && slug.back() != '-' &&
                  std::all_of(slug.begin(), slug.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                  });
  if (!ok)
    return Error::invalid(
        "slug must be 2-40 characters of a-z, 0-9 and '-', not starting or ending with '-'");
  return {};
}

Result<void> validate_password(const Secret& password) {
  const auto size = password.reveal().size();
  if (size < 10) return Error::invalid("password must be at least 10 characters");
  if (size > 256) return Error::invalid("password must be at most 256 characters");
  return {};
}

AccountStore::AccountStore(store::Database& database, const Clock& clock, crypto::PasswordCost password_cost)
    : database_(database), clock_(clock), password_cost_(password_cost) {}

const std::string& AccountStore::dummy_hash() {
  std::call_once(dummy_once_, [&] {
    dummy_hash_ = crypto::hash_password(Secret(crypto::random_token(16)), password_cost_);
  });
  return dummy_hash_;
}

Result<Account> AccountStore::create_account(std::string_view slug, std::string_view name) {
  if (auto valid = validate_slug(slug); !valid) return valid.error();
  auto clean = clean_name(name, "name");
  if (!clean) return clean.error();
  const auto now = clock_.now();
  try {
    const auto id = database_.write([&](Connection& c) {
      return c.query_one(sql::insert_account, {std::string(slug), *clean, to_unix_ms(now)})->integer(0);
    });
    return Account{id, std::string(slug), *clean, now};
  } catch (const DatabaseError& e) {
    if (e.kind() != DatabaseError::Kind::unique_violation) throw;
    return Error::conflict("an account with slug '" + std::string(slug) + "' already exists");
  }
}

std::optional<Account> AccountStore::find_account(std::int64_t id) {
  return database_.read([&](Connection& c) -> std::optional<Account> {
    auto row = c.query_one(sql::select_account, {id});
    return row ? std::optional(account_from(*row)) : std::nullopt;
  });
}

std::optional<Account> AccountStore::find_account_by_slug(std::string_view slug) {
  return database_.read([&](Connection& c) -> std::optional<Account> {
    auto row = c.query_one(sql::select_account_by_slug, {std::string(slug)});
    return row ? std::optional(account_from(*row)) : std::nullopt;
  });
}

std::vector<Account> AccountStore::list_accounts() {
  return database_.read([&](Connection& c) {
    std::vector<Account> out;
    for (const auto& row : c.query(sql::select_accounts)) out.push_back(account_from(row));
    return out;
  });
}

Result<void> AccountStore::rename_account(std::int64_t account_id, std::string_view name) {
  auto clean = clean_name(name, "name");
  if (!clean) return clean.error();
  const auto changed = database_.write([&](Connection& c) {
    return c.execute(sql::rename_account, {account_id, *clean});
  });
  if (changed == 0) return Error::not_found("no such account");
  return {};
}

void AccountStore::set_addon(std::int64_t account_id, Addon addon, bool enabled) {
  database_.write([&](Connection& c) {
    c.execute(sql::upsert_addon, {account_id, std::string(addon_name(addon)), std::int64_t{enabled ? 1 : 0},
                                  to_unix_ms(clock_.now())});
  });
}

bool AccountStore::has_addon(std::int64_t account_id, Addon addon) {
  return database_.read([&](Connection& c) { return has_addon(c, account_id, addon); });
}

bool AccountStore::has_addon(Connection& c, std::int64_t account_id, Addon addon) {
  auto row = c.query_one(sql::select_addon, {account_id, std::string(addon_name(addon))});
  return row && row->integer(0) == 1;
}

Result<User> AccountStore::create_user(std::int64_t account_id, std::string_view email, std::string_view name,
                                       const Secret& password) {
  auto normalized = normalize_email(email);
  if (!normalized) return normalized.error();
  auto clean = clean_name(name, "name");
  if (!clean) return clean.error();
  if (auto valid = validate_password(password); !valid) return valid.error();
  const std::string hash = crypto::hash_password(password, password_cost_);
  const auto now = clock_.now();
  try {
    const auto id = database_.write([&](Connection& c) {
      return c.query_one(sql::insert_user, {account_id, *normalized, *clean, hash, to_unix_ms(now)})
          ->integer(0);
    });
    return User{id, account_id, *normalized, *clean, now};
  } catch (const DatabaseError& e) {
    if (e.kind() != DatabaseError::Kind::unique_violation) throw;
    return Error::conflict("a user with email " + *normalized + " already exists");
  }
}

std::optional<User> AccountStore::find_user(std::int64_t account_id, std::int64_t user_id) {
  return database_.read([&](Connection& c) -> std::optional<User> {
    auto row = c.query_one(sql::select_user, {account_id, user_id});
    return row ? std::optional(user_from(*row)) : std::nullopt;
  });
}

std::vector<User> AccountStore::list_users(std::int64_t account_id) {
  return database_.read([&](Connection& c) {
    std::vector<User> out;
    for (const auto& row : c.query(sql::select_users, {account_id})) out.push_back(user_from(row));
    return out;
  });
}

Result<void> AccountStore::remove_user(std::int64_t account_id, std::int64_t user_id) {
  const auto removed = database_.write([&](Connection& c) {
    return c.execute(sql::delete_user, {account_id, user_id});
  });
  if (removed == 0) return Error::not_found("no such user in this account");
  return {};
}

Result<void> AccountStore::reset_password(std::string_view email, const Secret& password) {
  auto normalized = normalize_email(email);
  if (!normalized) return normalized.error();
  if (auto valid = validate_password(password); !valid) return valid.error();
  const std::string hash = crypto::hash_password(password, password_cost_);
  const bool found = database_.write([&](Connection& c) {
    auto row = c.query_one(sql::update_password, {*normalized, hash, to_unix_ms(clock_.now())});
    if (row) c.execute(sql::delete_user_sessions, {row->integer(0)});
    return row.has_value();
  });
  if (!found) return Error::not_found("no user with email " + *normalized);
  return {};
}

std::optional<User> AccountStore::check_credentials(std::string_view email, const Secret& password) {
  auto normalized = normalize_email(email);
  const auto row = normalized ? database_.read([&](Connection& c) {
    return c.query_one(sql::select_user_for_login, {*normalized});
  })
                              : std::nullopt;
  const std::string hash = row ? row->text(5) : dummy_hash();
  const bool matches = crypto::verify_password(password, hash);
  if (!row || !matches) return std::nullopt;
  return user_from(*row);
}

}  // namespace pinbridge::accounts
