// Activities on SQLite and PostgreSQL: the calendar and its filters, registration with a waiting
// list, cancellation and promotion, iCalendar; and capacity under a crowd of simultaneous
// registrations through two app servers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
#include <regex>
#include <thread>

#include "accounts/repository.hpp"
#include "accounts/web.hpp"
#include "platform/audit_log.hpp"
#include "platform/outbox.hpp"
#include "storage/database.hpp"
#include "support/browser.hpp"
#include "support/process.hpp"
#include "support/test_env.hpp"
#include "support/test_server.hpp"

namespace skirosim::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The sample workshop of the library: 20 places, registration needed.
long long workshop_id(TestServer& server) {
    auto id = server.app().database().read<long long>([](soci::session& sql) -> Result<long long> {
        long long v = 0;
        sql << "SELECT id FROM activities WHERE external_id = 'sample-sorting-workshop-library'",
            soci::into(v);
        return v;
    });
    return id.value_or(0);
}

long long count_status(TestServer& server, long long activity, const std::string& status) {
    auto n = server.app().database().read<long long>([&](soci::session& sql) -> Result<long long> {
        long long v = 0;
        sql << "SELECT COALESCE(SUM(adults + children), 0) FROM registrations WHERE activity_id = "
               ":a AND status = :s",
            soci::use(activity, "a"), soci::use(status, "s"), soci::into(v);
        return v;
    });
    return n.value_or(-1);
}

// A day of the sample data (December 2026 – January 2027; the tests' clock is before them), as
// "YYYY-MM-DD" or with another format.
std::string sample_day(int year, unsigned month, unsigned day,
                       const char* format = "%04d-%02u-%02u") {
    char text[96];
    std::snprintf(text, sizeof text, format, year, month, day);
    return text;
}

class Activities : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override { server_ = std::make_unique<TestServer>(GetParam()); }
    std::unique_ptr<TestServer> server_;
};

TEST_P(Activities, TheCalendarFiltersByAudienceKindOrganiserAndLanguage) {
    auto all = server_->get("/en/activities");
    EXPECT_THAT(all.body, HasSubstr("Sorting workshop for seniors"));
    EXPECT_THAT(all.body, HasSubstr("Swap market: toys and books"));
    auto seniors = server_->get("/en/activities?audience=age-65-plus");
    EXPECT_THAT(seniors.body, HasSubstr("Sorting workshop for seniors"));
    EXPECT_THAT(seniors.body, Not(HasSubstr("Swap market: toys and books")));
    auto in_russian = server_->get("/ru/activities?held_in=ru");
    EXPECT_THAT(in_russian.body, HasSubstr("Мастерская по сортировке"));
    EXPECT_THAT(in_russian.body, Not(HasSubstr("Экозанятие")));
    auto mezgls = server_->get("/lv/activities?institution=mezgls&kind=swap-market");
    EXPECT_THAT(mezgls.body, HasSubstr("Mantu maiņas tirdziņš"));
    EXPECT_THAT(mezgls.body, Not(HasSubstr("Šķirošanas darbnīca")));
}

TEST_P(Activities, TheCalendarFiltersByDates) {
    // The workshop is on 9 December, the preschool's lesson on the 16th, the swap market in
    // January.
    const std::string workshop = sample_day(2026, 12, 9), lesson = sample_day(2026, 12, 16);
    auto one_day = server_->get("/en/activities?from=" + workshop + "&to=" + workshop);
    EXPECT_THAT(one_day.body, HasSubstr("Sorting workshop for seniors"));
    EXPECT_THAT(one_day.body, Not(HasSubstr("Swap market: toys and books")));
    EXPECT_THAT(one_day.body, HasSubstr("value=\"" + workshop + "\""));  // the form keeps the dates
    auto later = server_->get("/en/activities?from=" + sample_day(2026, 12, 10) + "&to=" + lesson);
    EXPECT_THAT(later.body, Not(HasSubstr("Sorting workshop for seniors")));
    EXPECT_THAT(later.body, HasSubstr("Eco lesson for families"));
    EXPECT_THAT(later.body, Not(HasSubstr("Swap market: toys and books")));
    auto nonsense = server_->get("/en/activities?from=yesterday&to=2026-13-45");
    EXPECT_EQ(nonsense.status, 200);  // not dates: the filter leaves them out
    EXPECT_THAT(nonsense.body, HasSubstr("Swap market: toys and books"));
    // The date fields do not keep it (the language links keep the query as it was, encoded).
    EXPECT_THAT(nonsense.body, Not(HasSubstr("value=\"yesterday\"")));
    EXPECT_THAT(nonsense.body, Not(HasSubstr("value=\"2026-13-45\"")));
}

