// Template loading, pre-translation and rendering.
#include "web/views.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace skirosim::web {

namespace fs = std::filesystem;

namespace {
constexpr std::string_view kOpen = "{{#_}}";
constexpr std::string_view kClose = "{{/_}}";

// Collapses runs of white space so that a msgid wrapped over lines matches the catalogue.
std::string normalize_space(const std::string& text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}
}  // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string Views::pretranslate(const std::string& source,
                                const std::function<std::string(const std::string&)>& tr) {
    std::string out;
    std::size_t pos = 0;
    while (true) {
        auto open = source.find(kOpen, pos);
        if (open == std::string::npos) break;
        auto close = source.find(kClose, open);
        if (close == std::string::npos) throw std::runtime_error("unclosed {{#_}} in template");
        out.append(source, pos, open - pos);
        std::string msgid =
            normalize_space(source.substr(open + kOpen.size(), close - open - kOpen.size()));
        out += html_escape(tr(msgid));
        pos = close + kClose.size();
    }
    out.append(source, pos);
    return out;
}

std::vector<std::string> Views::template_msgids(const std::string& source) {
    std::vector<std::string> ids;
    pretranslate(source, [&ids](const std::string& id) {
        ids.push_back(id);
        return id;
    });
    return ids;
}

Views::Views(const fs::path& template_dir, const i18n::Translator& translator,
             const http::StaticFiles& static_files)
    : translator_(translator), static_files_(static_files) {
    if (!fs::is_directory(template_dir)) {
        throw std::runtime_error("templates folder not found: " + template_dir.string());
    }
    for (const auto& entry : fs::recursive_directory_iterator(template_dir)) {
        if (entry.path().extension() != ".mustache") continue;
        std::ifstream file(entry.path(), std::ios::binary);
        std::stringstream text;
        text << file.rdbuf();
        std::string name =
            fs::relative(entry.path(), template_dir).replace_extension().generic_string();
        for (Language language : kLanguages) {
            std::string translated = pretranslate(
                text.str(), [&](const std::string& id) { return translator.text(language, id); });
            mustache::mustache check(translated);
            if (!check.is_valid()) {
                throw std::runtime_error("template " + name + ": " + check.error_message());
            }
            in(sources_, language)[name] = std::move(translated);
        }
    }
}

const std::string& Views::source(Language language, const std::string& name) const {
    const auto& sources = in(sources_, language);
    auto it = sources.find(name);
    if (it == sources.end()) throw std::runtime_error("no template " + name);
    return it->second;
}

std::string Views::render_fragment(Language language, const std::string& name,
                                   const mustache::data& data) const {
    // Parsed templates are kept per thread: kainjow's render is not const.
    // The copy of the source guards against a new Views reusing an old one's address (tests).
    thread_local std::unordered_map<const std::string*, std::pair<std::string, mustache::mustache>>
        parsed;
    const std::string& text = source(language, name);
    auto it = parsed.find(&text);
    if (it == parsed.end() || it->second.first != text) {
        parsed.erase(&text);
        it = parsed.emplace(&text, std::make_pair(text, mustache::mustache(text))).first;
    }
    return it->second.second.render(data);
}

std::string path_in_language(const http::Request& request, Language language) {
    std::string path = "/" + std::string(code(language));
    std::size_t start = 0;
    if (!request.segments.empty() && parse_language(request.segments[0])) start = 1;
    for (std::size_t i = start; i < request.segments.size(); ++i) {
        path += "/";
        path += http::percent_encode(request.segments[i]);
    }
    // The same page in the other language: a search stays a search ("/lv/guide?q=baterija" →
    // "/ru/guide?q=baterija"). One-time tokens stay behind: a link is not opened twice.
    if (request.method == boost::beast::http::verb::get) {
        http::Params kept;
        for (const auto& [key, value] : request.query) {
            if (key != "token") kept.emplace_back(key, value);
        }
        if (!kept.empty()) path += "?" + http::encode_form(kept);
    }
    return path;
}

http::Response Views::render(const http::Request& request, Page page) const {
    const Language language = request.language;
    const FormToken* token = request.attached<FormToken>();
    const std::string csrf = token ? token->value : std::string();
    page.data.set("lang", std::string(code(language)));
    page.data.set("csrf", csrf);
    std::string content = render_fragment(language, page.template_name, page.data);

    mustache::data layout{mustache::data::type::object};
    for (const auto& part : layout_parts_) part(request, layout);
    // One notice a page, however many things on it are sample data (each is marked discreetly).
    layout.set("has_sample", content.find("class=\"sample-mark") != std::string::npos);
    layout.set("content", content);
    // GOV.UK's pattern: the title says first that the form needs another look, and a summary at
    // the top links each problem to its field.
    layout.set("title", page.problems.empty()
                            ? page.title
                            : translator_.text(language, "Error:") + " " + page.title);
    if (!page.problems.empty()) {
        mustache::data problems{mustache::data::type::list};
        for (const auto& problem : page.problems) {
            mustache::data entry;
            entry.set("message", problem.message);
            if (!problem.field_id.empty()) entry.set("href", "#" + problem.field_id);
            problems.push_back(entry);
        }
        layout.set("problems", problems);
        layout.set("has_problems", true);
    }
    // The home page's title is the initiative's name: do not say it twice.
    layout.set("title_is_name", page.section == "home");
    layout.set("lang", std::string(code(language)));
    layout.set("css_version", static_files_.version("css/site.css"));
    layout.set("js_version", static_files_.version("js/site.js"));
    layout.set("section_" + (page.section.empty() ? std::string("none") : page.section), true);

    mustache::data languages{mustache::data::type::list};
    const std::vector<Language> order =
        language_order_ ? language_order_()
                        : std::vector<Language>(kLanguages.begin(), kLanguages.end());
    for (Language other : order) {
        mustache::data entry;
        entry.set("code", std::string(code(other)));
        entry.set("name", std::string(i18n::native_name(other)));
        entry.set("href", path_in_language(request, other));
        entry.set("current", other == language);
        languages.push_back(entry);
    }
    layout.set("languages", languages);
    layout.set("csrf", csrf);
    mustache::data styles{mustache::data::type::list}, scripts{mustache::data::type::list};
    for (const auto& s : page.styles) {
        mustache::data d;
        d.set("href", "/static/" + s + "?v=" + static_files_.version(s));
        styles.push_back(d);
    }
    for (const auto& s : page.scripts) {
        mustache::data d;
        d.set("src", "/static/" + s + "?v=" + static_files_.version(s));
        scripts.push_back(d);
    }
    layout.set("styles", styles);
    layout.set("scripts", scripts);
    http::Response response =
        http::Response::html(render_fragment(language, "layout", layout), page.status);
    response.header("Content-Language", std::string(code(language)));
    return response;
}

}  // namespace skirosim::web
