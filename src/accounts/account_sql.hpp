#pragma once
// Every statement the account store runs.
#include <string_view>

namespace pinbridge::accounts::sql {

inline constexpr std::string_view insert_account =
    "INSERT INTO accounts (slug, name, created_at) VALUES ($1, $2, $3) RETURNING id";
inline constexpr std::string_view select_account =
    "SELECT id, slug, name, created_at FROM accounts WHERE id = $1";
inline constexpr std::string_view select_account_by_slug =
    "SELECT id, slug, name, created_at FROM accounts WHERE slug = $1";
inline constexpr std::string_view select_accounts =
    "SELECT id, slug, name, created_at FROM accounts ORDER BY id";
inline constexpr std::string_view rename_account = "UPDATE accounts SET name = $2 WHERE id = $1";

inline constexpr std::string_view upsert_addon =
    "INSERT INTO account_addons (account_id, addon, enabled, updated_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (account_id, addon) DO UPDATE SET enabled = excluded.enabled, updated_at = "
    "excluded.updated_at";
inline constexpr std::string_view select_addon =
    "SELECT enabled FROM account_addons WHERE account_id = $1 AND addon = $2";

inline constexpr std::string_view insert_user =
    "INSERT INTO users (account_id, email, name, password_hash, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $5) RETURNING id";
inline constexpr std::string_view select_user =
    "SELECT id, account_id, email, name, created_at FROM users WHERE account_id = $1 AND id = $2";
inline constexpr std::string_view select_users =
    "SELECT id, account_id, email, name, created_at FROM users WHERE account_id = $1 ORDER BY email";
inline constexpr std::string_view select_user_for_login =
    "SELECT id, account_id, email, name, created_at, password_hash FROM users WHERE email = $1";
inline constexpr std::string_view delete_user = "DELETE FROM users WHERE account_id = $1 AND id = $2";
inline constexpr std::string_view update_password =
    "UPDATE users SET password_hash = $2, updated_at = $3 WHERE email = $1 RETURNING id";
inline constexpr std::string_view delete_user_sessions = "DELETE FROM sessions WHERE user_id = $1";

}  // namespace pinbridge::accounts::sql
