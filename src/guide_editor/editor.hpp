// The coordinator's work on the sorting guide: editing items and bins, turning searches that
// found nothing into synonyms, and previewing how a query ranks before saving.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounts/principal.hpp"
#include "guide/service.hpp"
#include "http/message.hpp"

namespace skirosim::guide_editor {

// An item as the edit form sends it: every field as text, lists one entry per line.
struct ItemForm {
    std::string id, channel;
    std::array<std::string, 3> name, synonyms, question, tips, reuse;
    std::string yes, no;
    // Where the answer comes from, whether the operator's rule states it, its picture.
    std::string source, picture;
    bool verified = false;

    static ItemForm from(const http::Request& request);
    static ItemForm from(const guide::Item& item);
};

struct BinForm {
    std::string id, colour, icon;
    std::array<std::string, 3> name, accepts, refuses, mistakes;
    static BinForm from(const http::Request& request);
    static BinForm from(const guide::Bin& bin);
};

class Editor {
public:
    explicit Editor(guide::Service& guide) : guide_(guide) {}

    // Checks the form by the import's rules (errors name the field).
    Result<guide::Item> validate(const ItemForm& form) const;
    // Saves, writes the audit log and rebuilds the index at once.
    Result<void> save_item(const Principal& who, const ItemForm& form, bool is_new);
    Result<void> save_bin(const Principal& who, const BinForm& form);
    // Adds a searched text as a synonym of an item and clears it from the missed searches.
    Result<void> add_synonym(const Principal& who, const std::string& item_id, Language language,
                             const std::string& text);
    // How a query would rank with the item as in the form (nothing is saved).
    Result<guide::Service::Found> preview(const ItemForm& form, const std::string& query,
                                          Language language) const;

private:
    Result<void> write(const Principal& who, const guide::CatalogueData& change,
                       const std::string& action, const std::string& subject,
                       const std::string& details);
    guide::Service& guide_;
};

}  // namespace skirosim::guide_editor
