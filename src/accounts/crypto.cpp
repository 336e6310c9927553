// libsodium wrappers.
#include "accounts/crypto.hpp"

#include <sodium.h>

#include <stdexcept>

namespace skirosim::accounts {

void ensure_sodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

std::string random_token() {
    ensure_sodium();
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(out, sizeof out, bytes, sizeof bytes,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

std::string random_code() {
    ensure_sodium();
    std::string code;
    for (int i = 0; i < 8; ++i) code += static_cast<char>('0' + randombytes_uniform(10));
    return code;
}

std::string token_hash(const std::string& token) {
    ensure_sodium();
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                       token.size(), nullptr, 0);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

bool same(const std::string& a, const std::string& b) {
    ensure_sodium();
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string keyed_tag(const std::string& key_hex, const std::string& message) {
    ensure_sodium();
    unsigned char key[crypto_auth_KEYBYTES] = {};
    std::size_t key_length = 0;
    if (sodium_hex2bin(key, sizeof key, key_hex.data(), key_hex.size(), nullptr, &key_length,
                       nullptr) != 0 ||
        key_length != sizeof key) {
        throw std::runtime_error("a secret key is not 32 bytes of hex");
    }
    unsigned char tag[crypto_auth_BYTES];
    crypto_auth(tag, reinterpret_cast<const unsigned char*>(message.data()), message.size(), key);
    char
        out[sodium_base64_ENCODED_LEN(crypto_auth_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(out, sizeof out, tag, sizeof tag, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

std::string new_key() {
    ensure_sodium();
    unsigned char key[crypto_auth_KEYBYTES];
    crypto_auth_keygen(key);
    char hex[2 * crypto_auth_KEYBYTES + 1];
    sodium_bin2hex(hex, sizeof hex, key, sizeof key);
    return hex;
}

}  // namespace skirosim::accounts
