// The messages to people who registered.
#include "activities/messages.hpp"

#include "activities/party.hpp"
#include "core/error.hpp"

namespace skirosim::activities {

namespace {

// "Kad: trešdiena, 9. decembris, plkst. 15.00–16.30", then where and who is coming, a line each.
std::string details(const MessageFacts& facts, const i18n::Translator& tr,
                    const site::Service& site, Language language) {
    if (!facts.activity) return "";
    const Activity& a = *facts.activity;
    std::string out = "\n\n" + tr.text(language, "When") + ": " +
                      tr.date_time(language, a.starts_at, facts.now) + "–" +
                      tr.time_of_day(language, a.ends_at);
    if (const std::string where = site.content()->venue_in(a.venue, language); !where.empty())
        out += "\n" + tr.text(language, "Where") + ": " + where;
    if (facts.registration) {
        out += "\n" + tr.text(language, "Who is coming") + ": " +
               party_text(*facts.registration, facts.audiences, tr, language);
    }
    return out;
}

}  // namespace

ActivityMessages activity_messages(const i18n::Translator& translator, const site::Service& site) {
    return [&translator, &site](const MessageFacts& facts) {
        auto [subject, body] = activity_message(translator, facts);
        if (facts.purpose != "feedback")
            body += details(facts, translator, site,
                            parse_language(facts.language).value_or(kDefaultLanguage));
        return std::pair{subject, body};
    };
}

std::pair<std::string, std::string> activity_message(const i18n::Translator& translator,
                                                     const MessageFacts& facts) {
    const Language language = parse_language(facts.language).value_or(kDefaultLanguage);
    const std::string& purpose = facts.purpose;
    const std::string& title = facts.title;
    const std::string& link = facts.link;
    auto t = [&](const char* text) { return translator.text(language, text); };
    if (purpose == "confirmed") {
        return std::pair{t("You are registered"),
                         fill_placeholders(t("You are registered for \"{1}\". If you cannot "
                                             "come, cancel here so that someone else can: {2}"),
                                           {title, link})};
    }
    if (purpose == "waiting") {
        return std::pair{
            t("You are on the waiting list"),
            fill_placeholders(t("\"{1}\" is full; you are on the waiting list and will hear "
                                "from us when a place frees up. To leave the list: {2}"),
                              {title, link})};
    }
    if (purpose == "confirm-place") {
        return std::pair{
            t("Open the link to keep your place"),
            fill_placeholders(
                t("Someone, perhaps you, registered this contact for \"{1}\". Open this link "
                  "within {3} minutes to keep the place (there you can also cancel): {2} If it "
                  "was not you, ignore this message and the place is let go."),
                {title, link, std::to_string(facts.minutes)})};
    }
    if (purpose == "reminder") {
        return std::pair{
            t("Reminder: your activity is coming up"),
            fill_placeholders(
                t("A reminder: you are registered for \"{1}\". See you there! Details: {2}"),
                {title, link})};
    }
    if (purpose == "cancelled") {
        return std::pair{
            t("The activity is cancelled"),
            fill_placeholders(t("We are sorry: \"{1}\" is cancelled. Other activities: {2}"),
                              {title, link})};
    }
    if (purpose == "feedback") {
        return std::pair{
            t("How was it?"),
            fill_placeholders(t("Thank you for coming to \"{1}\". Tell the organisers in a few "
                                "words how it was — just reply, or ask at the institution. {2}"),
                              {title, link})};
    }
    return std::pair{
        t("A place is free for you"),
        fill_placeholders(t("Good news: a place at \"{1}\" is now yours. Details: {2}"),
                          {title, link})};
}

}  // namespace skirosim::activities
