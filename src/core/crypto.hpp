#pragma once
// Cryptography through libsodium only: random tokens, hashes, HMAC, constant-time compares,
// secret-box encryption of stored secrets and Argon2id password hashes.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/secret.hpp"

namespace pinbridge::crypto {

// Must be called once before any other function here (idempotent, thread-safe).
void initialize();

// An unguessable token: `bytes` random bytes as URL-safe base64 without padding.
std::string random_token(std::size_t bytes = 32);

std::string to_hex(std::string_view bytes);
std::string base64_encode(std::string_view bytes);         // standard alphabet, padded
Result<std::string> base64_decode(std::string_view text);  // standard alphabet, padded
std::string base64url_encode(std::string_view bytes);      // URL-safe, no padding

// SHA-256 of data, hex encoded. Used to store tokens so a database leak does not leak them.
std::string sha256_hex(std::string_view data);
// Raw 32-byte HMAC-SHA256.
std::string hmac_sha256(std::string_view key, std::string_view message);
// Compares in time that depends only on the lengths.
bool constant_time_equals(std::string_view a, std::string_view b);

// Encrypts secrets at rest (XSalsa20-Poly1305) under a 32-byte master key.
class SecretBox {
 public:
  static constexpr std::size_t key_size = 32;
  // key must be exactly key_size raw bytes.
  static Result<SecretBox> from_key(std::string_view raw_key);
  static std::string generate_key();  // raw bytes

  // "v1:" + base64(nonce || ciphertext).
  std::string seal(const Secret& plaintext) const;
  Result<Secret> open(std::string_view sealed) const;
  // A key for another purpose (e.g. signing report links), derived from the master key and a
  // context name, so one master key serves every purpose without reusing it directly.
  std::string derive_key(std::string_view context) const;

 private:
  explicit SecretBox(std::string_view raw_key);
  std::array<unsigned char, key_size> key_{};
};

// Argon2id password hashing (libsodium's crypto_pwhash_str), with the cost given by a preset.
enum class PasswordCost { interactive, moderate, minimal_for_tests };
std::string hash_password(const Secret& password, PasswordCost cost = PasswordCost::interactive);
bool verify_password(const Secret& password, const std::string& stored_hash);

}  // namespace pinbridge::crypto
