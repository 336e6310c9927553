// Collection points through the real server, on SQLite and PostgreSQL: nearest first, GeoJSON,
// pages, posters with QR codes, and a problem report from a resident to resolved.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <fmt/format.h>
#include <regex>

#include "accounts/repository.hpp"
#include "platform/audit_log.hpp"
#include "platform/outbox.hpp"
#include "points/module.hpp"
#include "support/browser.hpp"
#include "support/local_services.hpp"
#include "support/test_env.hpp"
#include "support/test_server.hpp"

namespace skirosim::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
namespace json = boost::json;

class Points : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override { server_ = std::make_unique<TestServer>(GetParam()); }
    json::value api(const std::string& query, const Headers& headers = {}) {
        auto r = server_->get("/api/v1/points?" + query, headers);
        EXPECT_EQ(r.status, 200) << r.body;
        return json::parse(r.body);
    }
    std::unique_ptr<TestServer> server_;
};

TEST_P(Points, NearestThatTakeTheChannelFirst) {
    auto answer = api("channel=batteries&near=55.9010,26.5715&limit=3");
    const auto& points = answer.at("points").as_array();
    ASSERT_EQ(points.size(), 3u);
    EXPECT_EQ(points[0].at("id").as_string(), "mezgls-battery-box");  // it stands right there
    double last = -1;
    for (const auto& p : points) {
        const auto& channels = p.at("channels").as_array();
        EXPECT_NE(std::find(channels.begin(), channels.end(), json::value("batteries")),
                  channels.end());
        const double d = p.at("distance_m").to_number<double>();
        EXPECT_GE(d, last);
        last = d;
        EXPECT_TRUE(p.at("open_now").is_bool());
    }
    EXPECT_EQ(points[0].at("distance_m").as_int64(), 0);
    // The textile container has no hours: open_now is unknown, not false.
    auto textile = api("channel=textile&limit=1");
    EXPECT_TRUE(textile.at("points").at(0).at("open_now").is_null());
}

TEST_P(Points, GeoJsonOnRequest) {
    auto r = server_->get("/api/v1/points?channel=medicines", {{"Accept", "application/geo+json"}});
    EXPECT_EQ(r.header("content-type"), "application/geo+json");
    auto geo = json::parse(r.body);
    EXPECT_EQ(geo.at("type").as_string(), "FeatureCollection");
    const auto& feature = geo.at("features").at(0);
    EXPECT_EQ(feature.at("geometry").at("type").as_string(), "Point");
    EXPECT_NEAR(feature.at("geometry").at("coordinates").at(0).to_number<double>(), 26.566,
                0.001);  // lon first
    EXPECT_EQ(feature.at("properties").at("id").as_string(), "kimija-pharmacy");
}

TEST_P(Points, BadParametersAreExplained) {
    auto near = server_->get("/api/v1/points?near=north");
    EXPECT_EQ(near.status, 400);
    EXPECT_EQ(json::parse(near.body).at("error").at("field").as_string(), "near");
    EXPECT_EQ(server_->get("/api/v1/points?channel=gold").status, 400);
}

