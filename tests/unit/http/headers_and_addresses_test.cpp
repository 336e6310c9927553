// What keeps request text out of response headers, and who the visitor is behind a proxy.
#include <gtest/gtest.h>

#include "core/ids.hpp"
#include "core/utf8.hpp"
#include "http/client_address.hpp"
#include "http/message.hpp"

namespace skirosim {
namespace {

TEST(HeaderValues, NoLineBreakOrControlCharacterSurvives) {
    EXPECT_EQ(http::safe_header_value("a\r\nX-Injected: yes"), "a%0D%0AX-Injected: yes");
    EXPECT_EQ(http::safe_header_value(std::string("nul\0here", 8)), "nul%00here");
    EXPECT_EQ(http::safe_header_value("tab\tstays"), "tab\tstays");
    EXPECT_EQ(http::safe_header_value("del\x7f"), "del%7F");
    EXPECT_EQ(http::safe_header_value("ā stays as UTF-8"), "ā stays as UTF-8");
}

TEST(HeaderValues, LocationsAreUrisWithoutSpacesOrRawBytes) {
    EXPECT_EQ(http::safe_location("/lv/guide?q=ābols un\r\nX: y"),
              "/lv/guide?q=%C4%81bols%20un%0D%0AX:%20y");
    EXPECT_EQ(http::safe_location("/lv/login?next=%2Flv%2Faccount"),
              "/lv/login?next=%2Flv%2Faccount");
}

TEST(HeaderValues, ContentDispositionKeepsTheNameAndCannotBeBrokenOutOf) {
    EXPECT_EQ(http::content_disposition("attachment", "figures-2026.csv"),
              "attachment; filename=\"figures-2026.csv\"; filename*=UTF-8''figures-2026.csv");
    EXPECT_EQ(http::content_disposition("inline", "x\"; y=\r\n.ics"),
              "inline; filename=\"x_; y=__.ics\"; filename*=UTF-8''x%22%3B%20y%3D%0D%0A.ics");
    EXPECT_EQ(http::content_disposition("inline", "ķīmija.ics"),
              "inline; filename=\"____mija.ics\"; filename*=UTF-8''%C4%B7%C4%ABmija.ics");
}

TEST(Ids, OnlyWholeNumbers) {
    EXPECT_EQ(parse_id("42"), 42);
    EXPECT_EQ(parse_id("0"), 0);
    for (const char* bad :
         {"", "1 AND 1=1", "42abc", " 42", "+42", "-1", "4.2", "1234567890123456789"}) {
        EXPECT_FALSE(parse_id(bad)) << bad;
    }
}

TEST(Utf8, APrefixNeverCutsACharacter) {
    const std::string text = std::string(199, 'a') + "ā" + "b";  // ā is two bytes: 199 and 200
    EXPECT_EQ(utf8_prefix(text, 200), std::string(199, 'a'));
    EXPECT_EQ(utf8_prefix(text, 201), std::string(199, 'a') + "ā");
    EXPECT_EQ(utf8_prefix("ж", 1), "");
    EXPECT_EQ(utf8_prefix("short", 200), "short");
    EXPECT_TRUE(is_valid_utf8(utf8_prefix("🙂🙂🙂", 7)));
}

TEST(Utf8, TerminalOutputShowsControlCharactersInsteadOfObeyingThem) {
    EXPECT_EQ(printable_for_terminal("x\x1b[31mred\x07"), "x\\x1b[31mred\\x07");
    EXPECT_EQ(printable_for_terminal("two\nlines\tand ā"), "two\nlines\tand ā");
    EXPECT_EQ(printable_for_terminal("c1 \xc2\x9b"
                                     "2J"),
              "c1 \\x9b2J");
}

TEST(TrustedProxies, WithoutThemThePeerIsTheVisitorWhateverItClaims) {
    http::TrustedProxies none;
    EXPECT_EQ(none.client_address("203.0.113.9", {"198.51.100.1"}), "203.0.113.9");
}

TEST(TrustedProxies, TheRightmostHopThatIsNotAProxyIsTheVisitor) {
    auto proxies = http::TrustedProxies::parse({"127.0.0.1", "10.0.0.0/8"});
    ASSERT_TRUE(proxies);
    // nginx on 127.0.0.1 appended what it saw; the visitor wrote the first entry itself.
    EXPECT_EQ(proxies->client_address("127.0.0.1", {"6.6.6.6, 203.0.113.7"}), "203.0.113.7");
    // Two proxies in a row, and the header over two lines.
    EXPECT_EQ(proxies->client_address("127.0.0.1", {"203.0.113.7", "10.1.2.3"}), "203.0.113.7");
    // A peer that is not a proxy is believed about nothing.
    EXPECT_EQ(proxies->client_address("198.51.100.2", {"203.0.113.7"}), "198.51.100.2");
    // Garbage in the header: the last trusted hop is all we know.
    EXPECT_EQ(proxies->client_address("127.0.0.1", {"not-an-address"}), "127.0.0.1");
    // Every hop a proxy: the leftmost.
    EXPECT_EQ(proxies->client_address("127.0.0.1", {"10.0.0.5"}), "10.0.0.5");
    // IPv4 through an IPv6 socket is the same address.
    EXPECT_EQ(proxies->client_address("::ffff:127.0.0.1", {"203.0.113.8"}), "203.0.113.8");
}

TEST(TrustedProxies, RangesAndBadSettings) {
    auto proxies = http::TrustedProxies::parse({"192.168.0.0/16", "fd00::/8"});
    ASSERT_TRUE(proxies);
    EXPECT_TRUE(proxies->trusts(boost::asio::ip::make_address("192.168.44.1")));
    EXPECT_FALSE(proxies->trusts(boost::asio::ip::make_address("192.169.0.1")));
    EXPECT_TRUE(proxies->trusts(boost::asio::ip::make_address("fd12::1")));
    EXPECT_FALSE(proxies->trusts(boost::asio::ip::make_address("fe80::1")));
    for (const char* bad : {"10.0.0.0/33", "10.0.0.0/", "nginx", "10.0.0.0/8x"}) {
        EXPECT_FALSE(http::TrustedProxies::parse({bad})) << bad;
    }
}

}  // namespace
}  // namespace skirosim