TEST_P(Activities, ThePageSaysLanguagesAccessibilityAndPlaces) {
    const long long id = workshop_id(*server_);
    auto page = server_->get("/ru/activities/" + std::to_string(id));
    ASSERT_EQ(page.status, 200);
    // The languages in the reader's own: "русский, латышский" on the Russian page, "krievu,
    // latviešu" on the Latvian one (no Russian word without lang="ru" on a Latvian page).
    EXPECT_THAT(page.body, HasSubstr("русский, латышский"));
    EXPECT_THAT(server_->get("/lv/activities/" + std::to_string(id)).body,
                HasSubstr("krievu, latviešu"));
    EXPECT_THAT(page.body, HasSubstr("Вход без ступенек"));
    EXPECT_THAT(page.body, HasSubstr("20 свободных мест"));
    EXPECT_EQ(server_->get("/ru/activities/999999").status, 404);
}

TEST_P(Activities, The21stPersonWaitsAndMovesUpWhenSomeoneCancels) {
    const long long id = workshop_id(*server_);
    const std::string target = "/lv/activities/" + std::to_string(id);
    Browser family(*server_);
    family.get(target);
    auto first = family.post(target + "/register", {{"name", "Ozolu ģimene"},
                                                    {"contact", "ozoli@example.org"},
                                                    {"adults", "2"},
                                                    {"children", "3"}});
    ASSERT_EQ(first.status, 200);
    EXPECT_THAT(first.body, HasSubstr("Pieteikums saņemts"));
    std::smatch m;
    ASSERT_TRUE(std::regex_search(first.body, m,
                                  std::regex(R"(registrations/cancel\?token=([A-Za-z0-9_-]+))")));
    const std::string family_token = m[1];
    for (int i = 0; i < 15; ++i) {
        Browser person(*server_);
        person.get(target);
        ASSERT_EQ(
            person
                .post(target + "/register", {{"name", "Person " + std::to_string(i)},
                                             {"contact", "p" + std::to_string(i) + "@example.org"}})
                .status,
            200);
    }
    EXPECT_EQ(count_status(*server_, id, "confirmed"), 20);
    Browser late(*server_);
    late.get(target);
    auto waiting =
        late.post(target + "/register", {{"name", "Vēlais"}, {"contact", "late@example.org"}});
    EXPECT_THAT(waiting.body, HasSubstr("gaidītāju sarakstā"));
    EXPECT_EQ(count_status(*server_, id, "confirmed"), 20);
    EXPECT_EQ(count_status(*server_, id, "waiting"), 1);

    // The family cancels five places: the one who waited moves up and is told.
    Browser canceller(*server_);
    canceller.get("/lv/registrations/cancel?token=" + family_token);
    auto cancelled = canceller.post("/lv/registrations/cancel", {{"token", family_token}});
    EXPECT_THAT(cancelled.body, HasSubstr("Pieteikums ir atcelts"));
    EXPECT_EQ(count_status(*server_, id, "confirmed"), 16);
    EXPECT_EQ(count_status(*server_, id, "waiting"), 0);
    auto outbox = server_->outbox_to("late@example.org");
    ASSERT_EQ(outbox->size(), 2u);  // "on the waiting list", then "a place is free"
    EXPECT_EQ(outbox->front().subject, "Jums atbrīvojās vieta");
}

// The message after registering stands on its own, read days later on a phone: which activity,
// when, where and for how many, in the person's language.
TEST_P(Activities, TheMessageSaysWhichActivityWhenWhereAndForHowMany) {
    const long long id = workshop_id(*server_);
    const std::string target = "/ru/activities/" + std::to_string(id);
    Browser family(*server_);
    family.get(target);
    ASSERT_EQ(family
                  .post(target + "/register", {{"name", "Семья Петровых"},
                                               {"contact", "petrovy@example.org"},
                                               {"adults", "2"},
                                               {"children", "1"}})
                  .status,
              200);
    auto outbox = server_->outbox_to("petrovy@example.org");
    ASSERT_EQ(outbox->size(), 1u);
    const std::string& body = outbox->front().body;
    EXPECT_THAT(body, HasSubstr("«Мастерская по сортировке для пожилых»"));
    EXPECT_THAT(body, HasSubstr("\nКогда: среда, 9 декабря, 15:00–"));
    EXPECT_THAT(body, HasSubstr("\nГде: Библиотека Цериню"));  // the partner, named in Russian
    EXPECT_THAT(body, HasSubstr("\nКто придёт: Взрослые: 2, Дети: 1"));
    EXPECT_THAT(body, Not(HasSubstr("Ceriņu")));
}