TEST_P(Points, PagesInEveryLanguageAndSampleDataSaysSo) {
    auto list = server_->get("/ru/points?channel=batteries&near=mezgls");
    ASSERT_EQ(list.status, 200);
    EXPECT_THAT(list.body, HasSubstr("Ящик для батареек в детском клубе «Mezgls»"));
    EXPECT_THAT(list.body, Not(HasSubstr("Аптека, принимающая лекарства")));
    EXPECT_THAT(list.body, HasSubstr("Демонстрационные данные"));
    // Each sample place is marked quietly; the page explains it once.
    const auto count = [](const std::string& body, const std::string& what) {
        std::size_t n = 0;
        for (auto at = body.find(what); at != std::string::npos; at = body.find(what, at + 1)) ++n;
        return n;
    };
    EXPECT_GT(count(list.body, "class=\"sample-mark\""), 1u);
    EXPECT_EQ(count(list.body, "class=\"sample-notice\""), 1u);
    EXPECT_EQ(count(list.body, "class=\"badge\""), 0u);
    auto point = server_->get("/lv/points/liginiski-sorting-site");
    ASSERT_EQ(point.status, 200);
    // The week as people read it, today marked, never the OSM code.
    EXPECT_THAT(point.body, HasSubstr("<th scope=\"row\">Pirmdiena</th><td>8.00–19.00</td>"));
    EXPECT_THAT(point.body, HasSubstr("<tr class=\"today\"><th scope=\"row\">Otrdiena (šodien)"));
    EXPECT_THAT(point.body, Not(HasSubstr("Mo-Su 08:00-19:00")));
    EXPECT_THAT(point.body, HasSubstr("icons/glass.svg"));  // what it takes, with the bins' icons
    EXPECT_THAT(point.body, HasSubstr("openstreetmap.org"));
    EXPECT_EQ(server_->get("/lv/points/nowhere").status, 404);
}

TEST_P(Points, TheGuidesItemPageShowsTheNearestPlaces) {
    auto page = server_->get("/en/guide/item/battery");
    EXPECT_THAT(page.body, HasSubstr("Where to take it nearby"));
    EXPECT_THAT(page.body, HasSubstr("/en/points/pii-26-battery-box"));
    auto near_me = server_->get("/en/guide/item/battery?near=55.9010,26.5715");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(near_me.body, m, std::regex("/en/points/([a-z0-9-]+)")));
    EXPECT_EQ(m[1], "mezgls-battery-box");
}

// At 19:00 on a Tuesday the partners' battery boxes (Mo-Fr 9-18) are closed and the shop's box
// (8-22) is open, though farther away: it comes first, and each place says when, in words.
TEST(PointsNearAnItem, TheOpenPlaceComesFirstAndTheClosedOnesSayWhenTheyOpen) {
    auto options = TestServer::default_options(fresh_database_url("sqlite"));
    options.clock = std::make_shared<platform::ManualClock>(test_moment() + std::chrono::hours(10));
    TestServer server(options);
    auto page = server.get("/ru/guide/item/battery");
    ASSERT_EQ(page.status, 200);
    const auto section = page.body.substr(page.body.find("id=\"nearest-heading\""));
    const auto shop = section.find("/ru/points/kimija-shop-box");
    const auto partner = section.find("/ru/points/pii-26-battery-box");
    ASSERT_NE(shop, std::string::npos);
    ASSERT_NE(partner, std::string::npos);
    EXPECT_LT(shop, partner);
    EXPECT_THAT(section, HasSubstr("Сейчас открыто, до 22:00"));
    EXPECT_THAT(section, HasSubstr("Сейчас закрыто, откроется завтра в 9:00"));
    EXPECT_THAT(section, HasSubstr("Пн–Пт 9:00–18:00; Сб–Вс закрыто"));
    // Where the distance is measured from, and in the reader's units.
    EXPECT_THAT(section, HasSubstr("Расстояние считается от места: 26-й детский сад"));
    EXPECT_TRUE(std::regex_search(section, std::regex("<strong>[0-9 ,]+ (м|км)</strong>")));
    EXPECT_THAT(section, Not(HasSubstr(" km</strong>")));
    // Latvian: "atvērs rīt plkst. 9.00", never a date with the year.
    auto lv = server.get("/lv/guide/item/battery");
    EXPECT_THAT(lv.body, HasSubstr("Pašlaik slēgts, atvērs rīt plkst. 9.00"));
    EXPECT_THAT(lv.body, Not(HasSubstr("2026. gada")));
}

