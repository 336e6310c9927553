// The guide's exchange format: parsing with precise errors, cross-checks, JSON and CSV export.
#include "guide/data_file.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <regex>
#include <set>

namespace skirosim::guide {

namespace json = boost::json;

namespace {

Result<std::string> channel_code(const JsonReader& r, const char* key) {
    auto code = r.string(key);
    if (!code) return code;
    if (!is_channel_code(*code))
        return std::unexpected(r.error(key, "\"{2}\" is not a channel code", {*code}));
    return code;
}

Result<Provenance> provenance(const JsonReader& r, bool verified_by_default = false) {
    Provenance p;
    SKIROSIM_TRY_ASSIGN(p.source, r.optional_string("source"));
    SKIROSIM_TRY_ASSIGN(p.verified, r.optional_bool("verified", verified_by_default));
    return p;
}

Result<std::string> picture(const JsonReader& r) {
    auto code = r.optional_string("picture");
    if (!code || code->empty()) return code;
    if (!is_picture_code(*code)) {
        return std::unexpected(
            r.error("picture", "\"{2}\" must be an OpenMoji code like 1F50B", {*code}));
    }
    return code;
}

Result<Channel> parse_channel(const JsonReader& r) {
    Channel c;
    SKIROSIM_TRY_ASSIGN(c.code, channel_code(r, "code"));
    SKIROSIM_TRY_ASSIGN(c.name, r.text("name"));
    SKIROSIM_TRY_ASSIGN(c.description, r.text("description"));
    return c;
}

Result<Bin> parse_bin(const JsonReader& r) {
    static const std::set<std::string> kKinds{"container", "reverse-vending", "shop-box",
                                              "pharmacy",  "sorting-site",    "collection"};
    Bin b;
    SKIROSIM_TRY_ASSIGN(b.id, r.identifier("id"));
    SKIROSIM_TRY_ASSIGN(b.kind, r.string("kind"));
    if (!kKinds.contains(b.kind))
        return std::unexpected(r.error("kind", "\"{2}\" is not a kind of bin", {b.kind}));
    SKIROSIM_TRY_ASSIGN(b.channels, r.strings("channels"));
    if (b.channels.empty())
        return std::unexpected(r.error("channels", "must name at least one channel"));
    for (const auto& code : b.channels) {
        if (!is_channel_code(code))
            return std::unexpected(r.error("channels", "\"{2}\" is not a channel code", {code}));
    }
    SKIROSIM_TRY_ASSIGN(b.name, r.text("name"));
    SKIROSIM_TRY_ASSIGN(b.colour, r.string("colour"));
    if (!std::regex_match(b.colour, std::regex("#[0-9a-fA-F]{6}"))) {
        return std::unexpected(
            r.error("colour", "\"{2}\" must be a colour like #2e7d32", {b.colour}));
    }
    SKIROSIM_TRY_ASSIGN(b.icon, r.identifier("icon"));
    SKIROSIM_TRY_ASSIGN(b.accepts, r.list("accepts"));
    SKIROSIM_TRY_ASSIGN(b.refuses, r.list("refuses"));
    SKIROSIM_TRY_ASSIGN(b.mistakes, r.list("mistakes"));
    SKIROSIM_TRY_ASSIGN(b.sample, r.optional_bool("sample", false));
    // Older files say "sample" only: a sample bin is not verified.
    SKIROSIM_TRY_ASSIGN(b.provenance, provenance(r, !b.sample));
    SKIROSIM_TRY_ASSIGN(b.picture, picture(r));
    return b;
}

Result<Place> parse_place(const JsonReader& r) {
    Place p;
    SKIROSIM_TRY_ASSIGN(p.id, r.identifier("id"));
    SKIROSIM_TRY_ASSIGN(p.name, r.text("name"));
    SKIROSIM_TRY_ASSIGN(p.operator_name, r.optional_string("operator"));
    SKIROSIM_TRY_ASSIGN(p.sample, r.optional_bool("sample", false));
    std::vector<JsonReader> bins;
    SKIROSIM_TRY_ASSIGN(bins, r.array("bins"));
    std::map<std::string, std::string> bin_of_channel;
    for (const JsonReader& br : bins) {
        Bin b;
        SKIROSIM_TRY_ASSIGN(b, parse_bin(br));
        for (const auto& code : b.channels) {
            auto [it, inserted] = bin_of_channel.emplace(code, b.id);
            if (!inserted) {
                return std::unexpected(br.error(
                    "channels", "channel \"{2}\" is already in bin \"{3}\"", {code, it->second}));
            }
        }
        if (std::any_of(p.bins.begin(), p.bins.end(), [&](const Bin& o) { return o.id == b.id; })) {
            return std::unexpected(br.error("id", "bin \"{2}\" appears twice", {b.id}));
        }
        p.bins.push_back(std::move(b));
    }
    return p;
}

Result<Item> parse_item(const JsonReader& r) {
    Item item;
    SKIROSIM_TRY_ASSIGN(item.id, r.identifier("id"));
    SKIROSIM_TRY_ASSIGN(item.channel, channel_code(r, "channel"));
    SKIROSIM_TRY_ASSIGN(item.name, r.text("name"));
    SKIROSIM_TRY_ASSIGN(item.synonyms, r.list("synonyms"));
    SKIROSIM_TRY_ASSIGN(item.tips, r.list("tips"));
    SKIROSIM_TRY_ASSIGN(item.reuse, r.optional_text("reuse"));
    SKIROSIM_TRY_ASSIGN(item.provenance, provenance(r));
    SKIROSIM_TRY_ASSIGN(item.picture, picture(r));
    if (r.has("question")) {
        auto question_reader = r.object("question");
        if (!question_reader) return std::unexpected(question_reader.error());
        const JsonReader& q = *question_reader;
        Question question;
        SKIROSIM_TRY_ASSIGN(question.text, q.text("text"));
        SKIROSIM_TRY_ASSIGN(question.yes, channel_code(q, "yes"));
        SKIROSIM_TRY_ASSIGN(question.no, channel_code(q, "no"));
        if (item.channel != question.yes && item.channel != question.no) {
            return std::unexpected(r.error(
                "channel", "\"{2}\" must be the question's yes or no answer", {item.channel}));
        }
        item.question = std::move(question);
    }
    return item;
}

Result<Override> parse_override(const JsonReader& r) {
    Override o;
    SKIROSIM_TRY_ASSIGN(o.place, r.identifier("place"));
    SKIROSIM_TRY_ASSIGN(o.item, r.identifier("item"));
    SKIROSIM_TRY_ASSIGN(o.channel, channel_code(r, "channel"));
    SKIROSIM_TRY_ASSIGN(o.note, r.text("note"));
    SKIROSIM_TRY_ASSIGN(o.provenance, provenance(r));
    return o;
}

template <typename T, typename Parse>
Result<void> parse_all(const NamedDocument& document, const char* key, Parse parse,
                       std::vector<T>& out) {
    auto readers = document.reader.array(key);
    if (!readers) return std::unexpected(in_file(document.name, readers.error()));
    for (const JsonReader& r : *readers) {
        auto value = parse(r);
        if (!value) return std::unexpected(in_file(document.name, value.error()));
        out.push_back(std::move(*value));
    }
    return {};
}

Error plain(std::string message, std::vector<std::string> args) {
    return Error::make(ErrorCode::invalid_input, std::move(message), std::move(args));
}

json::object localized(const LocalizedText& t) {
    return {{"lv", t[0]}, {"ru", t[1]}, {"en", t[2]}};
}
json::object localized(const LocalizedList& l) {
    json::object o;
    for (Language language : kLanguages) {
        json::array a;
        for (const auto& s : in(l, language)) a.emplace_back(s);
        o[std::string(code(language))] = std::move(a);
    }
    return o;
}

bool empty(const LocalizedList& l) {
    return std::all_of(l.begin(), l.end(), [](const auto& v) { return v.empty(); });
}

}  // namespace

Result<CatalogueData> parse_catalogue(const std::vector<NamedDocument>& documents,
                                      const Catalogue* existing) {
    CatalogueData data;
    for (const NamedDocument& document : documents) {
        if (auto r = parse_all<Channel>(document, "channels", parse_channel, data.channels); !r)
            return std::unexpected(r.error());
        if (auto r = parse_all<Place>(document, "places", parse_place, data.places); !r)
            return std::unexpected(r.error());
        if (auto r = parse_all<Item>(document, "items", parse_item, data.items); !r)
            return std::unexpected(r.error());
        if (auto r = parse_all<Override>(document, "overrides", parse_override, data.overrides); !r)
            return std::unexpected(r.error());
        if (document.reader.has("popular")) {
            auto popular = document.reader.strings("popular");
            if (!popular) return std::unexpected(in_file(document.name, popular.error()));
            data.popular = std::move(*popular);
        }
    }
    std::set<std::string> ids;
    for (const Item& item : data.items) {
        if (!ids.insert(item.id).second)
            return std::unexpected(plain("Item \"{1}\" appears twice.", {item.id}));
    }
    std::set<std::string> places;
    for (const Place& place : data.places) {
        if (!places.insert(place.id).second)
            return std::unexpected(plain("Place \"{1}\" appears twice.", {place.id}));
    }
    std::set<std::string> channels;
    for (const Channel& channel : data.channels) {
        if (!channels.insert(channel.code).second)
            return std::unexpected(plain("Channel \"{1}\" appears twice.", {channel.code}));
    }
    // Every channel named must be in this import or already in the database: an item of a
    // channel nobody brought in cannot be saved, and the person importing should know why.
    if (existing || !channels.empty()) {
        auto known = [&](const std::string& code) {
            return channels.contains(code) || (existing && existing->channel(code));
        };
        for (const Item& item : data.items) {
            for (const auto* code : {&item.channel, item.question ? &item.question->yes : nullptr,
                                     item.question ? &item.question->no : nullptr}) {
                if (code && !known(*code)) {
                    return std::unexpected(
                        plain("Item \"{1}\" names the channel \"{2}\", which is neither in this "
                              "import nor in the database. Import the channels first (the "
                              "profile's guide.json), or together with this file.",
                              {item.id, *code}));
                }
            }
        }
        for (const Place& place : data.places) {
            for (const Bin& bin : place.bins) {
                for (const auto& code : bin.channels) {
                    if (!known(code)) {
                        return std::unexpected(
                            plain("Bin \"{1}\" names the channel \"{2}\", which is neither in this "
                                  "import nor in the database. Import the channels first (the "
                                  "profile's guide.json), or together with this file.",
                                  {bin.id, code}));
                    }
                }
            }
        }
        for (const Override& o : data.overrides) {
            if (!known(o.channel)) {
                return std::unexpected(
                    plain("The override of item \"{1}\" names the channel \"{2}\", which is "
                          "neither in this import nor in the database. Import the channels "
                          "first (the profile's guide.json), or together with this file.",
                          {o.item, o.channel}));
            }
        }
    }
    for (const auto& id : data.popular) {
        if (!ids.contains(id) && !(existing && existing->item(id))) {
            return std::unexpected(plain("The popular items name an unknown item \"{1}\".", {id}));
        }
    }
    std::set<std::pair<std::string, std::string>> override_keys;
    for (const Override& o : data.overrides) {
        if (!ids.contains(o.item) && !(existing && existing->item(o.item))) {
            return std::unexpected(
                plain("The override for place \"{1}\" names an unknown item \"{2}\".",
                      {o.place, o.item}));
        }
        if (!places.contains(o.place) && !(existing && existing->place(o.place))) {
            return std::unexpected(
                plain("The override for item \"{1}\" names an unknown place \"{2}\".",
                      {o.item, o.place}));
        }
        if (!override_keys.insert({o.place, o.item}).second) {
            return std::unexpected(
                plain("Item \"{1}\" has two overrides for place \"{2}\".", {o.item, o.place}));
        }
    }
    return data;
}

json::object export_catalogue(const Catalogue& catalogue) {
    json::array channels, places, items, overrides;
    for (const Channel& c : catalogue.channels()) {
        channels.push_back(json::object{{"code", c.code},
                                        {"name", localized(c.name)},
                                        {"description", localized(c.description)}});
    }
    for (const Place& p : catalogue.places()) {
        json::array bins;
        for (const Bin& b : p.bins) {
            json::array codes;
            for (const auto& c : b.channels) codes.emplace_back(c);
            bins.push_back(json::object{{"id", b.id},
                                        {"kind", b.kind},
                                        {"channels", codes},
                                        {"name", localized(b.name)},
                                        {"colour", b.colour},
                                        {"icon", b.icon},
                                        {"accepts", localized(b.accepts)},
                                        {"refuses", localized(b.refuses)},
                                        {"mistakes", localized(b.mistakes)},
                                        {"sample", b.sample},
                                        {"source", b.provenance.source},
                                        {"verified", b.provenance.verified},
                                        {"picture", b.picture}});
        }
        places.push_back(json::object{{"id", p.id},
                                      {"name", localized(p.name)},
                                      {"operator", p.operator_name},
                                      {"sample", p.sample},
                                      {"bins", bins}});
    }
    for (const Item& item : catalogue.items()) {
        json::object o{{"id", item.id},
                       {"channel", item.channel},
                       {"name", localized(item.name)},
                       {"synonyms", localized(item.synonyms)}};
        if (item.question) {
            o["question"] = json::object{{"text", localized(item.question->text)},
                                         {"yes", item.question->yes},
                                         {"no", item.question->no}};
        }
        if (!empty(item.tips)) o["tips"] = localized(item.tips);
        if (item.reuse) o["reuse"] = localized(*item.reuse);
        o["source"] = item.provenance.source;
        o["verified"] = item.provenance.verified;
        if (!item.picture.empty()) o["picture"] = item.picture;
        items.push_back(std::move(o));
    }
    for (const Override& o : catalogue.overrides()) {
        overrides.push_back(json::object{{"place", o.place},
                                         {"item", o.item},
                                         {"channel", o.channel},
                                         {"note", localized(o.note)},
                                         {"source", o.provenance.source},
                                         {"verified", o.provenance.verified}});
    }
    json::array popular;
    for (const auto& id : catalogue.popular()) popular.emplace_back(id);
    return {{"channels", channels},
            {"places", places},
            {"items", items},
            {"overrides", overrides},
            {"popular", popular}};
}

// ---- CSV ----

Result<std::vector<std::vector<std::string>>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false, field_started = false;
    std::size_t line = 1, quote_line = 0;
    std::size_t i = 0;
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;  // a byte-order mark from spreadsheets
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else
                    quoted = false;
            } else {
                if (c == '\n') ++line;
                field += c;
            }
            continue;
        }
        switch (c) {
            case '"':
                if (field_started && !field.empty()) {
                    return std::unexpected(plain("Line {1}: a quote inside an unquoted field.",
                                                 {std::to_string(line)}));
                }
                quoted = true;
                field_started = true;
                quote_line = line;
                break;
            case ',':
                row.push_back(std::move(field));
                field.clear();
                field_started = false;
                break;
            case '\r':
                break;
            case '\n':
                row.push_back(std::move(field));
                field.clear();
                field_started = false;
                if (!(row.size() == 1 && row[0].empty())) rows.push_back(std::move(row));
                row.clear();
                ++line;
                break;
            default:
                field += c;
                field_started = true;
        }
    }
    if (quoted)
        return std::unexpected(
            plain("Line {1}: a quoted field is never closed.", {std::to_string(quote_line)}));
    if (field_started || !row.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
    }
    return rows;
}