TEST_P(Activities, RegistrationRefusesWhatItCannotTake) {
    const long long id = workshop_id(*server_);
    const std::string target = "/en/activities/" + std::to_string(id);
    Browser b(*server_);
    b.get(target);
    EXPECT_THAT(b.post(target + "/register", {{"name", ""}, {"contact", "x@example.org"}}).body,
                HasSubstr("Please write your name."));
    EXPECT_THAT(
        b.post(target + "/register",
               {{"name", "X"}, {"contact", "x@example.org"}, {"adults", "0"}, {"children", "0"}})
            .body,
        HasSubstr("1 to 20 people"));
    EXPECT_THAT(b.post(target + "/register", {{"name", "X"}, {"contact", ""}}).body,
                HasSubstr("e-mail address or a phone number"));
    auto open =
        server_->app().database().read<long long>([](soci::session& sql) -> Result<long long> {
            long long v = 0;
            sql << "SELECT id FROM activities WHERE external_id = 'sample-swap-market-mezgls'",
                soci::into(v);
            return v;
        });
    EXPECT_THAT(b.post("/en/activities/" + std::to_string(*open) + "/register",
                       {{"name", "X"}, {"contact", "x@example.org"}})
                    .body,
                HasSubstr("just come"));
    EXPECT_EQ(count_status(*server_, id, "confirmed"), 0);
}

TEST_P(Activities, CalendarFilesInRigaTime) {
    const long long id = workshop_id(*server_);
    auto one = server_->get("/activities/" + std::to_string(id) + ".ics?lang=en");
    EXPECT_THAT(one.header("content-type"), HasSubstr("text/calendar"));
    EXPECT_THAT(one.body, HasSubstr("BEGIN:VTIMEZONE\r\nTZID:Europe/Riga"));
    EXPECT_THAT(one.body, HasSubstr(sample_day(
                              2026, 12, 9, "DTSTART;TZID=Europe/Riga:%04d%02u%02uT150000\r\n")));
    EXPECT_THAT(one.body, HasSubstr("SUMMARY:Sorting workshop for seniors\r\n"));
    auto all = server_->get("/calendar/all.ics?lang=lv");
    EXPECT_EQ(std::count(all.body.begin(), all.body.end(), '\n') > 20, true);
    const auto events = [](const std::string& s) {
        std::size_t n = 0;
        for (auto p = s.find("BEGIN:VEVENT"); p != std::string::npos;
             p = s.find("BEGIN:VEVENT", p + 1))
            ++n;
        return n;
    };
    EXPECT_EQ(events(all.body), 3u);
    EXPECT_EQ(events(server_->get("/calendar/institution/mezgls.ics").body), 1u);
    EXPECT_EQ(events(server_->get("/calendar/audience/age-1-6.ics").body), 1u);
    // Long lines are folded at 75 octets without breaking a letter.
    for (std::size_t start = 0, end; (end = all.body.find("\r\n", start)) != std::string::npos;
         start = end + 2) {
        EXPECT_LE(end - start, 75u);
    }
}

TEST_P(Activities, ARemindsBeforeAndAsksForFeedbackAfterEachOnce) {
    const long long id = workshop_id(*server_);
    const std::string target = "/lv/activities/" + std::to_string(id);
    Browser b(*server_);
    b.get(target);
    ASSERT_EQ(
        b.post(target + "/register", {{"name", "Anna"}, {"contact", "anna@example.org"}}).status,
        200);
    auto activity = server_->activities().find(id);
    ASSERT_TRUE(activity);
    auto& service = server_->activities();
    EXPECT_EQ(*service.send_due_messages(activity->starts_at - 49 * 3600), 0);  // too early
    EXPECT_EQ(*service.send_due_messages(activity->starts_at - 47 * 3600), 1);  // within 48 hours
    EXPECT_EQ(*service.send_due_messages(activity->starts_at - 46 * 3600), 0);  // once
    EXPECT_EQ(*service.send_due_messages(activity->ends_at + 3600), 1);  // afterwards: how was it?
    EXPECT_EQ(*service.send_due_messages(activity->ends_at + 7200), 0);
    auto outbox = server_->outbox_to("anna@example.org");
    ASSERT_EQ(outbox->size(), 3u);
    EXPECT_EQ((*outbox)[0].subject, "Kā jums patika?");
    EXPECT_EQ((*outbox)[1].subject, "Atgādinājums: drīz jūsu pasākums");
}

