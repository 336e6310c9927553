// Activities on SQLite and PostgreSQL, beyond the first registration: series with dates changed
// on their own, staff registering residents on their behalf, attendance and results, the
// participation snapshot, the coordinator's figures (and CSV) and the public results with "<5".
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <thread>

#include "accounts/repository.hpp"
#include "activities/repository.hpp"
#include "platform/audit_log.hpp"
#include "platform/outbox.hpp"
#include "platform/time_zone.hpp"
#include "support/browser.hpp"
#include "support/test_env.hpp"
#include "support/test_server.hpp"

namespace skirosim::testing {
namespace {

// The sample profile's town is in Riga's time zone.
const platform::TimeZone& riga() {
    static const platform::TimeZone zone = *platform::TimeZone::named("Europe/Riga");
    return zone;
}

using ::testing::HasSubstr;
using ::testing::Not;

using Form = std::vector<std::pair<std::string, std::string>>;

class ActivitiesAfterwards : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        server_ = std::make_unique<TestServer>(GetParam());
        auto& accounts = server_->accounts();
        ASSERT_TRUE(accounts.create_confirmed("coord@example.org", "Koordinatore", "coord password",
                                              "lv", {{"coordinator", ""}}));
        ASSERT_TRUE(accounts.create_confirmed("librarian@example.org", "Bibliotekāre",
                                              "library password", "ru",
                                              {{"staff", "cerinu-biblioteka"}}));
        ASSERT_TRUE(accounts.create_confirmed("social@example.org", "Sociālā darbiniece",
                                              "social password", "lv",
                                              {{"staff", "gimenes-atbalsta-centrs"}}));
        ASSERT_TRUE(accounts.create_confirmed("resident@example.org", "Resident",
                                              "resident password", "lv", {}));
    }
    Browser as(const std::string& login, const std::string& password) {
        return logged_in(*server_, login, password);
    }
    template <typename T>
    T query(const std::string& sql_text, long long bound = 0) {
        auto value = server_->app().database().read<T>([&](soci::session& sql) -> Result<T> {
            T v{};
            soci::indicator ind = soci::i_ok;
            if (sql_text.find(":v") != std::string::npos)
                sql << sql_text, soci::use(bound, "v"), soci::into(v, ind);
            else
                sql << sql_text, soci::into(v, ind);
            return ind == soci::i_ok ? v : T{};
        });
        EXPECT_TRUE(value.has_value());
        return value.value_or(T{});
    }
    std::vector<activities::Activity> series_of(long long first) {
        auto dates = server_->app().database().read<std::vector<activities::Activity>>(
            [&](soci::session& sql) -> Result<std::vector<activities::Activity>> {
                return activities::Repository::series(sql, first);
            });
        return dates.value_or(std::vector<activities::Activity>{});
    }
    // An activity of the library that began an hour ago and ends in an hour: open for
    // registration, and its attendance can be marked.
    long long running_activity(const std::string& external_id, int capacity) {
        activities::Activity a;
        a.external_id = external_id;
        a.institution = "cerinu-biblioteka";
        a.kind = "workshop";
        a.title = {"Darbnīca " + external_id, "Мастерская " + external_id,
                   "Workshop " + external_id};
        a.starts_at = server_->now() - 3600;
        a.ends_at = server_->now() + 3600;
        a.audiences = {"adults"};
        a.held_in = {"lv"};
        a.capacity = capacity;
        a.registration = true;
        auto saved = server_->app().database().transaction<long long>(
            [&](soci::session& sql) -> Result<long long> {
                activities::Repository::save(sql, {a});
                long long id = 0;
                sql << "SELECT id FROM activities WHERE external_id = :e", soci::use(a.external_id),
                    soci::into(id);
                return id;
            });
        return saved.value_or(0);
    }
    std::unique_ptr<TestServer> server_;
};

// The weekly workshop series for seniors in Russian, over the spring clock change of 2027.
const Form kSeries{{"institution", "cerinu-biblioteka"},
                   {"kind", "workshop"},
                   {"title_ru", "Сортируем вместе: мастерская для пожилых"},
                   {"description_ru", "Каждую среду, с чаем."},
                   {"start", "2027-03-10T15:00"},
                   {"end", "2027-03-10T16:30"},
                   {"held_in", "ru"},
                   {"audiences", "age-65-plus"},
                   {"registration", "yes"},
                   {"capacity", "12"},
                   {"repeat", "weekly"},
                   {"repeat_until", "2027-04-14"}};

