// The sorting guide's knowledge: channels, places and their bins, items, overrides.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/json_reader.hpp"

namespace skirosim::guide {

// A channel code as the data may spell one (lowercase letters, digits, hyphens): which channels
// exist, and their order, is the data's (the profile's guide.json), not the code's.
bool is_channel_code(const std::string& code);

// Where an answer comes from ("AADSO, aadso.lv, 2024-03") and whether the operator's or an
// authority's published rule states it (else it is the team's best reading, and says so).
struct Provenance {
    std::string source;
    bool verified = false;
};

// An OpenMoji code as the data names a picture: uppercase hex code points joined by "-".
bool is_picture_code(const std::string& code);
// Where the server serves a picture code (OpenMoji, web/node_modules); empty for no picture.
std::string picture_url(const std::string& code);

struct Channel {
    std::string code;
    LocalizedText name, description;
};

struct Bin {
    std::string id;
    std::string kind;  // container, reverse-vending, shop-box, pharmacy, sorting-site, collection
    std::vector<std::string> channels;
    LocalizedText name;
    std::string colour, icon;
    LocalizedList accepts, refuses, mistakes;
    bool sample = false;
    Provenance provenance;
    std::string picture;  // an OpenMoji hex code ("1F5D1"); empty: the icon
};

struct Place {
    std::string id;
    LocalizedText name;
    std::string operator_name;
    bool sample = false;
    std::vector<Bin> bins;
};

struct Question {
    LocalizedText text;
    std::string yes, no;  // channel codes
};

struct Item {
    std::string id;
    std::string channel;
    LocalizedText name;
    LocalizedList synonyms;
    std::optional<Question> question;
    LocalizedList tips;
    std::optional<LocalizedText> reuse;
    Provenance provenance;
    std::string picture;  // an OpenMoji hex code; empty: the bin's
};

struct Override {
    std::string place, item, channel;
    LocalizedText note;
    Provenance provenance;
};

// What one import brings (any part may be empty).
struct CatalogueData {
    std::vector<Channel> channels;
    std::vector<Place> places;
    std::vector<Item> items;
    std::vector<Override> overrides;
    // The common questions the home page offers as one-tap searches, as item ids (the whole
    // list is replaced when an import brings one).
    std::vector<std::string> popular;
};

struct MissedSearch {
    std::string query;
    std::string language;
    long long count = 0;
    std::time_t last = 0;
};

// The whole catalogue in memory, with lookups; immutable once built.
class Catalogue {
public:
    explicit Catalogue(CatalogueData data);

    const std::vector<Channel>& channels() const { return data_.channels; }
    const std::vector<Place>& places() const { return data_.places; }
    const std::vector<Item>& items() const { return data_.items; }
    const std::vector<Override>& overrides() const { return data_.overrides; }
    const std::vector<std::string>& popular() const { return data_.popular; }

    const Item* item(const std::string& id) const;
    std::size_t item_index(const std::string& id) const;  // npos when unknown
    const Channel* channel(const std::string& code) const;
    const Place* place(const std::string& id) const;
    // The default place: the first one (the data profile's own town).
    const Place* default_place() const;
    const Bin* bin_for(const Place& place, const std::string& channel) const;
    const Bin* bin(const Place& place, const std::string& bin_id) const;
    const Override* override_for(const std::string& place, const std::string& item) const;

    // The answer for an item in a place: the override, else the item's channel.
    std::string answer(const Place* place, const Item& item) const;
    // A channel the item's data names (its own or a question's answer), as this place
    // answers it: the place's override replaces the item's own channel.
    std::string resolve(const Place* place, const Item& item, const std::string& channel) const;
    // Where the item's answer in this place comes from: the override's, else the item's own.
    const Provenance& provenance(const Place* place, const Item& item) const;
    // The address of the item's picture (its own, else its answer's bin's), empty when neither has
    // one.
    std::string picture_url(const Place* place, const Item& item) const;
    // Every channel the item can lead to (its answer, the question's answers).
    std::vector<std::string> possible_channels(const Place* place, const Item& item) const;

private:
    CatalogueData data_;
    std::unordered_map<std::string, std::size_t> items_by_id_;
    std::map<std::pair<std::string, std::string>, std::size_t> overrides_by_key_;
};

}  // namespace skirosim::guide
