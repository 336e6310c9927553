// Handlers of the sorting guide: parse, ask the service, render.
#include "guide/routes.hpp"

#include <boost/json.hpp>
#include <boost/json/monotonic_resource.hpp>

#include <algorithm>
#include <charconv>

#include "core/utf8.hpp"
#include "text/normalize.hpp"
#include "web/page_helpers.hpp"

namespace skirosim::guide {

namespace mustache = web::mustache;
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

constexpr std::size_t kMaxQueryBytes = 200;

const char* collation_locale(Language language) {
    // The language's code is ICU's locale name for it; code() returns a NUL-terminated literal.
    return code(language).data();
}

std::size_t parse_limit(const Request& request, std::size_t fallback) {
    auto text = request.query_param("limit");
    if (!text) return fallback;
    std::size_t value = 0;
    auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc{} || ptr != text->data() + text->size()) return fallback;
    return std::clamp<std::size_t>(value, 1, 50);
}

mustache::data bin_view(const Bin& bin, Language language) {
    mustache::data d;
    d.set("id", bin.id);
    d.set("name", in(bin.name, language));
    d.set("colour", bin.colour);
    d.set("icon", bin.icon);
    d.set("kind", bin.kind);
    d.set("container", bin.kind == "container");
    d.set("sample", bin.sample);
    web::set_text(d, "picture", picture_url(bin.picture));
    return d;
}

// The answer box of an item: the bin for a channel in the default place.
mustache::data answer_view(const Catalogue& catalogue, const std::string& channel_code,
                           Language language) {
    mustache::data d;
    d.set("channel", channel_code);
    if (const Channel* channel = catalogue.channel(channel_code)) {
        d.set("channel_name", in(channel->name, language));
        d.set("channel_description", in(channel->description, language));
    }
    if (const Place* place = catalogue.default_place()) {
        if (const Bin* bin = catalogue.bin_for(*place, channel_code))
            d.set("bin", bin_view(*bin, language));
    }
    return d;
}

// Whether every word typed begins a word of `text`: the reader wrote in that text's language.
bool typed_as_is(std::string_view query, const std::string& text) {
    const auto written = text::words(text);
    return std::ranges::all_of(text::words(query), [&](const std::string& word) {
        return std::ranges::any_of(written,
                                   [&](const std::string& w) { return w.starts_with(word); });
    });
}

// What matched is shown beside a name that differs from it when it explains the result: a word
// in the reader's language, or one typed in another language. Another language's word reached
// by folding or a typo is no help ("baterija" finding "car battery" on a Latvian page).
mustache::data result_list(const Service::Found& found, std::string_view query, Language language) {
    const Catalogue& catalogue = found.snapshot->catalogue;
    const Place* place = catalogue.default_place();
    mustache::data list{mustache::data::type::list};
    for (const SearchHit& hit : found.outcome.hits) {
        const Item& item = catalogue.items()[hit.item];
        mustache::data d;
        d.set("id", item.id);
        d.set("name", in(item.name, language));
        if (hit.matched_text != in(item.name, language) &&
            (hit.matched_language == language || typed_as_is(query, hit.matched_text)))
            d.set("matched", hit.matched_text);
        d.set("answer", answer_view(catalogue, catalogue.answer(place, item), language));
        d.set("depends", item.question.has_value());
        web::set_text(d, "picture", catalogue.picture_url(place, item));
        list.push_back(d);
    }
    return list;
}

mustache::data lines(const std::vector<std::string>& values) { return web::list_of(values); }

// A word as its language's stemmer leaves it, folded ("батареек" → "batareek").
std::string stem_key(const std::string& word, Language language) {
    switch (language) {
        case Language::lv:
            return text::fold(text::latvian_stem(word));
        case Language::ru:
            return text::fold(text::russian_stem(word));
        case Language::en:
            return text::fold(text::english_stem(word));
    }
    return text::fold(word);
}

// The synonyms worth reading under "Also called": the search needs the inflected forms
// ("batareek", "bateriju"), a reader learns nothing from them. A synonym whose words each match
// the name's, or an earlier one's, up to an ending (stems one letter apart) is left out.
std::vector<std::string> distinct_names(const std::string& name,
                                        const std::vector<std::string>& synonyms,
                                        Language language) {
    auto keys = [&](const std::string& text) {
        std::vector<std::string> out;
        for (const auto& word : text::words(text)) out.push_back(stem_key(word, language));
        return out;
    };
    auto same = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            // Short words must match exactly: "cap" and "cup" are different things.
            const int allowed = std::min(1, text::typo_budget(std::min(a[i].size(), b[i].size())));
            if (text::edit_distance(a[i], b[i]) > allowed) return false;
        }
        return true;
    };
    std::vector<std::vector<std::string>> seen{keys(name)};
    std::vector<std::string> shown;
    for (const auto& synonym : synonyms) {
        auto key = keys(synonym);
        if (std::ranges::any_of(seen, [&](const auto& s) { return same(s, key); })) continue;
        seen.push_back(std::move(key));
        shown.push_back(synonym);
    }
    return shown;
}

}  // namespace

