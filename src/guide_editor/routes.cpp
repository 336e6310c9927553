// Handlers of the coordinator's catalogue pages.
#include "guide_editor/routes.hpp"

#include <algorithm>

#include "accounts/principal.hpp"
#include "text/normalize.hpp"
#include "web/page_helpers.hpp"

namespace skirosim::guide_editor {

namespace mustache = web::mustache;
using http::Request;
using http::Response;

namespace {

// The item whose name, in any language and whatever the case, is `typed`; or whose id it is.
// Nothing when none is: the editor then asks to choose an item of the guide.
std::string item_named(const guide::Snapshot& snapshot, const std::string& typed) {
    const std::string wanted = text::fold(typed);
    if (wanted.empty()) return {};
    if (snapshot.catalogue.item(typed)) return typed;
    for (const auto& item : snapshot.catalogue.items()) {
        for (Language l : kLanguages) {
            if (!in(item.name, l).empty() && text::fold(in(item.name, l)) == wanted) return item.id;
        }
    }
    return {};
}

// "Latvian", "Russian", "English" in the page's language, for the language a search was in.
// The searches that found nothing, each with a box to teach the guide. After a refused
// synonym (`problem`), the card it came from shows the message and what was typed.
Result<web::Page> misses_page(guide::Service& guide, const web::Views& views,
                              const Request& request, const Error* problem) {
    auto misses = guide.misses(200);
    if (!misses) return std::unexpected(misses.error());
    auto snapshot = guide.snapshot();
    const std::string sent_query = request.form_param("query").value_or("");
    const std::string sent_language = request.form_param("language").value_or("");
    web::Page page{
        .template_name = "coordinator/misses",
        .title = views.translator().text(request.language, "Searches that found nothing"),
        .section = "coordinator"};
    const std::string message =
        problem ? views.translator().message(request.language, *problem) : std::string();
    mustache::data list{mustache::data::type::list};
    int row = 0;
    bool shown = false;
    for (const auto& m : *misses) {
        mustache::data d;
        const std::string id = std::to_string(++row);
        d.set("row", id);
        d.set("query", m.query);
        d.set("language", m.language);
        const auto language = parse_language(m.language).value_or(request.language);
        d.set("language_name", i18n::language_name(views.translator(), request.language, language));
        d.set("count", views.translator().integer(request.language, m.count));
        d.set("last", views.translator().date_time(request.language, m.last));
        if (problem && !shown && m.query == sent_query && m.language == sent_language) {
            shown = true;
            d.set("error", message);
            d.set("typed", request.form_param("item_name").value_or(""));
            page.problems.push_back({message, "item-" + id});
        }
        // The nearest items, to pick from with one click.
        mustache::data nearest{mustache::data::type::list};
        for (const auto& hit : snapshot->index.search(m.query + " ", language, 5).hits) {
            const auto& item = snapshot->catalogue.items()[hit.item];
            mustache::data n;
            n.set("id", item.id);
            n.set("name", in(item.name, request.language));
            nearest.push_back(n);
        }
        d.set("has_nearest", !nearest.is_empty_list());
        d.set("nearest", nearest);
        list.push_back(d);
    }
    // The search may have left the list meanwhile: the problem is still said at the top.
    if (problem && !shown) page.problems.push_back({message, ""});
    if (problem) page.status = http::http_status(problem->code);
    mustache::data all{mustache::data::type::list};
    for (const auto& item : snapshot->catalogue.items()) {
        mustache::data n;
        n.set("name", in(item.name, request.language));
        all.push_back(n);
    }
    page.data.set("misses", list);
    page.data.set("all_items", all);
    page.data.set("has_misses", !misses->empty());
    return page;
}

web::Page item_page(const web::Views& views, const Request& request,
                    const guide::Catalogue& catalogue, const ItemForm& form, bool is_new) {
    web::Page page{
        .template_name = "coordinator/item",
        .title = views.translator().text(request.language, is_new ? "New item" : "Edit an item"),
        .section = "coordinator"};
    page.data.set("is_new", is_new);
    page.data.set("id", form.id);
    page.data.set("channels",
                  web::option_list(catalogue.channels(), request.language, form.channel));
    page.data.set("yes_channels",
                  web::option_list(catalogue.channels(), request.language, form.yes));
    page.data.set("no_channels", web::option_list(catalogue.channels(), request.language, form.no));
    for (Language l : kLanguages) {
        const std::string s = "_" + std::string(code(l));
        page.data.set("name" + s, in(form.name, l));
        page.data.set("synonyms" + s, in(form.synonyms, l));
        page.data.set("question" + s, in(form.question, l));
        page.data.set("tips" + s, in(form.tips, l));
        page.data.set("reuse" + s, in(form.reuse, l));
    }
    page.data.set("source", form.source);
    page.data.set("verified", form.verified);
    page.data.set("picture", form.picture);
    return page;
}

mustache::data preview_results(const guide::Service::Found& found, Language language) {
    mustache::data list{mustache::data::type::list};
    int rank = 0;
    for (const auto& hit : found.outcome.hits) {
        const auto& item = found.snapshot->catalogue.items()[hit.item];
        mustache::data d;
        d.set("rank", std::to_string(++rank));
        d.set("id", item.id);
        d.set("name", in(item.name, language));
        d.set("matched", hit.matched_text);
        list.push_back(d);
    }
    return list;
}

}  // namespace

void add_routes(http::Router& router, Editor& editor, guide::Service& guide,
                const web::Views& views) {
    router.get("/{lang}/coordinator",
               web::localized([&views](Request& request) -> Result<Response> {
                   auto who = accounts::with_role(request, accounts::is_coordinator);
                   if (!who) return std::unexpected(who.error());
                   web::Page page{.template_name = "coordinator/dashboard",
                                  .title = views.translator().text(request.language, "Coordinator"),
                                  .section = "coordinator"};
                   return views.render(request, std::move(page));
               }));

    router.get(
        "/{lang}/coordinator/items",
        web::localized([&guide, &views](Request& request) -> Result<Response> {
            auto who = accounts::with_role(request, accounts::is_coordinator);
            if (!who) return std::unexpected(who.error());
            auto snapshot = guide.snapshot();
            const std::string query = request.query_param("q").value_or("");
            std::vector<const guide::Item*> items;
            if (!query.empty()) {
                for (const auto& hit :
                     snapshot->index.search(query + " ", request.language, 50).hits) {
                    items.push_back(&snapshot->catalogue.items()[hit.item]);
                }
            } else {
                for (const auto& item : snapshot->catalogue.items()) items.push_back(&item);
                // The answers still to confirm with the operator come first.
                std::stable_partition(items.begin(), items.end(), [](const guide::Item* item) {
                    return !item->provenance.verified;
                });
            }
            mustache::data list{mustache::data::type::list};
            for (const auto* item : items) {
                mustache::data d;
                d.set("id", item->id);
                d.set("name", in(item->name, request.language));
                // The channel by its name in the page's language, never its code.
                const auto* channel = snapshot->catalogue.channel(item->channel);
                web::set_text(d, "channel", channel ? in(channel->name, request.language) : "");
                d.set("unverified", !item->provenance.verified);
                list.push_back(d);
            }
            web::Page page{.template_name = "coordinator/items",
                           .title = views.translator().text(request.language, "Catalogue"),
                           .section = "coordinator"};
            page.data.set("items", list);
            page.data.set("query", query);
            if (const guide::Place* place = snapshot->catalogue.default_place()) {
                mustache::data bins{mustache::data::type::list};
                for (const auto& b : place->bins) {
                    mustache::data d;
                    d.set("id", b.id);
                    d.set("name", in(b.name, request.language));
                    bins.push_back(d);
                }
                page.data.set("bins", bins);
            }
            return views.render(request, std::move(page));
        }));

    router.get("/{lang}/coordinator/items/new",
               web::localized([&guide, &views](Request& request) -> Result<Response> {
                   auto who = accounts::with_role(request, accounts::is_coordinator);
                   if (!who) return std::unexpected(who.error());
                   ItemForm form;
                   form.channel = "mixed";
                   // From the list of missed searches: the searched words become the name to start
                   // from.
                   if (auto name = request.query_param("name"))
                       in(form.name, request.language) = *name;
                   return views.render(
                       request, item_page(views, request, guide.snapshot()->catalogue, form, true));
               }));

    router.get("/{lang}/coordinator/items/{id}",
               web::localized([&guide, &views](Request& request) -> Result<Response> {
                   auto who = accounts::with_role(request, accounts::is_coordinator);
                   if (!who) return std::unexpected(who.error());
                   auto snapshot = guide.snapshot();
                   const guide::Item* item = snapshot->catalogue.item(request.path_param("id"));
                   if (!item) return std::unexpected(not_found());
                   auto page =
                       item_page(views, request, snapshot->catalogue, ItemForm::from(*item), false);
                   page.data.set("saved", request.query_param("saved").has_value());
                   return views.render(request, std::move(page));
               }));

    // One form for new and existing items: "preview" shows the ranking, "save" saves.
    for (const char* pattern :
         {"/{lang}/coordinator/items/new", "/{lang}/coordinator/items/{id}"}) {
        const bool is_new = std::string(pattern).ends_with("/new");
        router.post(
            pattern,
            web::localized([&editor, &guide, &views, is_new](Request& request) -> Result<Response> {
                auto who = accounts::with_role(request, accounts::is_coordinator);
                if (!who) return std::unexpected(who.error());
                ItemForm form = ItemForm::from(request);
                if (!is_new) form.id = request.path_param("id");
                auto page = item_page(views, request, guide.snapshot()->catalogue, form, is_new);
                const std::string query = request.form_param("preview_query").value_or("");
                page.data.set("preview_query", query);
                if (request.form_param("action") == "preview") {
                    auto found = editor.preview(form, query, request.language);
                    if (!found)
                        return web::form_error(views, request, std::move(page), found.error());
                    page.data.set("preview", preview_results(*found, request.language));
                    page.data.set("previewed", true);
                    return views.render(request, std::move(page));
                }
                auto saved = editor.save_item(**who, form, is_new);
                if (!saved) return web::form_error(views, request, std::move(page), saved.error());
                return Response::redirect(
                    "/" + web::lang(request) + "/coordinator/items/" + form.id + "?saved=1", 303);
            }));
    }

    router.get("/{lang}/coordinator/bins/{id}",
               web::localized([&guide, &views](Request& request) -> Result<Response> {
                   auto who = accounts::with_role(request, accounts::is_coordinator);
                   if (!who) return std::unexpected(who.error());
                   auto snapshot = guide.snapshot();
                   const guide::Place* place = snapshot->catalogue.default_place();
                   const guide::Bin* bin =
                       place ? snapshot->catalogue.bin(*place, request.path_param("id")) : nullptr;
                   if (!bin) return std::unexpected(not_found());
                   BinForm form = BinForm::from(*bin);
                   web::Page page{.template_name = "coordinator/bin",
                                  .title = views.translator().text(request.language, "Edit a bin"),
                                  .section = "coordinator"};
                   page.data.set("id", form.id);
                   page.data.set("colour", form.colour);
                   page.data.set("icon", form.icon);
                   page.data.set("saved", request.query_param("saved").has_value());
                   for (Language l : kLanguages) {
                       const std::string s = "_" + std::string(code(l));
                       page.data.set("name" + s, in(form.name, l));
                       page.data.set("accepts" + s, in(form.accepts, l));
                       page.data.set("refuses" + s, in(form.refuses, l));
                       page.data.set("mistakes" + s, in(form.mistakes, l));
                   }
                   return views.render(request, std::move(page));
               }));
    router.post("/{lang}/coordinator/bins/{id}",
                web::localized([&editor](Request& request) -> Result<Response> {
                    auto who = accounts::with_role(request, accounts::is_coordinator);
                    if (!who) return std::unexpected(who.error());
                    BinForm form = BinForm::from(request);
                    form.id = request.path_param("id");
                    if (auto saved = editor.save_bin(**who, form); !saved)
                        return std::unexpected(saved.error());
                    return Response::redirect(
                        "/" + web::lang(request) + "/coordinator/bins/" + form.id + "?saved=1",
                        303);
                }));

    router.get("/{lang}/coordinator/misses",
               web::localized([&guide, &views](Request& request) -> Result<Response> {
                   auto who = accounts::with_role(request, accounts::is_coordinator);
                   if (!who) return std::unexpected(who.error());
                   auto page = misses_page(guide, views, request, nullptr);
                   if (!page) return std::unexpected(page.error());
                   return views.render(request, std::move(*page));
               }));
    router.post(
        "/{lang}/coordinator/misses/synonym",
        web::localized([&editor, &guide, &views](Request& request) -> Result<Response> {
            auto who = accounts::with_role(request, accounts::is_coordinator);
            if (!who) return std::unexpected(who.error());
            auto done = [&]() -> Result<void> {
                auto language = parse_language(request.form_param("language").value_or(""));
                if (!language)
                    return std::unexpected(Error::make(ErrorCode::invalid_input,
                                                       "Please choose a language.", {}, "item"));
                // A nearest item's button sends its id; the box, what the coordinator typed
                // or picked: an item's name in any language, or its id.
                std::string item = request.form_param("item").value_or("");
                if (item.empty())
                    item =
                        item_named(*guide.snapshot(), request.form_param("item_name").value_or(""));
                return editor.add_synonym(**who, item, *language,
                                          request.form_param("query").value_or(""));
            }();
            if (!done) {
                if (!web::is_form_problem(done.error())) return std::unexpected(done.error());
                auto page = misses_page(guide, views, request, &done.error());
                if (!page) return std::unexpected(page.error());
                return views.render(request, std::move(*page));
            }
            return Response::redirect("/" + web::lang(request) + "/coordinator/misses", 303);
        }));
}

}  // namespace skirosim::guide_editor
