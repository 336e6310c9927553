#include "activities/party.hpp"

namespace skirosim::activities {

std::string party_text(const Registration& r, const std::vector<Label>& audiences,
                       const i18n::Translator& tr, Language language) {
    std::string out;
    auto add = [&](const std::string& name, int count) {
        if (count <= 0) return;
        if (!out.empty()) out += ", ";
        out += name + ": " + tr.number(language, count);
    };
    if (r.ages.empty()) {
        add(tr.text(language, "Adults"), r.adults);
        add(tr.text(language, "Children"), r.children);
    }
    for (const auto& [code, count] : r.ages) add(name_of(audiences, code, language), count);
    return out;
}

}  // namespace skirosim::activities