namespace {

const std::vector<std::string>& csv_columns() {
    static const std::vector<std::string> columns{
        "id",          "channel",     "name_lv",     "name_ru",     "name_en",
        "synonyms_lv", "synonyms_ru", "synonyms_en", "question_lv", "question_ru",
        "question_en", "yes",         "no",          "tips_lv",     "tips_ru",
        "tips_en",     "reuse_lv",    "reuse_ru",    "reuse_en"};
    return columns;
}

// Written by the export and read when present: files made before them still import.
const std::vector<std::string>& optional_csv_columns() {
    static const std::vector<std::string> columns{"picture", "source", "verified"};
    return columns;
}

std::vector<std::string> split_list(const std::string& cell) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= cell.size()) {
        auto bar = cell.find('|', start);
        if (bar == std::string::npos) bar = cell.size();
        std::string part = cell.substr(start, bar - start);
        auto first = part.find_first_not_of(' '), last = part.find_last_not_of(' ');
        if (first != std::string::npos) out.push_back(part.substr(first, last - first + 1));
        start = bar + 1;
    }
    return out;
}

std::string join_list(const std::vector<std::string>& list) {
    std::string out;
    for (const auto& s : list) {
        if (!out.empty()) out += '|';
        out += s;
    }
    return out;
}

std::string csv_field(const std::string& value) {
    if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

namespace {
Result<json::value> csv_to_json(const std::string& text, const std::string& file_name);
}  // namespace

Result<json::value> items_csv_document(const std::string& text, const std::string& file_name) {
    auto items = parse_items_csv(text, file_name);
    if (!items) return std::unexpected(items.error());
    return csv_to_json(text, file_name);
}

Result<std::vector<Item>> parse_items_csv(const std::string& text, const std::string& file_name) {
    auto converted = csv_to_json(text, file_name);
    if (!converted) return std::unexpected(converted.error());
    const json::value& document = *converted;
    std::vector<Item> result;
    NamedDocument named{file_name, JsonReader(document, "")};
    if (auto parsed = parse_all<Item>(named, "items", parse_item, result); !parsed) {
        // "items[4]" is the fifth data row, which is line 6 of the file (after the header).
        Error error = parsed.error();
        std::smatch m;
        std::string text_args = error.args.empty() ? "" : error.args[0];
        if (std::regex_search(text_args, m, std::regex(R"(items\[(\d+)\]\.?(.*))"))) {
            std::string where = "row " + std::to_string(std::stoul(m[1]) + 2) +
                                (m[2].length() ? ", field " + m[2].str() : "");
            error.args[0] = where;
            error.field = where;
        }
        return std::unexpected(error);
    }
    return result;
}

namespace {
Result<json::value> csv_to_json(const std::string& text, const std::string& file_name) {
    auto rows = parse_csv(text);
    if (!rows) return std::unexpected(in_file(file_name, rows.error()));
    if (rows->empty()) return std::unexpected(in_file(file_name, plain("The file is empty.", {})));
    const auto& header = rows->front();
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < header.size(); ++i) column[header[i]] = i;
    for (const auto& name : csv_columns()) {
        if (!column.contains(name))
            return std::unexpected(
                in_file(file_name, plain("The column \"{1}\" is missing.", {name})));
    }
    // Each row becomes a JSON item, so that CSV and JSON are checked by the same rules.
    json::array items;
    for (std::size_t r = 1; r < rows->size(); ++r) {
        const auto& row = (*rows)[r];
        auto cell = [&](const std::string& name) -> std::string {
            auto at = column.find(name);
            return at != column.end() && at->second < row.size() ? row[at->second] : std::string();
        };
        json::object item{{"id", cell("id")}, {"channel", cell("channel")}};
        json::object name, synonyms, tips, question_text, reuse;
        bool has_question = false, has_reuse = false;
        for (Language language : kLanguages) {
            const std::string lang(code(language));
            name[lang] = cell("name_" + lang);
            json::array syn, tip;
            for (auto& s : split_list(cell("synonyms_" + lang))) syn.emplace_back(s);
            for (auto& s : split_list(cell("tips_" + lang))) tip.emplace_back(s);
            synonyms[lang] = std::move(syn);
            tips[lang] = std::move(tip);
            question_text[lang] = cell("question_" + lang);
            reuse[lang] = cell("reuse_" + lang);
            has_question = has_question || !cell("question_" + lang).empty();
            has_reuse = has_reuse || !cell("reuse_" + lang).empty();
        }
        item["name"] = name;
        item["synonyms"] = synonyms;
        item["tips"] = tips;
        if (has_question)
            item["question"] =
                json::object{{"text", question_text}, {"yes", cell("yes")}, {"no", cell("no")}};
        if (has_reuse) item["reuse"] = reuse;
        item["source"] = cell("source");
        const std::string verified = cell("verified");
        item["verified"] = verified == "true" || verified == "yes" || verified == "1";
        if (!cell("picture").empty()) item["picture"] = cell("picture");
        items.push_back(std::move(item));
    }
    return json::value(json::object{{"format", "skirosim/1"}, {"items", items}});
}
}  // namespace