// Two server processes run their chores at the same moment: the test holds the database's write
// lock (SQLite) or a lock on the registrations (PostgreSQL) while both start, so that both are
// waiting at that barrier, then lets go. Every reminder must be queued once.
TEST_P(Activities, TwoServerProcessesRunningTheChoresAtOnceSendEachReminderOnce) {
    const long long id = workshop_id(*server_);
    const std::string target = "/lv/activities/" + std::to_string(id);
    for (int i = 0; i < 15; ++i) {
        Browser b(*server_);
        b.get(target);
        ASSERT_EQ(
            b.post(target + "/register", {{"name", "R" + std::to_string(i)},
                                          {"contact", "r" + std::to_string(i) + "@example.org"}})
                .status,
            200);
    }
    // The reminders are due now: a month before a sample activity of the coming weeks.
    ASSERT_TRUE(
        server_->app().database().transaction<void>([&](soci::session& sql) -> Result<void> {
            sql << "UPDATE activities SET reminder_hours = 720 WHERE id = :id", soci::use(id);
            return {};
        }));
    const std::string dir = fresh_test_directory();
    std::vector<std::unique_ptr<BackgroundProcess>> chores;
    {
        auto barrier = server_->app().database().lease();
        storage::WriteTransaction held(*barrier, server_->app().database().backend());
        if (GetParam() == "postgresql") *barrier << "LOCK TABLE registrations IN EXCLUSIVE MODE";
        for (int n = 0; n < 2; ++n) {
            chores.push_back(std::make_unique<BackgroundProcess>(
                std::vector<std::string>{"/bin/sh", "-c",
                                         skirosim_cli() + " --database " +
                                             shell_quote(server_->database_url()) + " chores"},
                dir + "/chores-" + std::to_string(n) + ".log"));
        }
        std::this_thread::sleep_for(
            std::chrono::milliseconds(2500));  // both start and wait at the lock
        held.rollback();
    }
    for (auto& process : chores)
        EXPECT_EQ(process->wait(std::chrono::seconds(60)), 0) << process->log();
    auto reminders =
        server_->app().database().read<long long>([&](soci::session& sql) -> Result<long long> {
            long long v = 0;
            sql << "SELECT COUNT(*) FROM outbox WHERE subject = 'Atgādinājums: drīz jūsu pasākums'",
                soci::into(v);
            return v;
        });
    EXPECT_EQ(reminders.value_or(-1), 15);
    auto reminded =
        server_->app().database().read<long long>([&](soci::session& sql) -> Result<long long> {
            long long v = 0;
            sql << "SELECT COUNT(*) FROM registrations WHERE activity_id = :a AND reminded_at IS "
                   "NOT NULL",
                soci::use(id), soci::into(v);
            return v;
        });
    EXPECT_EQ(reminded.value_or(-1), 15);
    // Both processes got past the barrier and did their run (one found nothing left to send).
    for (auto& process : chores)
        EXPECT_THAT(process->log(), HasSubstr("Queued ")) << process->log();
}

TEST_P(Activities, EachInstitutionHasItsPageWithActivitiesAndBoxes) {
    auto page = server_->get("/ru/institutions/cerinu-biblioteka");
    ASSERT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("Библиотека Цериню Латгальской центральной библиотеки"));
    EXPECT_THAT(page.body, HasSubstr("Мастерская по сортировке для пожилых"));
    EXPECT_THAT(page.body, HasSubstr("/ru/points/cerinu-biblioteka-battery-box"));
    EXPECT_THAT(page.body, HasSubstr("/calendar/institution/cerinu-biblioteka.ics"));
    EXPECT_EQ(server_->get("/ru/institutions/nowhere").status, 404);
    EXPECT_THAT(server_->get("/lv/about").body, HasSubstr("/lv/institutions/pii-26"));
}

TEST_P(Activities, TheCalendarWritesTheComingWeeksDaysWithoutTheYear) {
    // The test clock stands at 1 December 2026; the sample workshop is on 9 December.
    auto ru = server_->get("/ru/activities");
    ASSERT_EQ(ru.status, 200);
    EXPECT_THAT(ru.body, HasSubstr("среда, 9 декабря, 15:00"));
    EXPECT_THAT(ru.body, Not(HasSubstr("9 декабря 2026 г.")));
    auto lv = server_->get("/lv/activities");
    EXPECT_THAT(lv.body, HasSubstr("trešdiena, 9. decembris, plkst. 15.00"));
    EXPECT_THAT(lv.body, Not(HasSubstr("2026. gada 9. decembris")));
}