// Without script the "use my location" button stays hidden; the words for a refusal are there
// for the script to show.
TEST_P(Points, TheLocationButtonWaitsForScript) {
    auto page = server_->get("/lv/guide/item/battery");
    EXPECT_TRUE(std::regex_search(page.body, std::regex("<button[^>]*data-locate hidden>")));
    EXPECT_TRUE(
        std::regex_search(page.body, std::regex("<p [^>]*data-locate-refused hidden>Jūsu atra")));
}

// The QR code drawn inline in an HTML page, as a document of its own.
std::string inline_qr_document(const std::string& html) {
    // Found by position, not by a regex: libstdc++'s regex recurses once per character of a match
    // and overflowed the stack under AddressSanitizer on a poster's QR code.
    const auto open = html.find("<svg viewBox=\"0 0 100 100\"");
    if (open == std::string::npos) return "";
    const auto content = html.find('>', open);
    const auto close = html.find("</svg>", content);
    if (content == std::string::npos || close == std::string::npos) return "";
    return R"(<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 100 100">)" +
           html.substr(content + 1, close - content - 1) + "</svg>";
}

TEST_P(Points, PostersCarryAQrCodeThatOpensThePointsPage) {
    const std::string page_url = "http://localhost:8080/lv/points/kimija-pharmacy";
    auto poster = server_->get("/lv/points/kimija-pharmacy/poster");
    ASSERT_EQ(poster.status, 200);
    EXPECT_THAT(poster.body, HasSubstr("Aptieka, kas pieņem zāles"));
    EXPECT_THAT(poster.body, HasSubstr("Аптека, принимающая лекарства"));
    EXPECT_THAT(read_qr_codes(inline_qr_document(poster.body)), ElementsAre(page_url));
    // The printable SVG: the whole A4 page drawn and read, so a code that falls off the page fails.
    auto svg = server_->get("/points/kimija-pharmacy/poster.svg");
    EXPECT_EQ(svg.header("content-type"), "image/svg+xml");
    EXPECT_THAT(
        svg.body,
        HasSubstr("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"210mm\" height=\"297mm\""));
    EXPECT_THAT(read_qr_codes(svg.body), ElementsAre(page_url));
}

TEST_P(Points, APosterSaysTheHoursInBothLanguagesAndItsQrOpensThePageInItsLanguage) {
    auto poster = server_->get("/ru/points/kimija-pharmacy/poster");
    ASSERT_EQ(poster.status, 200);
    EXPECT_THAT(read_qr_codes(inline_qr_document(poster.body)),
                ElementsAre("http://localhost:8080/ru/points/kimija-pharmacy"));
    EXPECT_THAT(poster.body, HasSubstr("<p lang=\"lv\"><strong>Darba laiks:</strong> P–Pk"));
    EXPECT_THAT(poster.body, HasSubstr("<p lang=\"ru\"><strong>Часы работы:</strong> Пн–Пт"));
    EXPECT_THAT(poster.body,
                HasSubstr("<p class=\"poster-address\">Ķīmijas apkaime, Daugavpils</p>"));
    EXPECT_THAT(poster.body, HasSubstr("href=\"/points/kimija-pharmacy/poster.svg?lang=ru\""));
    auto svg = server_->get("/points/kimija-pharmacy/poster.svg?lang=ru");
    EXPECT_THAT(read_qr_codes(svg.body),
                ElementsAre("http://localhost:8080/ru/points/kimija-pharmacy"));
    EXPECT_THAT(svg.body, HasSubstr("Часы работы: Пн–Пт"));
}

