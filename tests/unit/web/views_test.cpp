// Templates: translation marks are replaced and escaped; every msgid has a translation.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "i18n/translator.hpp"
#include "support/test_env.hpp"
#include "web/views.hpp"

namespace skirosim::web {
namespace {

namespace fs = std::filesystem;

TEST(Views, PretranslateReplacesAndEscapes) {
    auto out = Views::pretranslate("<p>{{#_}}Hello\n   world{{/_}}</p>{{name}}",
                                   [](const std::string& id) {
                                       EXPECT_EQ(id, "Hello world");  // white space folded
                                       return std::string("<b>Sveiki & \"pasaule\"</b>");
                                   });
    EXPECT_EQ(out, "<p>&lt;b&gt;Sveiki &amp; &quot;pasaule&quot;&lt;/b&gt;</p>{{name}}");
    EXPECT_THROW(Views::pretranslate("{{#_}}never closed", [](const std::string& s) { return s; }),
                 std::runtime_error);
}

TEST(Views, PathInLanguageKeepsThePage) {
    http::Request request;
    request.segments = {"lv", "guide", "item", "pizza-box"};
    EXPECT_EQ(path_in_language(request, Language::ru), "/ru/guide/item/pizza-box");
    request.segments = {};
    EXPECT_EQ(path_in_language(request, Language::en), "/en");
}

// Every string a person sees exists in Latvian, Russian and English: every msgid used in a
// template must have a non-empty translation in lv.po and ru.po (en falls back to the msgid).
TEST(Views, EveryTemplateStringIsTranslated) {
    i18n::Translator translator(testing::locale_dir());
    std::set<std::string> msgids;
    for (const auto& entry :
         fs::recursive_directory_iterator(fs::path(testing::source_dir()) / "templates")) {
        if (entry.path().extension() != ".mustache") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        for (auto& id : Views::template_msgids(text.str())) msgids.insert(id);
    }
    ASSERT_GT(msgids.size(), 20u);
    for (const std::string& id : msgids) {
        EXPECT_NE(translator.text(Language::lv, id), id) << "no Latvian translation: " << id;
        EXPECT_NE(translator.text(Language::ru, id), id) << "no Russian translation: " << id;
    }
}

}  // namespace
}  // namespace skirosim::web
