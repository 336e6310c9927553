// Random tokens and their hashes, through libsodium (passwords: accounts/passwords.hpp).
#pragma once

#include <string>

namespace skirosim::accounts {

// Initialises libsodium once; throws if it cannot be.
void ensure_sodium();

// 32 random bytes, URL-safe base64 without padding: for cookies and links.
std::string random_token();
// A short code people can type: 8 digits.
std::string random_code();
// What the database keeps instead of a token: a keyed BLAKE2b hash, hex.
std::string token_hash(const std::string& token);
// Compares in constant time.
bool same(const std::string& a, const std::string& b);
// HMAC-SHA-512-256 of `message` under a 32-byte `key` (hex), URL-safe base64: CSRF tokens.
std::string keyed_tag(const std::string& key_hex, const std::string& message);
// A new 32-byte key, hex.
std::string new_key();

}  // namespace skirosim::accounts
