// The initiative, its partner institutions and activity summaries: plain data.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_reader.hpp"
#include "core/language.hpp"

namespace skirosim::site {

struct Initiative {
    std::string id;
    LocalizedText name, tagline, description, neighbourhood, funder;
    std::string period_start, period_end;  // ISO dates
    std::vector<LocalizedText> aims;
    bool sample = false;
};

struct Institution {
    std::string id;
    std::string role;  // "lead" or "partner"
    std::string kind;  // preschool, library, social-service, community-centre, youth-club
    LocalizedText name, short_name, description;
    std::string address, phone, email, website;
    std::optional<double> latitude, longitude;
    bool sample = false;
};

// What a data file may say about the initiative.
struct SiteData {
    std::optional<Initiative> initiative;
    std::vector<Institution> institutions;
};

struct SiteContent {
    Initiative initiative;
    std::vector<Institution> institutions;

    // The institution with this short code, or nullptr.
    const Institution* institution(std::string_view id) const {
        for (const Institution& inst : institutions) {
            if (inst.id == id) return &inst;
        }
        return nullptr;
    }

    // A venue typed as a partner's code, name or short name in any language, said in the
    // reader's language ("26. PII" is "26-й детский сад" to a Russian reader); any other venue
    // as it was typed.
    std::string venue_in(const std::string& venue, Language language) const {
        for (const Institution& inst : institutions) {
            bool named = inst.id == venue;
            for (const Language l : kLanguages)
                named = named || in(inst.short_name, l) == venue || in(inst.name, l) == venue;
            if (named && !in(inst.short_name, language).empty())
                return in(inst.short_name, language);
        }
        return venue;
    }
};

}  // namespace skirosim::site