TEST_P(Points, AReportGoesFromAResidentToTheCoordinatorAndToResolved) {
    ASSERT_TRUE(server_->accounts().create_confirmed(
        "coord@example.org", "Koordinatore", "coord password", "lv", {{"coordinator", ""}}));
    Browser resident(*server_);
    resident.get("/lv/points/kimija-container-site-1");
    auto sent = resident.post("/lv/points/kimija-container-site-1/report",
                              {{"kind", "overflowing"},
                               {"details", "Pārpildīts kopš pirmdienas"},
                               {"contact", "reporter@example.org"}});
    EXPECT_EQ(sent.status, 200);
    EXPECT_THAT(sent.body, HasSubstr("Ziņojums nodots koordinatoram"));
    // A neighbour reports the same: asked first, then joined.
    Browser neighbour(*server_);
    neighbour.get("/ru/points/kimija-container-site-1");
    auto asked = neighbour.post("/ru/points/kimija-container-site-1/report",
                                {{"kind", "overflowing"}, {"details", "полный"}});
    EXPECT_THAT(asked.body, HasSubstr("Это та же проблема?"));
    std::smatch m;
    ASSERT_TRUE(std::regex_search(asked.body, m, std::regex(R"re(name="same" value="(\d+)")re")));
    auto joined = neighbour.post("/ru/points/kimija-container-site-1/report",
                                 {{"kind", "overflowing"}, {"same", m[1]}});
    EXPECT_THAT(joined.body, HasSubstr("Ваше сообщение добавлено к уже открытой заявке"));

    Browser coordinator(*server_);
    coordinator.get("/lv/login");
    coordinator.post("/lv/login", {{"login", "coord@example.org"}, {"password", "coord password"}});
    EXPECT_THAT(coordinator.get("/lv/coordinator").body,
                HasSubstr("href=\"/lv/coordinator/reports\""));
    auto fresh = coordinator.get("/lv/coordinator/reports?status=new");
    EXPECT_THAT(fresh.body, HasSubstr("Pārpildīts kopš pirmdienas"));
    // The card speaks of the place and the problem in words, not in codes.
    EXPECT_THAT(fresh.body, HasSubstr("<strong>Konteiners ir pārpildīts</strong>"));
    // One voice: the neighbour came from the same address as the reporter.
    EXPECT_THAT(fresh.body, HasSubstr("Ziņojušo iedzīvotāju skaits: 1"));
    EXPECT_THAT(fresh.body, Not(HasSubstr("· overflowing")));
    EXPECT_THAT(fresh.body, Not(HasSubstr(">kimija-container-site-1<")));
    const std::string id = m[1];
    // Whatever the form carries besides the address, the message is made from the database.
    auto forwarded = coordinator.post("/lv/coordinator/reports/" + id + "/forward",
                                      {{"email", "dispatch@aadso.example"},
                                       {"point", "another-place"},
                                       {"details", "<script>forged</script>"}});
    EXPECT_EQ(forwarded.status, 303);
    EXPECT_THAT(coordinator.get("/lv/coordinator/reports?status=forwarded").body,
                HasSubstr("dispatch@aadso.example"));
    auto resolved =
        coordinator.post("/lv/coordinator/reports/" + id + "/resolve", {{"language", "lv"}});
    EXPECT_EQ(resolved.status, 303);
    auto outbox = server_->outbox_newest(10);
    ASSERT_TRUE(outbox);
    bool to_body = false, to_reporter = false;
    const auto point =
        server_->app().module<points::Module>().service().find("kimija-container-site-1");
    ASSERT_TRUE(point);
    for (const auto& message : *outbox) {
        if (message.recipient == "dispatch@aadso.example") {
            to_body = true;
            // Usable by the operator as it is: the place, its address, where on a map, what.
            EXPECT_EQ(message.subject, "Problēma savākšanas vietā: " + point->name[0]);
            EXPECT_THAT(message.body, HasSubstr("Vieta: " + point->name[0]));
            EXPECT_THAT(message.body, HasSubstr("Adrese: " + point->address));
            EXPECT_THAT(message.body, HasSubstr(fmt::format("Koordinātas: {:.5f}, {:.5f}",
                                                            point->latitude, point->longitude)));
            EXPECT_THAT(message.body, HasSubstr("openstreetmap.org/?mlat="));
            EXPECT_THAT(message.body, HasSubstr("Problēma: Konteiners ir pārpildīts"));
            EXPECT_THAT(message.body, HasSubstr("Iedzīvotāju vārdiem: Pārpildīts kopš pirmdienas"));
            EXPECT_THAT(message.body, HasSubstr("Ziņojušo iedzīvotāju skaits: 1"));
            EXPECT_THAT(
                message.body,
                HasSubstr("Vietas lapa: http://localhost:8080/lv/points/kimija-container-site-1"));
            EXPECT_THAT(message.body, Not(HasSubstr("forged")));
        }
        if (message.recipient == "reporter@example.org" &&
            message.subject == "Jūsu ziņotā problēma ir novērsta")
            to_reporter = true;
    }
    EXPECT_TRUE(to_body);
    EXPECT_TRUE(to_reporter);
    // The audit log names the report by its place and problem, linked to its list, not by number.
    const auto audit = coordinator.get("/lv/admin/audit").body;
    EXPECT_THAT(audit, HasSubstr("<a href=\"/lv/coordinator/reports?status=resolved\">Ziņojums: " +
                                 point->name[0] + " — Konteiners ir pārpildīts</a>"));
    EXPECT_FALSE(std::regex_search(audit, std::regex(">Ziņojums [0-9]+<")));
}