// Before any attendance is recorded the results page does not show a table of zeros: it says
// when the figures will come and names the next activity.
TEST_P(ActivitiesAfterwards, TheResultsPageSaysWhenFiguresWillComeBeforeAnyAreRecorded) {
    auto lv = server_->get("/lv/results");
    ASSERT_EQ(lv.status, 200);
    EXPECT_THAT(lv.body, HasSubstr("Skaitļi būs redzami šeit, kad būs noticis pirmais pasākums"));
    EXPECT_THAT(lv.body, HasSubstr("Nākamais pasākums:"));
    EXPECT_THAT(lv.body, HasSubstr("trešdiena, 9. decembris, plkst. 15.00"));
    EXPECT_THAT(lv.body, Not(HasSubstr("class=\"figures\"")));
    auto ru = server_->get("/ru/results");
    EXPECT_THAT(ru.body, HasSubstr("Цифры появятся здесь"));
    EXPECT_THAT(ru.body, Not(HasSubstr("class=\"figures\"")));
}

TEST_P(ActivitiesAfterwards, ALibrarianPublishesAWeeklySeriesForSeniorsInRussian) {
    auto librarian = as("librarian@example.org", "library password");
    librarian.get("/ru/staff/activities/new");
    auto created = librarian.post("/ru/staff/activities/new", kSeries);
    ASSERT_EQ(created.status, 303) << created.body.substr(0, 500);
    std::smatch m;
    const std::string location = created.header("location");
    ASSERT_TRUE(std::regex_search(location, m, std::regex(R"(/staff/activities/(\d+))")));
    const long long first = std::stoll(m[1]);
    const auto dates = series_of(first);
    ASSERT_EQ(dates.size(), 6u);  // 10, 17, 24, 31 March, 7 and 14 April
    for (const auto& d : dates) {
        const auto local = riga().local(d.starts_at);
        EXPECT_EQ(local.hour, 15) << "every date at 15:00 in Riga, also after the clock change";
        EXPECT_EQ(d.ends_at - d.starts_at, 90 * 60);
        EXPECT_EQ(d.held_in, std::vector<std::string>{"ru"});
    }
    EXPECT_EQ(riga().local(dates.back().starts_at).day, 14);

    // Residents find it by audience and language; each date's page lists the others.
    auto calendar = server_->get("/ru/activities?audience=age-65-plus&held_in=ru");
    EXPECT_THAT(calendar.body, HasSubstr("Сортируем вместе: мастерская для пожилых"));
    auto page = server_->get("/ru/activities/" + std::to_string(dates[1].id));
    EXPECT_THAT(page.body, HasSubstr("Каждую неделю"));
    EXPECT_THAT(page.body, HasSubstr("/ru/activities/" + std::to_string(dates[5].id)));

    // A too long or backwards series says what is wrong.
    auto wrong = kSeries;
    wrong.back() = {"repeat_until", "2027-03-01"};
    auto refused = librarian.post("/ru/staff/activities/new", wrong);
    EXPECT_EQ(refused.status, 400);
    EXPECT_THAT(refused.body, HasSubstr("последнего раза"));
    wrong.back() = {"repeat_until", "2028-06-01"};
    EXPECT_EQ(librarian.post("/ru/staff/activities/new", wrong).status, 400);
}