TEST_P(Activities, TheMonthViewShowsEachDaysActivities) {
    // The sample data's December 2026 and January 2027.
    const std::string year = "2026", next_year = "2027";
    auto december = server_->get("/ru/activities/month?m=" + year + "-12");
    ASSERT_EQ(december.status, 200);
    EXPECT_THAT(december.body, HasSubstr("Декабрь " + year));
    EXPECT_THAT(december.body, HasSubstr("15:00 Мастерская по сортировке для пожилых"));
    EXPECT_THAT(december.body, HasSubstr("m=" + next_year + "-01"));
    // The phone's list of the month: the day in words, then its activities.
    EXPECT_THAT(december.body, HasSubstr("<h2 class=\"agenda-day\">среда, 9 декабря</h2>"));
    EXPECT_TRUE(std::regex_search(
        december.body, std::regex("<h2 class=\"agenda-day\">среда, 9 декабря</h2>\\s*<ul "
                                  "class=\"agenda\"><li><a href=\"/ru/activities/[0-9]+\">15:00 "
                                  "Мастерская по сортировке для пожилых</a>")));
    EXPECT_EQ(std::count(december.body.begin(), december.body.end(), '\n') > 10, true);
    auto january = server_->get("/lv/activities/month?m=" + next_year + "-01");
    EXPECT_THAT(january.body, HasSubstr(next_year + ". gada janvāris"));
    EXPECT_THAT(january.body, HasSubstr("Mantu maiņas tirdziņš"));
    EXPECT_THAT(january.body, Not(HasSubstr("Šķirošanas darbnīca senioriem")));
    // A month without activities says so in the list a phone shows.
    auto empty = server_->get("/lv/activities/month?m=2030-05");
    EXPECT_THAT(empty.body, HasSubstr("Šajā mēnesī pasākumu nav."));
    EXPECT_THAT(empty.body, Not(HasSubstr("agenda-day")));
    EXPECT_EQ(server_->get("/lv/activities/month?m=garbage").status, 200);  // this month instead
}

INSTANTIATE_TEST_SUITE_P(Backends, Activities, ::testing::ValuesIn(backends()));

// 200 people press "register" at once for 20 places, half through one app server, half through
// another, both on one database: exactly 20 are confirmed, the rest wait.
TEST(ActivitiesUnderLoad, CapacityHoldsAcrossTwoServers) {
    for (const std::string& backend : backends()) {
        TestServer first(backend);
        TestServer second(TestServer::default_options(first.database_url()));
        const long long id = workshop_id(first);
        // One visitor's cookie and the form token that belongs to it (the same key on both
        // servers).
        const std::string csrf_cookie(43, 'c');
        const std::string token =
            accounts::csrf_token_for(first.accounts().csrf_key(), csrf_cookie, "");
        const Headers cookie{{"Cookie", "skirosim_csrf=" + csrf_cookie}};
        std::atomic<int> ok{0};
        std::vector<std::future<void>> crowd;
        for (int t = 0; t < 20; ++t) {
            crowd.push_back(std::async(std::launch::async, [&, t] {
                for (int i = 0; i < 10; ++i) {
                    const TestServer& server = (t + i) % 2 ? first : second;
                    auto r = server.post_form(
                        "/lv/activities/" + std::to_string(id) + "/register",
                        form_encode({{"name", "P" + std::to_string(t * 10 + i)},
                                     {"contact", "p" + std::to_string(t * 10 + i) + "@example.org"},
                                     {"csrf", token}}),
                        cookie);
                    if (r.status == 200) ++ok;
                }
            }));
        }
        for (auto& f : crowd) f.get();
        EXPECT_EQ(ok.load(), 200) << backend;
        EXPECT_EQ(count_status(first, id, "confirmed"), 20) << backend;
        EXPECT_EQ(count_status(first, id, "waiting"), 180) << backend;
        // The summary the figures read agrees with the rows, also after 200 concurrent writes.
        auto summary =
            first.app().database().read<long long>([&](soci::session& sql) -> Result<long long> {
                long long v = 0;
                sql << "SELECT people FROM registration_counts WHERE activity_id = :a AND state = "
                       "'confirmed'",
                    soci::use(id), soci::into(v);
                return v;
            });
        EXPECT_EQ(summary.value_or(-1), 20) << backend;
    }
}

}  // namespace
}  // namespace skirosim::testing