TEST_P(Points, ReportsAreRateLimitedAndCheckedAndOnlyTheCoordinatorSeesThem) {
    Browser resident(*server_);
    resident.get("/en/points/kimija-pharmacy");
    auto bad = resident.post("/en/points/kimija-pharmacy/report", {{"kind", "stolen-by-aliens"}});
    EXPECT_EQ(bad.status, 400);
    int accepted = 0, refused = 0;
    for (int i = 0; i < 7; ++i) {
        auto r = resident.post("/en/points/kimija-pharmacy/report",
                               {{"kind", "other"}, {"new_anyway", "1"}, {"details", "x"}});
        if (r.status == 200) ++accepted;
        if (r.status == 429) ++refused;
    }
    EXPECT_EQ(accepted, 5);
    EXPECT_EQ(refused, 2);
    EXPECT_EQ(resident.get("/en/coordinator/reports").status, 303);  // to the log-in page
}

TEST_P(Points, EveryBinHasALabelWithAQrCodeOfItsPage) {
    auto label = server_->get("/ru/guide/bin/glass/label");
    ASSERT_EQ(label.status, 200);
    EXPECT_THAT(label.body, HasSubstr("class=\"qr\""));
    EXPECT_THAT(label.body, HasSubstr("/lv/guide/bin/glass"));
    EXPECT_THAT(label.body, HasSubstr("✓ Да"));
    EXPECT_THAT(read_qr_codes(inline_qr_document(label.body)),
                ElementsAre("http://localhost:8080/lv/guide/bin/glass"));
    auto svg = server_->get("/guide/bin/packaging/label.svg");
    EXPECT_EQ(svg.header("content-type"), "image/svg+xml");
    EXPECT_THAT(svg.body, HasSubstr("width=\"210mm\""));
    EXPECT_THAT(read_qr_codes(svg.body),
                ElementsAre("http://localhost:8080/lv/guide/bin/packaging"));
    EXPECT_EQ(server_->get("/lv/guide/bin/nothing/label").status, 404);
    EXPECT_THAT(server_->get("/lv/guide/bin/glass").body, HasSubstr("/lv/guide/bin/glass/label"));
}

TEST_P(Points, TheItemPageMeasuresFromAPlaceChosenOnThePage) {
    auto page = server_->get("/en/guide/item/battery?from=mezgls");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(page.body, m, std::regex("/en/points/([a-z0-9-]+)")));
    EXPECT_EQ(m[1], "mezgls-battery-box");
    EXPECT_THAT(page.body, HasSubstr("<option value=\"mezgls\" selected>"));
}

INSTANTIATE_TEST_SUITE_P(Backends, Points, ::testing::ValuesIn(backends()));

}  // namespace
}  // namespace skirosim::testing