TEST_P(ActivitiesAfterwards, OneDateOfASeriesChangesOrIsCancelledWithoutTouchingTheRest) {
    auto librarian = as("librarian@example.org", "library password");
    librarian.get("/ru/staff/activities/new");
    auto created = librarian.post("/ru/staff/activities/new", kSeries);
    std::smatch m;
    const std::string location = created.header("location");
    ASSERT_TRUE(std::regex_search(location, m, std::regex(R"(/staff/activities/(\d+))")));
    auto dates = series_of(std::stoll(m[1]));
    ASSERT_EQ(dates.size(), 6u);
    auto edit = [&](long long id, Form form) {
        librarian.get("/ru/staff/activities/" + std::to_string(id));
        return librarian.post("/ru/staff/activities/" + std::to_string(id), form);
    };
    auto form_on = [](const std::string& day, Form form) {
        for (auto& [k, v] : form) {
            if (k == "start") v = day + "T15:00";
            if (k == "end") v = day + "T16:30";
        }
        form.pop_back();
        form.pop_back();  // no repeat fields when editing
        return form;
    };

    // A resident registers for the second date; the second date is then cancelled on its own.
    Browser resident(*server_);
    resident.get("/ru/activities/" + std::to_string(dates[1].id));
    ASSERT_EQ(resident
                  .post("/ru/activities/" + std::to_string(dates[1].id) + "/register",
                        {{"name", "Валентина"},
                         {"contact", "valentina@example.org"},
                         {"age_age-65-plus", "1"},
                         {"age_adults", "0"}})
                  .status,
              200);
    auto cancel = form_on("2027-03-17", kSeries);
    cancel.emplace_back("cancelled", "yes");
    cancel.emplace_back("scope", "this");
    ASSERT_EQ(edit(dates[1].id, cancel).status, 303);
    // The third date gets another room, only that date.
    auto room = form_on("2027-03-24", kSeries);
    room.emplace_back("venue", "Lasītava, 2. stāvs");
    room.emplace_back("scope", "this");
    ASSERT_EQ(edit(dates[2].id, room).status, 303);

    auto after = series_of(dates[0].id);
    ASSERT_EQ(after.size(), 6u);
    EXPECT_TRUE(after[1].cancelled);
    EXPECT_TRUE(after[1].series_changed);
    EXPECT_EQ(after[2].venue, "Lasītava, 2. stāvs");
    for (std::size_t i : {0u, 3u, 4u, 5u}) {
        EXPECT_FALSE(after[i].cancelled) << i;
        EXPECT_EQ(after[i].venue, "") << i;
        EXPECT_EQ(after[i].starts_at, dates[i].starts_at) << i;
    }
    auto told = server_->outbox_to("valentina@example.org");
    ASSERT_EQ(told->size(), 2u);                               // registered, then cancelled
    EXPECT_EQ(told->front().subject, "Мероприятие отменено");  // newest first

    // From the fourth date on, an hour later and in the hall: the third keeps its own room,
    // the first three their times.
    auto later = form_on("2027-03-31", kSeries);
    for (auto& [k, v] : later) {
        if (k == "start") v = "2027-03-31T16:00";
        if (k == "end") v = "2027-03-31T17:30";
    }
    later.emplace_back("venue", "Zāle");
    later.emplace_back("scope", "following");
    ASSERT_EQ(edit(dates[3].id, later).status, 303);
    after = series_of(dates[0].id);
    for (std::size_t i : {0u, 1u, 2u}) EXPECT_EQ(after[i].starts_at, dates[i].starts_at) << i;
    EXPECT_EQ(after[2].venue, "Lasītava, 2. stāvs");
    for (std::size_t i : {3u, 4u, 5u}) {
        EXPECT_EQ(riga().local(after[i].starts_at).hour, 16) << i;
        EXPECT_EQ(riga().local(after[i].starts_at).day, riga().local(dates[i].starts_at).day) << i;
        EXPECT_EQ(after[i].venue, "Zāle") << i;
    }
}

TEST_P(ActivitiesAfterwards, StaffRegisterTheResidentsTheyHelpWithConsentRecorded) {
    const long long id = running_activity("assisted", 20);
    auto& accounts = server_->accounts();
    const Principal social{
        query<long long>("SELECT id FROM accounts WHERE email = 'social@example.org'"),
        "Sociālā darbiniece",
        Language::lv,
        {{"staff", "gimenes-atbalsta-centrs"}}};
    auto resident = accounts.register_assisted(social, "Jānis Bērziņš", "lv", "agreed in person");
    ASSERT_TRUE(resident);
    const std::string resident_id = std::to_string(resident->first.id);
    const std::string target = "/lv/activities/" + std::to_string(id);

    auto staff = as("social@example.org", "social password");
    auto page = staff.get(target);
    EXPECT_THAT(page.body, HasSubstr("Jānis Bērziņš"));  // offered in the staff form
    auto no_consent =
        staff.post(target + "/register-resident", {{"resident", resident_id}, {"age_adults", "1"}});
    EXPECT_EQ(no_consent.status, 400);
    EXPECT_THAT(no_consent.body, HasSubstr("piekrita"));
    auto done = staff.post(target + "/register-resident",
                           {{"resident", resident_id}, {"age_adults", "1"}, {"consent", "yes"}});
    ASSERT_EQ(done.status, 200) << done.body.substr(0, 400);
    EXPECT_EQ(query<long long>("SELECT COUNT(*) FROM registrations WHERE account_id = :v AND "
                               "registered_by IS NOT NULL "
                               "AND consent <> '' AND name = 'Jānis Bērziņš'",
                               resident->first.id),
              1);
    // Someone without an account, by name.
    ASSERT_EQ(staff
                  .post(target + "/register-resident", {{"resident", ""},
                                                        {"name", "Olga"},
                                                        {"age_age-65-plus", "1"},
                                                        {"age_adults", "0"},
                                                        {"consent", "yes"}})
                  .status,
              200);
    EXPECT_EQ(query<long long>("SELECT COUNT(*) FROM registrations WHERE name = 'Olga' AND contact "
                               "= '' AND registered_by IS NOT NULL"),
              1);

    // Another staff member may not act for a resident they do not help; a resident not at all.
    auto librarian = as("librarian@example.org", "library password");
    librarian.get(target);
    EXPECT_EQ(librarian
                  .post(target + "/register-resident",
                        {{"resident", resident_id}, {"age_adults", "1"}, {"consent", "yes"}})
                  .status,
              403);
    auto plain = as("resident@example.org", "resident password");
    plain.get(target);
    EXPECT_EQ(plain
                  .post(target + "/register-resident",
                        {{"name", "X"}, {"age_adults", "1"}, {"consent", "yes"}})
                  .status,
              403);
    EXPECT_EQ(query<long long>("SELECT COUNT(*) FROM registrations WHERE activity_id = :v", id), 2);
}

