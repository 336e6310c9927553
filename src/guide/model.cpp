// Catalogue lookups and the answer rules (place override before the item's own channel).
#include "guide/model.hpp"

#include <algorithm>
#include <regex>

namespace skirosim::guide {

bool is_channel_code(const std::string& code) { return is_identifier(code); }

bool is_picture_code(const std::string& code) {
    static const std::regex kCode("[0-9A-F]{4,6}(-[0-9A-F]{4,6})*");
    return std::regex_match(code, kCode);
}

std::string picture_url(const std::string& code) {
    return code.empty() ? "" : "/static/vendor/openmoji/" + code + ".svg";
}

std::string Catalogue::picture_url(const Place* place, const Item& item) const {
    if (!item.picture.empty()) return guide::picture_url(item.picture);
    if (place) {
        if (const Bin* bin = bin_for(*place, answer(place, item)))
            return guide::picture_url(bin->picture);
    }
    return "";
}

const Provenance& Catalogue::provenance(const Place* place, const Item& item) const {
    if (place) {
        if (const Override* o = override_for(place->id, item.id)) return o->provenance;
    }
    return item.provenance;
}

Catalogue::Catalogue(CatalogueData data) : data_(std::move(data)) {
    for (std::size_t i = 0; i < data_.items.size(); ++i) items_by_id_[data_.items[i].id] = i;
    for (std::size_t i = 0; i < data_.overrides.size(); ++i) {
        overrides_by_key_[{data_.overrides[i].place, data_.overrides[i].item}] = i;
    }
}

const Item* Catalogue::item(const std::string& id) const {
    auto it = items_by_id_.find(id);
    return it == items_by_id_.end() ? nullptr : &data_.items[it->second];
}

std::size_t Catalogue::item_index(const std::string& id) const {
    auto it = items_by_id_.find(id);
    return it == items_by_id_.end() ? std::string::npos : it->second;
}

const Channel* Catalogue::channel(const std::string& code) const {
    for (const Channel& c : data_.channels) {
        if (c.code == code) return &c;
    }
    return nullptr;
}

const Place* Catalogue::place(const std::string& id) const {
    for (const Place& p : data_.places) {
        if (p.id == id) return &p;
    }
    return nullptr;
}

const Place* Catalogue::default_place() const {
    return data_.places.empty() ? nullptr : &data_.places.front();
}

const Bin* Catalogue::bin_for(const Place& place, const std::string& channel) const {
    for (const Bin& b : place.bins) {
        if (std::find(b.channels.begin(), b.channels.end(), channel) != b.channels.end()) return &b;
    }
    return nullptr;
}

const Bin* Catalogue::bin(const Place& place, const std::string& bin_id) const {
    for (const Bin& b : place.bins) {
        if (b.id == bin_id) return &b;
    }
    return nullptr;
}

const Override* Catalogue::override_for(const std::string& place, const std::string& item) const {
    auto it = overrides_by_key_.find({place, item});
    return it == overrides_by_key_.end() ? nullptr : &data_.overrides[it->second];
}

std::string Catalogue::answer(const Place* place, const Item& item) const {
    if (place) {
        if (const Override* o = override_for(place->id, item.id)) return o->channel;
    }
    return item.channel;
}

std::string Catalogue::resolve(const Place* place, const Item& item,
                               const std::string& channel) const {
    return channel == item.channel ? answer(place, item) : channel;
}

std::vector<std::string> Catalogue::possible_channels(const Place* place, const Item& item) const {
    std::vector<std::string> result{answer(place, item)};
    auto add = [&result](const std::string& code) {
        if (!code.empty() && std::find(result.begin(), result.end(), code) == result.end()) {
            result.push_back(code);
        }
    };
    if (item.question) {
        add(resolve(place, item, item.question->yes));
        add(resolve(place, item, item.question->no));
    }
    return result;
}

}  // namespace skirosim::guide
