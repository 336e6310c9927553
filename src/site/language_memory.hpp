// The language a person reads the site in, remembered on their device (a cookie), so that "/"
// (a poster's link, a typed address) opens in it next time rather than in the browser's.
#pragma once

#include "core/language.hpp"
#include "http/dispatcher.hpp"

namespace skirosim::site {

inline constexpr const char* kLanguageCookie = "skirosim_lang";

// Remembers the language of every page read (a GET under /lv/, /ru/, /en/ that answers 200)
// when it differs from the one remembered.
http::Middleware remember_language(bool secure_cookies);

// The language "/" opens in: the remembered one, else the browser's (Accept-Language).
Language opening_language(const http::Request& request);

}  // namespace skirosim::site