// Registers a party through the public form and returns nothing; fails the test when refused.
void register_party(TestServer& server, long long id, const std::string& name, const Form& party) {
    Browser b(server);
    const std::string target = "/lv/activities/" + std::to_string(id);
    b.get(target);
    Form form{{"name", name}, {"contact", name + "@example.org"}};
    form.insert(form.end(), party.begin(), party.end());
    auto r = b.post(target + "/register", form);
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 400);
}

TEST_P(ActivitiesAfterwards, AttendanceResultsAndFiguresMatchTheRegistrations) {
    const long long id = running_activity("figures", 30);
    // Four parties: a family (2 adults, 1 aged 1–6, 2 aged 7–12, "families"), a senior couple,
    // a client of the social service, and one who will not come.
    register_party(
        *server_, id, "family",
        {{"age_adults", "2"}, {"age_age-1-6", "1"}, {"age_age-7-12", "2"}, {"group", "families"}});
    register_party(*server_, id, "seniors", {{"age_adults", "0"}, {"age_age-65-plus", "2"}});
    register_party(*server_, id, "client",
                   {{"age_adults", "1"}, {"group", "social-service-clients"}});
    register_party(*server_, id, "absent", {{"age_adults", "3"}});
    // A registration with a bad count is refused and changes nothing.
    Browser bad(*server_);
    bad.get("/lv/activities/" + std::to_string(id));
    EXPECT_EQ(bad.post("/lv/activities/" + std::to_string(id) + "/register",
                       {{"name", "x"}, {"contact", "x@example.org"}, {"age_adults", "abc"}})
                  .status,
              400);

    auto reg_id = [&](const std::string& name) {
        auto v =
            server_->app().database().read<long long>([&](soci::session& sql) -> Result<long long> {
                long long r = 0;
                sql << "SELECT id FROM registrations WHERE name = :n AND activity_id = :a",
                    soci::use(name, "n"), soci::use(id, "a"), soci::into(r);
                return r;
            });
        return std::to_string(v.value_or(0));
    };
    const std::string sheet = "/lv/staff/activities/" + std::to_string(id) + "/attendance";
    // Staff of another institution may not mark it.
    auto social = as("social@example.org", "social password");
    EXPECT_EQ(social.get(sheet).status, 403);

    auto librarian = as("librarian@example.org", "library password");
    auto form_page = librarian.get(sheet);
    ASSERT_EQ(form_page.status, 200);
    EXPECT_THAT(form_page.body, HasSubstr("family"));
    Form attendance{
        {"listed", reg_id("family")}, {"listed", reg_id("seniors")}, {"listed", reg_id("client")},
        {"listed", reg_id("absent")}, {"came", reg_id("family")},    {"came", reg_id("seniors")},
        {"came", reg_id("client")},   {"walk_adults", "4"},          {"walk_age-13-18", "2"},
        {"kg_paper", "12,5"},         {"kg_batteries", "1.5"},       {"items", "17"}};
    // A bad number is refused with a message; nothing is saved.
    auto wrong = attendance;
    wrong.back() = {"items", "lots"};
    auto refused = librarian.post(sheet, wrong);
    EXPECT_EQ(refused.status, 400);
    EXPECT_THAT(refused.body, HasSubstr("Ierakstiet skaitli no 0 līdz 1\u00A0000\u00A0000."));
    EXPECT_THAT(refused.body, HasSubstr("value=\"lots\""));  // what was typed stays
    EXPECT_THAT(refused.body, HasSubstr("value=\"12,5\""));
    EXPECT_EQ(query<long long>("SELECT COUNT(*) FROM participation WHERE activity_id = :v", id), 0);
    ASSERT_EQ(librarian.post(sheet, attendance).status, 303);

    // What the registrations say, counted here from the rows themselves.
    const long long came_people = query<long long>(
        "SELECT SUM(adults + children) FROM registrations WHERE activity_id = :v AND attended = 1",
        id);
    const long long no_show_people = query<long long>(
        "SELECT SUM(adults + children) FROM registrations WHERE activity_id = :v AND attended = 0",
        id);
    EXPECT_EQ(came_people, 5 + 2 + 1);
    EXPECT_EQ(no_show_people, 3);

    auto coordinator = as("coord@example.org", "coord password");
    auto csv = coordinator.get("/en/coordinator/figures/csv?from=2020-01-01&to=2030-12-31");
    ASSERT_EQ(csv.status, 200);
    EXPECT_THAT(csv.header("content-type"), HasSubstr("text/csv"));
    auto row = [&](const std::string& section, const std::string& code) {
        std::smatch m;
        const std::regex line("(^|\n)" + section + "," +
                              std::regex_replace(code, std::regex(R"([+*?.])"), R"(\$&)") +
                              ",[^,\r\n]*,([^\r\n]*)");
        return std::regex_search(csv.body, m, line) ? std::string(m[2]) : std::string("missing");
    };
    EXPECT_EQ(row("registrations", "parties"), "4");
    EXPECT_EQ(row("registrations", "people"), "11");
    EXPECT_EQ(row("attendance", "came-parties"), "3");
    EXPECT_EQ(row("attendance", "came-people"), std::to_string(came_people));
    EXPECT_EQ(row("attendance", "no-show-parties"), "1");
    EXPECT_EQ(row("attendance", "no-show-people"), std::to_string(no_show_people));
    EXPECT_EQ(row("attendance", "walk-ins"), "6");
    EXPECT_EQ(row("attendance", "participants"), std::to_string(came_people + 6));
    EXPECT_EQ(row("age", "adults"), "7");  // 2 + 1 registered, 4 walk-ins
    EXPECT_EQ(row("age", "age-65-plus"), "2");
    EXPECT_EQ(row("age", "age-13-18"), "2");
    EXPECT_EQ(row("group", "families"), "5");
    EXPECT_EQ(row("group", "social-service-clients"), "1");
    EXPECT_EQ(row("collected", "kg:paper"), "12.5 kg");
    EXPECT_EQ(row("collected", "items"), "17");
    EXPECT_EQ(row("institution", "cerinu-biblioteka"), "1");
    // A period without it has none of it.
    auto before = coordinator.get("/en/coordinator/figures/csv?from=2020-01-01&to=2020-12-31");
    EXPECT_THAT(before.body, Not(HasSubstr("cerinu-biblioteka")));
    EXPECT_THAT(coordinator.get("/lv/coordinator/figures").body, HasSubstr("Dalībnieki"));
    EXPECT_EQ(as("resident@example.org", "resident password").get("/lv/coordinator/figures").status,
              403);

    // The public sees the same, with counts under 5 hidden.
    auto results = server_->get("/en/results");
    ASSERT_EQ(results.status, 200);
    EXPECT_THAT(results.body, HasSubstr("<th scope=\"row\">Adults</th><td>7</td>"));
    EXPECT_THAT(results.body, HasSubstr("<th scope=\"row\">Ages 65+</th><td>&lt;5</td>"));
    EXPECT_THAT(results.body,
                HasSubstr("<th scope=\"row\">Social-service clients</th><td>&lt;5</td>"));
    EXPECT_THAT(results.body, Not(HasSubstr("did not come")));

    // The snapshot holds: the family's registration changes and an account goes, the figures stay.
    ASSERT_TRUE(server_->app().database().transaction<int>([&](soci::session& sql) -> Result<int> {
        sql << "UPDATE registrations SET ages = 'adults=9', groups_of_party = '' WHERE activity_id "
               "= :a",
            soci::use(id);
        return 0;
    }));
    auto again = coordinator.get("/en/coordinator/figures/csv?from=2020-01-01&to=2030-12-31");
    std::swap(csv, again);
    EXPECT_EQ(row("age", "adults"), "7");
    EXPECT_EQ(row("group", "families"), "5");

    // The form shows what was saved; after the end, feedback is asked only of those who came.
    EXPECT_THAT(librarian.get(sheet).body, HasSubstr("value=\"12,5\""));
    ASSERT_TRUE(server_->activities().send_due_messages(server_->now() + 2 * 3600));
    auto outbox = [&](const std::string& to) { return server_->outbox_to(to)->size(); };
    EXPECT_EQ(outbox("family@example.org"), 2u);  // registered, how was it
    EXPECT_EQ(outbox("absent@example.org"), 1u);  // registered only

    // 90 days after the end the names and contacts go; the figures stay.
    auto forgotten = server_->activities().forget_contacts(server_->now() + 3600 + 89 * 86400, 90);
    ASSERT_TRUE(forgotten);
    EXPECT_EQ(*forgotten, 0);
    forgotten = server_->activities().forget_contacts(server_->now() + 3600 + 91 * 86400, 90);
    ASSERT_TRUE(forgotten);
    EXPECT_EQ(*forgotten, 4);
    EXPECT_EQ(query<long long>("SELECT COUNT(*) FROM registrations WHERE activity_id = :v AND "
                               "(name <> '' OR contact <> '')",
                               id),
              0);
    csv = coordinator.get("/en/coordinator/figures/csv?from=2020-01-01&to=2030-12-31");
    EXPECT_EQ(row("attendance", "participants"), std::to_string(came_people + 6));
    EXPECT_THAT(librarian.get(sheet).body, HasSubstr("<strong>—</strong>"));
}

