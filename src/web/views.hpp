// Renders pages: mustache templates pre-translated per language, inside one base layout.
#pragma once

#include <kainjow/mustache.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <string>

#include "core/language.hpp"
#include "http/message.hpp"
#include "http/static_files.hpp"
#include "i18n/translator.hpp"

namespace skirosim::web {

namespace mustache = kainjow::mustache;

// What a capability adds to the layout of every page (the initiative and partners, who is signed
// in and their menu), for this request.
using LayoutPart = std::function<void(const http::Request&, mustache::data&)>;

// The token every form of a page carries (attached to the request by the session layer).
struct FormToken {
    std::string value;
};
// Attached when someone is signed in: their pages are their own (never shared from a cache).
struct SignedIn {};

struct Page {
    std::string template_name;  // "site/home" → templates/site/home.mustache
    std::string title;          // already translated
    std::string section;        // the navigation entry to mark current: guide, points, …
    mustache::data data = mustache::data::type::object;
    int status = 200;
    // Extra stylesheets and scripts below /static/ that this page needs (a map, say).
    std::vector<std::string> styles, scripts;
    // What was wrong with the form the person sent, for the summary at the top of the page:
    // each message links to its field when the form has one (`field_id`).
    struct Problem {
        std::string message, field_id;
    };
    std::vector<Problem> problems;
};

class Views {
public:
    // Reads templates/**.mustache and replaces {{#_}}English text{{/_}} with the escaped
    // translation for each language, once, at start.
    Views(const std::filesystem::path& template_dir, const i18n::Translator& translator,
          const http::StaticFiles& static_files);

    void add_layout_part(LayoutPart part) { layout_parts_.push_back(std::move(part)); }
    // The languages in the order the switcher offers them (the town's).
    void set_language_order(std::function<std::vector<Language>()> order) {
        language_order_ = std::move(order);
    }

    http::Response render(const http::Request& request, Page page) const;
    // Renders one template without the layout (fragments, posters, e-mails).
    std::string render_fragment(Language language, const std::string& name,
                                const mustache::data& data) const;

    const i18n::Translator& translator() const { return translator_; }

    // The msgids used in templates: the i18n test checks that every catalogue has them.
    static std::vector<std::string> template_msgids(const std::string& source);
    static std::string pretranslate(const std::string& source,
                                    const std::function<std::string(const std::string&)>& tr);

private:
    const std::string& source(Language language, const std::string& name) const;

    const i18n::Translator& translator_;
    const http::StaticFiles& static_files_;
    std::vector<LayoutPart> layout_parts_;
    std::function<std::vector<Language>()> language_order_;
    // name → translated source, per language
    std::array<std::map<std::string, std::string>, 3> sources_;
};

// The same path in another language: "/lv/about" → "/ru/about".
std::string path_in_language(const http::Request& request, Language language);
std::string html_escape(std::string_view text);

}  // namespace skirosim::web
