// Form and query decoding, and the UTF-8 validator that guards every input.
#include <gtest/gtest.h>

#include "core/utf8.hpp"
#include "http/message.hpp"

namespace skirosim {
namespace {

TEST(FormDecoding, DecodesPlusPercentAndOrder) {
    auto params = http::decode_form("q=picas+k%C4%81rba&lang=lv&empty=&flag&q=second");
    ASSERT_TRUE(params);
    ASSERT_EQ(params->size(), 5u);
    EXPECT_EQ((*params)[0], (std::pair<std::string, std::string>{"q", "picas kārba"}));
    EXPECT_EQ((*params)[1].second, "lv");
    EXPECT_EQ((*params)[2].second, "");
    EXPECT_EQ((*params)[3].first, "flag");
    EXPECT_EQ((*params)[4].second, "second");
}

TEST(FormDecoding, LastValueHasNoStrayBytes) {
    // Regression: Boost.URL 1.81 decoded "lang=ru" at the end of a target as "rua".
    std::string target = "lang=ru";
    auto params = http::decode_form(std::string_view(target.data(), 7));
    ASSERT_TRUE(params);
    EXPECT_EQ(params->back().second, "ru");
}

TEST(FormDecoding, RejectsBrokenEscapes) {
    EXPECT_FALSE(http::decode_form("q=%"));
    EXPECT_FALSE(http::decode_form("q=%4"));
    EXPECT_FALSE(http::decode_form("q=%zz"));
    EXPECT_TRUE(http::decode_form("q=%41"));
    EXPECT_TRUE(http::decode_form(""));
    EXPECT_TRUE(http::decode_form("&&&"));
}

TEST(Utf8, AcceptsValidText) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("šķirošana"));
    EXPECT_TRUE(is_valid_utf8("батарейка"));
    EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));  // an emoji, four bytes
}

TEST(Utf8, RejectsMalformedText) {
    EXPECT_FALSE(is_valid_utf8("\xC3\x28"));          // bad continuation
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong, three bytes
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // a UTF-16 surrogate
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(is_valid_utf8("abc\xE2\x82"));       // cut short
    EXPECT_FALSE(is_valid_utf8("\xFF"));
}

}  // namespace
}  // namespace skirosim
