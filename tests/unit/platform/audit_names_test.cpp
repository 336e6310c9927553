// Audit entries are read in words in every language; an action nobody named is never shown as
// its code.
#include <gtest/gtest.h>

#include "platform/audit_names.hpp"
#include "support/test_env.hpp"

namespace skirosim::platform {
namespace {

const i18n::Translator& translator() {
    static i18n::Translator t(testing::locale_dir());
    return t;
}

TEST(AuditNames, ActionsAreNamedInTheReadersLanguage) {
    EXPECT_EQ(audit_action_name(translator(), Language::lv, "role.grant"), "Piešķirta loma");
    EXPECT_EQ(audit_action_name(translator(), Language::ru, "report.forwarded"),
              "Заявка передана оператору");
    EXPECT_EQ(audit_action_name(translator(), Language::en, "catalogue.synonym-added"),
              "Search word added to a guide item");
}

TEST(AuditNames, AnUnnamedActionReadsOtherChangeNotItsCode) {
    EXPECT_EQ(audit_action_name(translator(), Language::lv, "something.new"), "Cita izmaiņa");
    EXPECT_EQ(audit_subject_name(translator(), Language::ru, "gadget"), "Другое");
}

TEST(AuditNames, TheThingAnEntryIsAboutIsANoun) {
    EXPECT_EQ(audit_subject_name(translator(), Language::lv, "you"), "Jūs");
    EXPECT_EQ(audit_subject_name(translator(), Language::ru, "activity"), "Мероприятие");
    EXPECT_EQ(audit_subject_name(translator(), Language::en, ""), "—");
}

}  // namespace
}  // namespace skirosim::platform
