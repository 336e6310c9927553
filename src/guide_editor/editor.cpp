// Catalogue editing rules.
#include "guide_editor/editor.hpp"

#include <boost/json.hpp>

#include "accounts/repository.hpp"
#include "core/lines.hpp"
#include "guide/data_file.hpp"
#include "guide/repository.hpp"

namespace skirosim::guide_editor {

namespace json = boost::json;

namespace {

std::vector<std::string> lines(const std::string& text) { return split_lines(text); }
std::string joined(const std::vector<std::string>& list) { return join_lines(list); }

json::array to_array(const std::vector<std::string>& list) {
    json::array a;
    for (const auto& s : list) a.emplace_back(s);
    return a;
}

bool any(const std::array<std::string, 3>& texts) {
    for (const auto& t : texts) {
        if (t.find_first_not_of(" \t\r\n") != std::string::npos) return true;
    }
    return false;
}

json::object localized(const std::array<std::string, 3>& t) {
    return {{"lv", t[0]}, {"ru", t[1]}, {"en", t[2]}};
}
json::object localized_lines(const std::array<std::string, 3>& t) {
    return {{"lv", to_array(lines(t[0]))},
            {"ru", to_array(lines(t[1]))},
            {"en", to_array(lines(t[2]))}};
}

}  // namespace

ItemForm ItemForm::from(const http::Request& request) {
    ItemForm f;
    auto field = [&](const std::string& name) { return request.form_param(name).value_or(""); };
    f.id = field("id");
    f.channel = field("channel");
    for (Language l : kLanguages) {
        const std::string suffix = "_" + std::string(code(l));
        in(f.name, l) = field("name" + suffix);
        in(f.synonyms, l) = field("synonyms" + suffix);
        in(f.question, l) = field("question" + suffix);
        in(f.tips, l) = field("tips" + suffix);
        in(f.reuse, l) = field("reuse" + suffix);
    }
    f.yes = field("yes");
    f.no = field("no");
    f.source = field("source");
    f.picture = field("picture");
    f.verified = field("verified") == "yes";
    return f;
}

ItemForm ItemForm::from(const guide::Item& item) {
    ItemForm f;
    f.id = item.id;
    f.channel = item.channel;
    for (std::size_t i = 0; i < 3; ++i) {
        f.name[i] = item.name[i];
        f.synonyms[i] = joined(item.synonyms[i]);
        f.tips[i] = joined(item.tips[i]);
        if (item.question) f.question[i] = item.question->text[i];
        if (item.reuse) f.reuse[i] = (*item.reuse)[i];
    }
    if (item.question) {
        f.yes = item.question->yes;
        f.no = item.question->no;
    }
    f.source = item.provenance.source;
    f.verified = item.provenance.verified;
    f.picture = item.picture;
    return f;
}

BinForm BinForm::from(const http::Request& request) {
    BinForm f;
    auto field = [&](const std::string& name) { return request.form_param(name).value_or(""); };
    f.id = field("id");
    f.colour = field("colour");
    f.icon = field("icon");
    for (Language l : kLanguages) {
        const std::string suffix = "_" + std::string(code(l));
        in(f.name, l) = field("name" + suffix);
        in(f.accepts, l) = field("accepts" + suffix);
        in(f.refuses, l) = field("refuses" + suffix);
        in(f.mistakes, l) = field("mistakes" + suffix);
    }
    return f;
}

BinForm BinForm::from(const guide::Bin& bin) {
    BinForm f;
    f.id = bin.id;
    f.colour = bin.colour;
    f.icon = bin.icon;
    for (std::size_t i = 0; i < 3; ++i) {
        f.name[i] = bin.name[i];
        f.accepts[i] = joined(bin.accepts[i]);
        f.refuses[i] = joined(bin.refuses[i]);
        f.mistakes[i] = joined(bin.mistakes[i]);
    }
    return f;
}

Result<guide::Item> Editor::validate(const ItemForm& f) const {
    // The form becomes a one-item document and goes through the import's own checks.
    json::object item{{"id", f.id},
                      {"channel", f.channel},
                      {"name", localized(f.name)},
                      {"synonyms", localized_lines(f.synonyms)},
                      {"tips", localized_lines(f.tips)}};
    if (any(f.question) || !f.yes.empty() || !f.no.empty()) {
        item["question"] =
            json::object{{"text", localized(f.question)}, {"yes", f.yes}, {"no", f.no}};
    }
    if (any(f.reuse)) item["reuse"] = localized(f.reuse);
    item["source"] = f.source;
    item["verified"] = f.verified;
    if (!f.picture.empty()) item["picture"] = f.picture;
    json::value document = json::object{{"items", json::array{item}}};
    auto snapshot = guide_.snapshot();
    auto data = guide::parse_catalogue({NamedDocument{"form", JsonReader(document, "")}},
                                       &snapshot->catalogue);
    if (!data) {
        Error error = data.error();
        // "form: items[0].name.ru: is missing" → field "name_ru", message without the path.
        std::string field = error.field;
        if (field.starts_with("items[0].")) field = field.substr(9);
        for (auto& c : field) {
            if (c == '.') c = '_';
        }
        if (field.starts_with("question_text_")) field = "question_" + field.substr(14);
        if (field.starts_with("question_")) {
            if (field == "question_yes") field = "yes";
            if (field == "question_no") field = "no";
        }
        error.field = field;
        return std::unexpected(error);
    }
    return data->items.front();
}

Result<void> Editor::write(const Principal& who, const guide::CatalogueData& change,
                           const std::string& action, const std::string& subject,
                           const std::string& details) {
    return guide_.apply({change, who.account_id, action,
                         action.starts_with("catalogue.bin") ? "bin" : "item", subject, details,
                         std::nullopt});
}

Result<void> Editor::save_item(const Principal& who, const ItemForm& form, bool is_new) {
    if (!who.coordinator()) return std::unexpected(not_allowed());
    auto item = validate(form);
    if (!item) return std::unexpected(item.error());
    auto snapshot = guide_.snapshot();
    const guide::Item* before = snapshot->catalogue.item(item->id);
    if (is_new && before) {
        return std::unexpected(
            Error::make(ErrorCode::conflict, "An item with this id already exists.", {}, "id"));
    }
    if (!is_new && !before) return std::unexpected(not_found());
    guide::CatalogueData change;
    change.items.push_back(*item);
    std::string details = "channel " + item->channel + "; " + item->name[2];
    return write(who, change, is_new ? "catalogue.item-added" : "catalogue.item-changed", item->id,
                 details);
}

Result<void> Editor::save_bin(const Principal& who, const BinForm& form) {
    if (!who.coordinator()) return std::unexpected(not_allowed());
    auto snapshot = guide_.snapshot();
    const guide::Place* place = snapshot->catalogue.default_place();
    if (!place || !snapshot->catalogue.bin(*place, form.id)) {
        return std::unexpected(not_found());
    }
    guide::Place changed = *place;
    json::array bins;
    for (const guide::Bin& b : place->bins) {
        json::array channels;
        for (const auto& c : b.channels) channels.emplace_back(c);
        if (b.id != form.id) {
            BinForm same = BinForm::from(b);
            bins.push_back(json::object{{"id", b.id},
                                        {"kind", b.kind},
                                        {"channels", channels},
                                        {"name", localized(same.name)},
                                        {"colour", b.colour},
                                        {"icon", b.icon},
                                        {"accepts", localized_lines(same.accepts)},
                                        {"refuses", localized_lines(same.refuses)},
                                        {"mistakes", localized_lines(same.mistakes)},
                                        {"sample", b.sample}});
        } else {
            bins.push_back(json::object{{"id", b.id},
                                        {"kind", b.kind},
                                        {"channels", channels},
                                        {"name", localized(form.name)},
                                        {"colour", form.colour},
                                        {"icon", form.icon},
                                        {"accepts", localized_lines(form.accepts)},
                                        {"refuses", localized_lines(form.refuses)},
                                        {"mistakes", localized_lines(form.mistakes)},
                                        {"sample", b.sample}});
        }
    }
    json::value document = json::object{
        {"places", json::array{json::object{
                       {"id", place->id},
                       {"name", localized({place->name[0], place->name[1], place->name[2]})},
                       {"operator", place->operator_name},
                       {"sample", place->sample},
                       {"bins", bins}}}}};
    auto data = guide::parse_catalogue({NamedDocument{"form", JsonReader(document, "")}},
                                       &snapshot->catalogue);
    if (!data) return std::unexpected(data.error());
    return write(who, *data, "catalogue.bin-changed", form.id, form.name[2]);
}

Result<void> Editor::add_synonym(const Principal& who, const std::string& item_id,
                                 Language language, const std::string& text) {
    if (!who.coordinator()) return std::unexpected(not_allowed());
    auto snapshot = guide_.snapshot();
    const guide::Item* item = snapshot->catalogue.item(item_id);
    if (!item)
        return std::unexpected(
            Error::make(ErrorCode::invalid_input, "Choose an item of the guide.", {}, "item"));
    std::string trimmed = text.substr(0, 200);
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
    if (trimmed.empty())
        return std::unexpected(
            Error::make(ErrorCode::invalid_input, "The search text is empty.", {}, "query"));
    guide::Item changed = *item;
    auto& list = in(changed.synonyms, language);
    if (std::find(list.begin(), list.end(), trimmed) == list.end()) list.push_back(trimmed);
    guide::CatalogueData change;
    change.items.push_back(changed);
    return guide_.apply({change, who.account_id, "catalogue.synonym-added", "item", item_id,
                         std::string(code(language)) + ": " + trimmed, trimmed});
}

Result<guide::Service::Found> Editor::preview(const ItemForm& form, const std::string& query,
                                              Language language) const {
    auto item = validate(form);
    if (!item) return std::unexpected(item.error());
    auto snapshot = guide_.snapshot();
    guide::CatalogueData data{snapshot->catalogue.channels(), snapshot->catalogue.places(),
                              snapshot->catalogue.items(), snapshot->catalogue.overrides()};
    bool replaced = false;
    for (auto& existing : data.items) {
        if (existing.id == item->id) {
            existing = *item;
            replaced = true;
        }
    }
    if (!replaced) data.items.push_back(*item);
    auto trial = std::make_shared<const guide::Snapshot>(
        std::move(data), std::unordered_map<std::string, long long>{});
    guide::Service::Found found{trial, trial->index.search(query + " ", language, 10)};
    return found;
}

}  // namespace skirosim::guide_editor