void add_routes(http::Router& router, Service& service, const web::Views& views,
                const std::vector<ItemPart>& item_parts) {
    // The API answers from memory on the I/O thread; recording a miss is queued.
    router.get(
        "/api/v1/search",
        [&service](Request& request) -> Result<Response> {
            const std::string query = request.query_param("q").value_or("");
            if (query.size() > kMaxQueryBytes) {
                return std::unexpected(
                    Error::make(ErrorCode::invalid_input, "The search text is too long.", {}, "q"));
            }
            // Complete words unless the caller types as we speak (prefix=1): then the last
            // word may be the start of one. The page's script asks that way.
            const bool typing = request.query_param("prefix") == "1";
            auto found = service.search(typing ? query : query + " ", request.language,
                                        parse_limit(request, 10), !typing);
            unsigned char buffer[16 * 1024];
            boost::json::monotonic_resource memory(buffer, sizeof buffer);
            return Response::json(Service::to_json(found, query, request.language, &memory));
        },
        http::Execution::io_thread);

    router.get("/{lang}/guide",
               web::localized([&service, &views](Request& request) -> Result<Response> {
                   const Language language = request.language;
                   const auto& tr = views.translator();
                   std::string query = request.query_param("q").value_or("");
                   if (query.size() > kMaxQueryBytes)
                       query = std::string(utf8_prefix(query, kMaxQueryBytes));
                   web::Page page{.template_name = "guide/search",
                                  .title = tr.text(language, "Sorting guide"),
                                  .section = "guide"};
                   page.data.set("query", query);
                   auto snapshot = service.snapshot();
                   if (query.find_first_not_of(' ') != std::string::npos) {
                       // A full query from the form: the last word is complete, not a prefix.
                       auto found = service.search(query + " ", language, 20);
                       page.data.set("searched", true);
                       page.data.set("results", result_list(found, query, language));
                       page.data.set("found", found.outcome.good);
                       page.data.set("has_results", !found.outcome.hits.empty());
                       page.data.set("result_count",
                                     tr.plural(language, "{1} answer", "{1} answers",
                                               static_cast<long long>(found.outcome.hits.size())));
                       if (found.outcome.suggestion)
                           page.data.set("suggestion", *found.outcome.suggestion);
                       page.title = query + " · " + page.title;
                   } else if (const Place* place = snapshot->catalogue.default_place()) {
                       mustache::data bins{mustache::data::type::list};
                       for (const Bin& bin : place->bins) bins.push_back(bin_view(bin, language));
                       page.data.set("bins", bins);
                       page.data.set("place", in(place->name, language));
                   }
                   return views.render(request, std::move(page));
               }));

    router.get("/{lang}/guide/a-z",
               web::localized([&service, &views](Request& request) -> Result<Response> {
                   const Language language = request.language;
                   auto snapshot = service.snapshot();
                   std::vector<std::string> names;
                   std::map<std::string, std::string> id_of;
                   for (const Item& item : snapshot->catalogue.items()) {
                       names.push_back(in(item.name, language));
                       id_of.emplace(in(item.name, language), item.id);
                   }
                   text::collate_sort(names, collation_locale(language));
                   mustache::data groups{mustache::data::type::list};
                   mustache::data letters{mustache::data::type::list};
                   std::string current;
                   mustache::data entries{mustache::data::type::list};
                   auto close_group = [&] {
                       if (current.empty()) return;
                       mustache::data group;
                       group.set("letter", current);
                       group.set("anchor", "letter-" + std::to_string(groups.list_value().size()));
                       group.set("items", entries);
                       mustache::data letter;
                       letter.set("letter", current);
                       letter.set("anchor", "letter-" + std::to_string(groups.list_value().size()));
                       letters.push_back(letter);
                       groups.push_back(group);
                       entries = mustache::data{mustache::data::type::list};
                   };
                   for (const std::string& name : names) {
                       std::string letter = text::index_letter(name);
                       if (letter != current) {
                           close_group();
                           current = letter;
                       }
                       mustache::data entry;
                       entry.set("name", name);
                       entry.set("id", id_of[name]);
                       entries.push_back(entry);
                   }
                   close_group();
                   web::Page page{.template_name = "guide/a-z",
                                  .title = views.translator().text(language, "A–Z index"),
                                  .section = "guide"};
                   page.data.set("groups", groups);
                   page.data.set("letters", letters);
                   return views.render(request, std::move(page));
               }));

    router.get(
        "/{lang}/guide/item/{id}",
        web::localized([&service, &views, &item_parts](Request& request) -> Result<Response> {
            const Language language = request.language;
            auto snapshot = service.snapshot();
            const Catalogue& catalogue = snapshot->catalogue;
            const Item* item = catalogue.item(request.path_param("id"));
            if (!item) return std::unexpected(not_found());
            const Place* place = catalogue.default_place();
            service.count_lookup(item->id);

            web::Page page{.template_name = "guide/item",
                           .title = in(item->name, language),
                           .section = "guide"};
            page.data.set("id", item->id);
            page.data.set("name", in(item->name, language));
            std::string channel = catalogue.answer(place, *item);
            const auto answer = request.query_param("answer");
            if (item->question) {
                mustache::data q;
                q.set("text", in(item->question->text, language));
                q.set("answered_yes", answer == "yes");
                q.set("answered_no", answer == "no");
                page.data.set("question", q);
                if (answer == "yes") channel = catalogue.resolve(place, *item, item->question->yes);
                if (answer == "no") channel = catalogue.resolve(place, *item, item->question->no);
                page.data.set("unanswered", !(answer == "yes" || answer == "no"));
            }
            page.data.set("answer", answer_view(catalogue, channel, language));
            if (place) {
                if (const Override* o = catalogue.override_for(place->id, item->id);
                    o && o->channel == channel) {
                    page.data.set("override_note", in(o->note, language));
                }
            }
            page.data.set("tips", lines(in(item->tips, language)));
            page.data.set("has_tips", !in(item->tips, language).empty());
            if (item->reuse) page.data.set("reuse", in((*item->reuse), language));
            web::set_text(page.data, "picture", catalogue.picture_url(place, *item));
            const Provenance& provenance = catalogue.provenance(place, *item);
            web::set_text(page.data, "source", provenance.source);
            page.data.set("unverified", !provenance.verified);
            const auto other_names =
                distinct_names(in(item->name, language), in(item->synonyms, language), language);
            page.data.set("synonyms", lines(other_names));
            page.data.set("has_synonyms", !other_names.empty());
            for (const auto& part : item_parts) part(request, channel, page.data);
            return views.render(request, std::move(page));
        }));

    router.get(
        "/{lang}/guide/bin/{id}",
        web::localized([&service, &views](Request& request) -> Result<Response> {
            const Language language = request.language;
            auto snapshot = service.snapshot();
            const Catalogue& catalogue = snapshot->catalogue;
            const Place* place = catalogue.default_place();
            const Bin* bin = place ? catalogue.bin(*place, request.path_param("id")) : nullptr;
            if (!bin) return std::unexpected(not_found());
            web::Page page{
                .template_name = "guide/bin", .title = in(bin->name, language), .section = "guide"};
            page.data.set("bin", bin_view(*bin, language));
            page.data.set("place", in(place->name, language));
            web::set_text(page.data, "operator", place->operator_name);
            page.data.set("accepts", lines(in(bin->accepts, language)));
            page.data.set("refuses", lines(in(bin->refuses, language)));
            page.data.set("mistakes", lines(in(bin->mistakes, language)));
            web::set_text(page.data, "source", bin->provenance.source);
            page.data.set("unverified", !bin->provenance.verified);
            mustache::data channels{mustache::data::type::list};
            for (const auto& code : bin->channels) {
                if (const Channel* c = catalogue.channel(code)) {
                    mustache::data d;
                    d.set("name", in(c->name, language));
                    d.set("description", in(c->description, language));
                    channels.push_back(d);
                }
            }
            page.data.set("channels", channels);
            std::vector<std::string> names;
            std::map<std::string, std::string> id_of;
            for (const Item& item : catalogue.items()) {
                const std::string answer = catalogue.answer(place, item);
                if (std::find(bin->channels.begin(), bin->channels.end(), answer) ==
                    bin->channels.end())
                    continue;
                names.push_back(in(item.name, language));
                id_of.emplace(in(item.name, language), item.id);
            }
            text::collate_sort(names, collation_locale(language));
            mustache::data items{mustache::data::type::list};
            for (const auto& name : names) {
                mustache::data d;
                d.set("name", name);
                d.set("id", id_of[name]);
                items.push_back(d);
            }
            page.data.set("items", items);
            page.data.set("item_count",
                          views.translator().plural(language, "{1} thing", "{1} things",
                                                    static_cast<long long>(names.size())));
            return views.render(request, std::move(page));
        }));
}

}  // namespace skirosim::guide