// Before an activity begins its attendance sheet says so and offers nothing to save.
TEST_P(ActivitiesAfterwards, TheAttendanceSheetOfAFutureActivitySaysSoBeforeAnythingIsTyped) {
    const long long id = query<long long>(
        "SELECT MIN(id) FROM activities WHERE institution_id = 'cerinu-biblioteka' AND "
        "cancelled = 0 AND starts_at > :v",
        server_->now());
    ASSERT_GT(id, 0);
    auto librarian = as("librarian@example.org", "library password");
    auto sheet = librarian.get("/ru/staff/activities/" + std::to_string(id) + "/attendance");
    ASSERT_EQ(sheet.status, 200);
    EXPECT_THAT(sheet.body, HasSubstr("Мероприятие ещё не началось. Отметить посещаемость можно "
                                      "будет, когда оно начнётся:"));
    EXPECT_THAT(sheet.body, HasSubstr("<fieldset class=\"plain\" disabled>"));
    EXPECT_THAT(sheet.body, Not(HasSubstr(">Сохранить</button>")));
}

// Opened in December, the figures show December, planned activities counted, with one click
// to the months around it and the year.
TEST_P(ActivitiesAfterwards, TheFiguresOpenOnTheCurrentMonthWithWhatIsPlanned) {
    auto coordinator = as("coord@example.org", "coord password");
    auto page = coordinator.get("/en/coordinator/figures");
    ASSERT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("name=\"from\" type=\"date\" value=\"2026-12-01\""));
    EXPECT_THAT(page.body, HasSubstr("name=\"to\" type=\"date\" value=\"2026-12-31\""));
    // Still to come in December: from now to 1 January 2027 00:00 in Riga.
    const long long planned = query<long long>(
        "SELECT COUNT(*) FROM activities WHERE cancelled = 0 AND starts_at > :v AND starts_at < "
        "1798754400",
        server_->now());
    ASSERT_GT(planned, 0);
    auto csv = coordinator.get("/en/coordinator/figures/csv?from=2026-12-01&to=2026-12-31");
    EXPECT_THAT(csv.body, HasSubstr("activities,planned,Activities still to come," +
                                    std::to_string(planned)));
    EXPECT_THAT(page.body,
                HasSubstr("href=\"/en/coordinator/figures?from=2026-12-01&amp;to=2026-12-31\" "
                          "aria-current=\"page\">This month"));
    EXPECT_THAT(page.body, HasSubstr("?from=2026-11-01&amp;to=2026-11-30\">Last month"));
    EXPECT_THAT(page.body, HasSubstr("?from=2027-01-01&amp;to=2027-01-31\">Next month"));
    EXPECT_THAT(page.body, HasSubstr("?from=2026-01-01&amp;to=2026-12-31\">This year"));
}

