// Home, about and the list of upcoming activities.
#include "site/routes.hpp"

#include <chrono>
#include <memory>

#include "site/data_file.hpp"
#include "site/language_memory.hpp"
#include "web/page_cache.hpp"
#include "web/page_helpers.hpp"

namespace skirosim::site {

namespace mustache = web::mustache;
using http::Request;
using http::Response;

namespace {

mustache::data institution_view(const Institution& inst, Language language) {
    mustache::data d;
    d.set("id", inst.id);
    d.set("name", in(inst.name, language));
    d.set("short_name", in(inst.short_name, language));
    d.set("description", in(inst.description, language));
    web::set_text(d, "address", inst.address);
    web::set_text(d, "phone", inst.phone);
    web::set_text(d, "email", inst.email);
    web::set_text(d, "website", inst.website);
    d.set("lead", inst.role == "lead");
    d.set("sample", inst.sample);
    return d;
}

}  // namespace

void add_layout_part(web::Views& views, const Service& service) {
    views.add_layout_part([&service](const Request& request, mustache::data& layout) {
        auto content = service.content();
        layout.set("initiative_name", in(content->initiative.name, request.language));
        mustache::data partners{mustache::data::type::list};
        for (const Institution& inst : content->institutions) {
            partners.push_back(institution_view(inst, request.language));
        }
        layout.set("partners", partners);
    });
}

void add_routes(http::Router& router, Service& service, const platform::Platform& platform,
                const std::vector<HomePart>& home_parts, std::chrono::milliseconds cache_lifetime) {
    const web::Views& views = platform.views();
    // "/" opens in the language last read here, else the browser's; caches must keep one answer
    // per language and cookie.
    router.get(
        "/",
        [](Request& request) -> Result<Response> {
            Response response =
                Response::redirect("/" + std::string(code(opening_language(request))) + "/");
            response.header("Vary", "Accept-Language, Cookie");
            return response;
        },
        http::Execution::io_thread);

    // The home page is the same for everyone not signed in: it is kept for `cache_lifetime` (a new
    // activity shows up that much later).
    auto home_cache = std::make_shared<web::PageCache>(cache_lifetime);
    router.get(
        "/{lang}", web::localized([&service, &views, &home_parts, home_cache,
                                   cache_lifetime](Request& request) -> Result<Response> {
            const Language language = request.language;
            const std::string cache_key(code(language));
            const bool shared = !request.attached<web::SignedIn>() && cache_lifetime.count() > 0;
            if (shared) {
                if (auto cached = home_cache->get(cache_key)) return std::move(*cached);
            }
            const auto& tr = views.translator();
            auto content = service.content();
            web::Page page{.template_name = "site/home",
                           .title = in(content->initiative.name, language),
                           .section = "home"};
            page.data.set("tagline", in(content->initiative.tagline, language));
            page.data.set("initiative_name", in(content->initiative.name, language));
            page.data.set("description", in(content->initiative.description, language));
            mustache::data partners{mustache::data::type::list};
            for (const Institution& inst : content->institutions) {
                partners.push_back(institution_view(inst, language));
            }
            page.data.set("partners", partners);
            page.data.set("partner_count",
                          tr.plural(language, "{1} partner institution", "{1} partner institutions",
                                    static_cast<long long>(content->institutions.size())));
            for (const auto& part : home_parts) {
                if (auto added = part(request, page.data); !added)
                    return std::unexpected(added.error());
            }
            Response response = views.render(request, std::move(page));
            if (shared) home_cache->put(cache_key, response);
            return response;
        }));

    router.get(
        "/{lang}/about",
        web::localized([&service, &views, &platform](Request& request) -> Result<Response> {
            const Language language = request.language;
            auto content = service.content();
            const Initiative& i = content->initiative;
            web::Page page{.template_name = "site/about",
                           .title = views.translator().text(language, "About the initiative"),
                           .section = "about"};
            page.data.set("name", in(i.name, language));
            page.data.set("tagline", in(i.tagline, language));
            page.data.set("description", in(i.description, language));
            page.data.set("neighbourhood", in(i.neighbourhood, language));
            page.data.set("funder", in(i.funder, language));
            page.data.set("sample", i.sample);
            const auto town = platform.town();
            auto start = town->zone.parse_local(i.period_start);
            auto end = town->zone.parse_local(i.period_end);
            // The initiative goes on; its dates are those of the phase the funder supported.
            if (start) page.data.set("since", views.translator().month_year(language, *start));
            if (start && end) {
                page.data.set("period", views.translator().date_long(language, *start) + " – " +
                                            views.translator().date_long(language, *end));
            }
            mustache::data aims{mustache::data::type::list};
            for (const LocalizedText& aim : i.aims) {
                mustache::data d;
                d.set("text", in(aim, language));
                aims.push_back(d);
            }
            page.data.set("aims", aims);
            mustache::data partners{mustache::data::type::list};
            for (const Institution& inst : content->institutions) {
                partners.push_back(institution_view(inst, language));
            }
            page.data.set("partners", partners);
            return views.render(request, std::move(page));
        }));

    // Sections that later work fills; until then an honest page rather than a broken link.
    for (const auto& [path, heading] : {std::pair{"/{lang}/community", "Community"}}) {
        router.get(path, web::localized([&views, heading = std::string(heading)](
                                            Request& request) -> Result<Response> {
                       web::Page page{.template_name = "site/coming",
                                      .title = views.translator().text(request.language, heading),
                                      .section = "community"};
                       page.data.set("heading", page.title);
                       return views.render(request, std::move(page));
                   }));
    }
}

}  // namespace skirosim::site
