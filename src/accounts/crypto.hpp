// Passwords (argon2id) and random tokens, through libsodium.
#pragma once

#include <string>

namespace skirosim::accounts {

std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);
// 32 random bytes, URL-safe base64 without padding: for cookies and links.
std::string random_token();
// A short code people can type: 8 digits.
std::string random_code();
// What the database keeps instead of a token: a keyed BLAKE2b hash, hex.
std::string token_hash(const std::string& token);
// Compares in constant time.
bool same(const std::string& a, const std::string& b);

}  // namespace skirosim::accounts