TEST_P(ActivitiesAfterwards, ARegistrationIsInTheDataDownloadAndLosesTheNameWithTheAccount) {
    const long long id = running_activity("privacy", 10);
    auto resident = as("resident@example.org", "resident password");
    const std::string target = "/lv/activities/" + std::to_string(id);
    resident.get(target);
    ASSERT_EQ(
        resident
            .post(target + "/register",
                  {{"name", "Resident"}, {"contact", "resident@example.org"}, {"age_adults", "2"}})
            .status,
        200);
    auto data = resident.get("/lv/account/data.json");
    EXPECT_THAT(data.body, HasSubstr("\"registrations\":[{\"activity\":" + std::to_string(id)));
    // The same as a page to read: named columns, the activity's title, dates and yes/no in
    // Latvian, no Unix times or database numbers.
    auto readable = resident.get("/lv/account/data");
    ASSERT_EQ(readable.status, 200);
    EXPECT_THAT(readable.body, HasSubstr("<h2>Pieteikumi pasākumiem</h2>"));
    EXPECT_THAT(readable.body, HasSubstr("<th scope=\"col\">Pasākums</th>"));
    const std::string title =
        query<std::string>("SELECT title_lv FROM activities WHERE id = :v", id);
    EXPECT_THAT(readable.body, HasSubstr("<td data-label=\"Pasākums\">" + title + "</td>"));
    EXPECT_THAT(readable.body, HasSubstr("<td data-label=\"Valoda\">latviešu</td>"));
    EXPECT_THAT(
        readable.body,
        HasSubstr("<td data-label=\"Reģistrēja darbinieks\">Nē</td>"));  // not registered by staff
    EXPECT_THAT(readable.body, HasSubstr("2026. gada"));
    EXPECT_FALSE(std::regex_search(readable.body, std::regex("<td[^>]*>1[0-9]{9}</td>")));
    EXPECT_THAT(readable.body, Not(HasSubstr("created_at")));
    // A field left blank reads as a dash under its name (she signed up without a phone).
    EXPECT_THAT(readable.body, HasSubstr("<td data-label=\"Tālrunis\">—</td>"));
    // Codes are named: the role and the registration's state in words.
    EXPECT_THAT(readable.body, HasSubstr("<td data-label=\"Loma\">iedzīvotājs</td>"));
    EXPECT_THAT(readable.body, HasSubstr("<td data-label=\"Statuss\">Apstiprināts</td>"));
    EXPECT_THAT(readable.body, Not(HasSubstr(">resident</td>")));
    EXPECT_THAT(readable.body, Not(HasSubstr(">confirmed</td>")));
    // The party's age groups by name, not "adults 2".
    EXPECT_THAT(readable.body, HasSubstr("<td data-label=\"Vecuma grupas\">Pieaugušie 2</td>"));
    EXPECT_THAT(readable.body, Not(HasSubstr("adults")));
    EXPECT_THAT(resident.get("/lv/account").body, HasSubstr("href=\"/lv/account/data\""));
    const long long account =
        query<long long>("SELECT id FROM accounts WHERE email = 'resident@example.org'");
    ASSERT_TRUE(server_->accounts().delete_account(account, "resident password"));
    EXPECT_EQ(query<long long>("SELECT COUNT(*) FROM registrations WHERE activity_id = :v AND name "
                               "= '' AND contact = '' "
                               "AND adults = 2 AND account_id IS NULL",
                               id),
              1);
}

