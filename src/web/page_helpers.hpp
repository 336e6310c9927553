// Small helpers shared by the page handlers of every capability.
#pragma once

#include "http/router.hpp"
#include "web/views.hpp"

namespace skirosim::web {

// "lv", "ru" or "en": the request's language as it goes in paths.
std::string lang(const http::Request& request);

// Wraps a handler of a "/{lang}/…" route: an unknown language code is a 404.
http::Handler localized(http::Handler handler);

// The numeric id in a path segment ("{id}"), strictly: anything but digits is a 404.
Result<long long> id_param(const http::Request& request, std::string_view name = "id");

// The fields a form shows, so that a refusal can point at one. When two forms share a page,
// the second one's element ids start with `id_prefix` ("resident-name").
struct FormShape {
    std::vector<std::string> fields;
    std::string id_prefix;
};

// A form shown again after the person's input was refused: the problem in the summary at the
// top (linked to its field when the form shows it) and by the field as "error_<id>", what they
// typed kept as "value_<id>" (never a password), the status the error calls for. Ids use "_"
// for "-" in those keys: "error_resident_name". Errors that are not about the input
// (forbidden, not found, unavailable…) go on to the error page.
bool is_form_problem(const Error& error);
Result<http::Response> form_error(const Views& views, const http::Request& request, Page page,
                                  const Error& error, const FormShape& shape = {});

// Sets a text only when it is not empty: kainjow's mustache counts an empty string as true, so
// "{{#phone}}…{{/phone}}" would show its label around nothing.
void set_text(mustache::data& data, const std::string& key, const std::string& value);

// A list of {"name": …} entries for a mustache section.
mustache::data list_of(const std::vector<std::string>& values);

// A <select>'s options, {"code", "name", "selected"} each, from anything with a `code` and a
// `name` in every language (channels, kinds of activity, audiences…), `selected` chosen.
template <class Choices>
mustache::data option_list(const Choices& choices, Language language, const std::string& selected) {
    mustache::data list{mustache::data::type::list};
    for (const auto& choice : choices) {
        mustache::data option;
        option.set("code", choice.code);
        option.set("name", in(choice.name, language));
        option.set("selected", choice.code == selected);
        list.push_back(option);
    }
    return list;
}

}  // namespace skirosim::web