std::string export_items_csv(const Catalogue& catalogue) {
    std::string out;
    for (std::size_t i = 0; i < csv_columns().size(); ++i) {
        if (i) out += ',';
        out += csv_columns()[i];
    }
    for (const auto& name : optional_csv_columns()) out += "," + name;
    out += "\r\n";
    for (const Item& item : catalogue.items()) {
        std::vector<std::string> cells{item.id,
                                       item.channel,
                                       item.name[0],
                                       item.name[1],
                                       item.name[2],
                                       join_list(item.synonyms[0]),
                                       join_list(item.synonyms[1]),
                                       join_list(item.synonyms[2])};
        for (std::size_t l = 0; l < 3; ++l)
            cells.push_back(item.question ? item.question->text[l] : "");
        cells.push_back(item.question ? item.question->yes : "");
        cells.push_back(item.question ? item.question->no : "");
        for (std::size_t l = 0; l < 3; ++l) cells.push_back(join_list(item.tips[l]));
        for (std::size_t l = 0; l < 3; ++l) cells.push_back(item.reuse ? (*item.reuse)[l] : "");
        cells.push_back(item.picture);
        cells.push_back(item.provenance.source);
        cells.push_back(item.provenance.verified ? "true" : "false");
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i) out += ',';
            out += csv_field(cells[i]);
        }
        out += "\r\n";
    }
    return out;
}

}  // namespace skirosim::guide