TEST_P(ActivitiesAfterwards, TheCoordinatorAddsAnInstitutionAndChangesOne) {
    auto coordinator = as("coord@example.org", "coord password");
    coordinator.get("/lv/coordinator/institutions/new");
    Form school{{"id", "skola-9"},
                {"kind", "school"},
                {"name_lv", "Daugavpils 9. vidusskola"},
                {"description_lv", "Skola Ķīmijas apkaimē."},
                {"address", "Ķīmiķu iela 1"},
                {"lat", "55,87"},
                {"lon", "26,55"}};
    // A bad number and a missing name are refused with a message; nothing is saved.
    auto bad = school;
    bad[5] = {"lat", "ziemeļi"};
    EXPECT_EQ(coordinator.post("/lv/coordinator/institutions/new", bad).status, 400);
    auto nameless = school;
    nameless[2] = {"name_lv", ""};
    auto refused = coordinator.post("/lv/coordinator/institutions/new", nameless);
    EXPECT_EQ(refused.status, 400);
    EXPECT_THAT(refused.body, HasSubstr("value=\"Ķīmiķu iela 1\""));  // what was typed stays
    EXPECT_THAT(refused.body, HasSubstr("role=\"alert\""));
    EXPECT_EQ(query<long long>("SELECT COUNT(*) FROM institutions WHERE id = 'skola-9'"), 0);

    auto created = coordinator.post("/lv/coordinator/institutions/new", school);
    ASSERT_EQ(created.status, 303) << created.body.substr(0, 400);
    auto page = server_->get("/ru/institutions/skola-9");
    ASSERT_EQ(page.status, 200);
    EXPECT_THAT(page.body,
                HasSubstr("Daugavpils 9. vidusskola"));  // stands in for Russian until translated
    EXPECT_THAT(server_->get("/lv/about").body, HasSubstr("skola-9"));
    EXPECT_THAT(coordinator.get("/lv/staff/activities/new").body, HasSubstr("value=\"skola-9\""));
    EXPECT_EQ(coordinator.post("/lv/coordinator/institutions/new", school).status,
              400);  // the code is taken

    // The library's address changes; its place in the list stays.
    const long long position =
        query<long long>("SELECT position FROM institutions WHERE id = 'cerinu-biblioteka'");
    auto form = coordinator.get("/lv/coordinator/institutions/cerinu-biblioteka");
    ASSERT_EQ(form.status, 200);
    Form library{{"kind", "library"},
                 {"name_lv", "Latgales Centrālās bibliotēkas Ceriņu filiāle"},
                 {"description_lv", "Bibliotēka."},
                 {"address", "Ceriņu iela 7"}};
    ASSERT_EQ(coordinator.post("/lv/coordinator/institutions/cerinu-biblioteka", library).status,
              303);
    EXPECT_THAT(server_->get("/lv/institutions/cerinu-biblioteka").body,
                HasSubstr("Ceriņu iela 7"));
    EXPECT_EQ(query<long long>("SELECT position FROM institutions WHERE id = 'cerinu-biblioteka'"),
              position);
    EXPECT_EQ(query<long long>("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'institution.%'"),
              2);
    // The audit page names the institution (its full name when it has no short one) and links
    // to its page.
    EXPECT_THAT(coordinator.get("/lv/admin/audit").body,
                HasSubstr("<a href=\"/lv/coordinator/institutions/skola-9\">Iestāde: Daugavpils 9. "
                          "vidusskola</a>"));

    auto librarian = as("librarian@example.org", "library password");
    EXPECT_EQ(librarian.get("/lv/coordinator/institutions").status, 403);
    librarian.get("/lv/activities");
    EXPECT_EQ(librarian.post("/lv/coordinator/institutions/cerinu-biblioteka", library).status,
              403);
}

