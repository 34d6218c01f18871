#include "core/crypto.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace pinbridge::crypto {
namespace {

const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::string encode(std::string_view bytes, int variant) {
  std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes_of(bytes), bytes.size(), variant);
  out.resize(out.size() - 1);  // drop the terminating NUL libsodium writes
  return out;
}

}  // namespace

void initialize() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string random_token(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return base64url_encode(raw);
}

std::string to_hex(std::string_view bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes_of(bytes), bytes.size());
  out.pop_back();
  return out;
}

std::string base64_encode(std::string_view bytes) {
  return encode(bytes, sodium_base64_VARIANT_ORIGINAL);
}
std::string base64url_encode(std::string_view bytes) {
  return encode(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

Result<std::string> base64_decode(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                        nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return Error::invalid("not valid base64");
  }
  out.resize(length);
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, bytes_of(data), data.size());
  return to_hex({reinterpret_cast<const char*>(digest), sizeof digest});
}

std::string hmac_sha256(std::string_view key, std::string_view message) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, bytes_of(key), key.size());
  crypto_auth_hmacsha256_update(&state, bytes_of(message), message.size());
  std::string mac(crypto_auth_hmacsha256_BYTES, '\0');
  crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char*>(mac.data()));
  return mac;
}

bool constant_time_equals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

SecretBox::SecretBox(std::string_view raw_key) {
  std::copy(raw_key.begin(), raw_key.end(), key_.begin());
}

Result<SecretBox> SecretBox::from_key(std::string_view raw_key) {
  if (raw_key.size() != key_size) {
    return Error::invalid("the master key must be 32 bytes (44 characters of base64)");
  }
  return SecretBox(raw_key);
}

std::string SecretBox::generate_key() {
  std::string key(key_size, '\0');
  crypto_secretbox_keygen(reinterpret_cast<unsigned char*>(key.data()));
  return key;
}

std::string SecretBox::seal(const Secret& plaintext) const {
  const std::string& message = plaintext.reveal();
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + message.size(), '\0');
  auto* out = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(out, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES, bytes_of(message), message.size(), out,
                        key_.data());
  return "v1:" + base64_encode(box);
}

std::string SecretBox::derive_key(std::string_view context) const {
  const std::string key(reinterpret_cast<const char*>(key_.data()), key_.size());
  return hmac_sha256(key, "pinbridge-derived-key:" + std::string(context));
}

Result<Secret> SecretBox::open(std::string_view sealed) const {
  if (!sealed.starts_with("v1:")) return Error::invalid("unknown secret format");
  auto box = base64_decode(sealed.substr(3));
  if (!box) return box.error();
  const std::size_t overhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
  if (box->size() < overhead) return Error::invalid("sealed secret is truncated");
  std::string message(box->size() - overhead, '\0');
  const auto* in = bytes_of(*box);
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(message.data()),
                                 in + crypto_secretbox_NONCEBYTES, box->size() - crypto_secretbox_NONCEBYTES,
                                 in, key_.data()) != 0) {
    return Error::invalid("secret could not be decrypted: wrong master key or tampered data");
  }
  return Secret(std::move(message));
}

std::string hash_password(const Secret& password, PasswordCost cost) {
  unsigned long long ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
  std::size_t mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
  if (cost == PasswordCost::moderate) {
    ops = crypto_pwhash_OPSLIMIT_MODERATE;
    mem = crypto_pwhash_MEMLIMIT_MODERATE;
  } else if (cost == PasswordCost::minimal_for_tests) {
    ops = crypto_pwhash_OPSLIMIT_MIN;
    mem = crypto_pwhash_MEMLIMIT_MIN;
  }
  char out[crypto_pwhash_STRBYTES];
  const std::string& pw = password.reveal();
  if (crypto_pwhash_str_alg(out, pw.data(), pw.size(), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

bool verify_password(const Secret& password, const std::string& stored_hash) {
  const std::string& pw = password.reveal();
  return crypto_pwhash_str_verify(stored_hash.c_str(), pw.data(), pw.size()) == 0;
}

}  // namespace pinbridge::crypto