TEST_P(ActivitiesAfterwards, TheHomePageLeavesCancelledActivitiesOut) {
    EXPECT_THAT(server_->get("/en/").body, HasSubstr("Sorting workshop for seniors"));
    ASSERT_TRUE(server_->app().database().transaction<int>([](soci::session& sql) -> Result<int> {
        sql << "UPDATE activities SET cancelled = 1 WHERE external_id = "
               "'sample-sorting-workshop-library'";
        return 0;
    }));
    EXPECT_THAT(server_->get("/en/").body, Not(HasSubstr("Sorting workshop for seniors")));
}

TEST(PageCache, TheHomePageOfVisitorsIsKeptForItsLifetimeAndNeverForSignedInPeople) {
    auto options = TestServer::default_options(fresh_database_url("sqlite"));
    options.page_cache = std::chrono::milliseconds(1500);
    TestServer server(options);
    ASSERT_TRUE(server.accounts().create_confirmed("resident@example.org", "Resident",
                                                   "resident password", "lv", {}));
    auto cancel_workshop = [&](int cancelled) {
        ASSERT_TRUE(
            server.app().database().transaction<int>([&](soci::session& sql) -> Result<int> {
                sql << "UPDATE activities SET cancelled = :c WHERE external_id = "
                       "'sample-sorting-workshop-library'",
                    soci::use(cancelled);
                return 0;
            }));
    };
    const auto start = std::chrono::steady_clock::now();
    EXPECT_THAT(server.get("/en/").body, HasSubstr("Sorting workshop for seniors"));
    cancel_workshop(1);
    Browser resident(server);
    resident.get("/en/login");
    ASSERT_EQ(resident
                  .post("/en/login",
                        {{"login", "resident@example.org"}, {"password", "resident password"}})
                  .status,
              303);
    EXPECT_THAT(resident.get("/en/").body,
                Not(HasSubstr("Sorting workshop for seniors")));  // fresh when signed in
    if (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(1200)) {
        EXPECT_THAT(server.get("/en/").body,
                    HasSubstr("Sorting workshop for seniors"));  // kept for visitors
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1600));
    EXPECT_THAT(server.get("/en/").body,
                Not(HasSubstr("Sorting workshop for seniors")));  // and then renewed
}

INSTANTIATE_TEST_SUITE_P(Backends, ActivitiesAfterwards, ::testing::ValuesIn(backends()));

}  // namespace
}  // namespace skirosim::testing
