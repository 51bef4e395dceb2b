// app::DirectoryView, the Annuaire's view-model: query caching, filters, open-now at a fixed time, orientation.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <memory>

#include "app/directory_view.hpp"
#include "app/session_form.hpp"
#include "core/error.hpp"
#include "support/temp_dir.hpp"

using namespace mediane;

namespace {

// 2025-03-04 is a Tuesday.
constexpr core::LocalDateTime kTuesdayEleven{2025, 3, 4, 11, 0};
constexpr core::LocalDateTime kTuesdayFifteen{2025, 3, 4, 15, 0};

const char* kPlaces =
    "id,pivot,nom,commune,code_postal,adresse,date_maj,typologie,services,publics_specifiquement_adresses,"
    "frais_a_charge,horaires\n"
    "m1,43493312300029,Médiathèque Lucie-Aubrac,Vénissieux,69200,2 place Henri-Barbusse,2024-01-01,BIB,"
    "Aide aux démarches administratives|Loisirs et créations numériques,Seniors,Gratuit,Tu-Sa 10:00-18:00\n"
    "m2,43493312300037,Médiathèque du Bachut,Lyon,69008,2 place du 11 Novembre,2024-01-01,BIB,"
    "Loisirs et créations numériques,Jeunes,Gratuit sous condition,Mo-Fr 14:00-18:00\n"
    "c1,43493312300045,Centre social Bonnefoi,Lyon,69003,9 rue Bonnefoi,2024-01-01,CS,"
    "Aide aux démarches administratives,,Payant,sur rendez-vous\n";

struct ViewFixture {
    test::TempDir dir;
    std::unique_ptr<app::Notebook> notebook = app::Notebook::open(dir.str(), test::assetsDir());
    core::Translator fr = core::Translator::load(test::assetsDir() + "/i18n", "fr");
    core::LocalDateTime now = kTuesdayEleven;
    app::DirectoryView view{*notebook, test::assetsDir(), [this] { return now; }};

    ViewFixture() { view.service().importText(kPlaces, "places.csv"); }

    // One GUI frame's worth of calls.
    void frame(const app::DirectoryFilters& filters) {
        view.notice(notebook->status());
        view.setFilters(filters);
        view.refresh(fr);
    }
    std::vector<std::string> ids() const {
        std::vector<std::string> out;
        for (const auto& p : view.results()) out.push_back(p.id);
        std::sort(out.begin(), out.end());
        return out;
    }
    std::optional<bool> badge(const std::string& id) const {
        for (const auto& p : view.results())
            if (p.id == id) return p.openAtQueryTime;
        FAIL("no result " << id);
        return std::nullopt;
    }
};

app::DirectoryFilters text(std::string typed) {
    app::DirectoryFilters f;
    f.text = std::move(typed);
    return f;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("the directory view queries only when the filters change, not every frame", "[directory_view]") {
    ViewFixture f;
    f.frame(text("médiat"));
    CHECK(f.ids() == Ids{"m1", "m2"});
    int searches = f.view.searchCount();
    for (int i = 0; i < 100; ++i) f.frame(text("médiat"));
    CHECK(f.view.searchCount() == searches);

    f.frame(text("médiath"));
    CHECK(f.view.searchCount() == searches + 1);
    auto filters = text("médiath");
    filters.freeOnly = true;
    f.frame(filters);
    CHECK(f.view.searchCount() == searches + 2);
    CHECK(f.ids() == Ids{"m1"});
}

TEST_CASE("the directory view searches again when the clock reaches another minute, at most once a minute",
          "[directory_view]") {
    ViewFixture f;
    f.frame({});
    int searches = f.view.searchCount();
    for (int i = 0; i < 50; ++i) f.frame({});
    CHECK(f.view.searchCount() == searches);
    f.now.minute = 1;
    for (int i = 0; i < 50; ++i) f.frame({});
    CHECK(f.view.searchCount() == searches + 1);
    CHECK(f.view.queryTime().minute == 1);
}

TEST_CASE("the directory view sees places imported after it opened", "[directory_view]") {
    ViewFixture f;
    f.frame(text("tiers"));
    CHECK(f.ids().empty());
    f.view.service().importText("id,pivot,nom,commune,code_postal,adresse,date_maj\n"
                                "t1,43493312300052,Tiers-lieu La Fabrique,Bron,69500,1 rue Paul-Bert,2024-01-01\n",
                                "more.csv");
    f.frame(text("tiers"));
    CHECK(f.ids() == Ids{"t1"});
}

TEST_CASE("service, public and free filters narrow the directory list", "[directory_view]") {
    ViewFixture f;
    app::DirectoryFilters filters;
    filters.service = "Aide aux démarches administratives";
    f.frame(filters);
    CHECK(f.ids() == Ids{"c1", "m1"});
    filters.publicType = "Seniors";
    f.frame(filters);
    CHECK(f.ids() == Ids{"m1"});
    filters = {};
    filters.freeOnly = true;  // "Gratuit sous condition" is not free
    f.frame(filters);
    CHECK(f.ids() == Ids{"m1"});
    // The combos offer the standard's own vocabularies.
    const auto& services = f.view.serviceChoices();
    CHECK(std::find(services.begin(), services.end(), "Aide aux démarches administratives") != services.end());
    const auto& publics = f.view.publicChoices();
    CHECK(std::find(publics.begin(), publics.end(), "Seniors") != publics.end());
}

TEST_CASE("open now is evaluated at the local time captured when the query ran", "[directory_view]") {
    ViewFixture f;  // Tuesday 11:00: m1 (Tu-Sa 10-18) open, m2 (Mo-Fr 14-18) closed, c1 unknown
    f.frame({});
    CHECK(f.ids() == Ids{"c1", "m1", "m2"});
    CHECK(f.badge("m1") == std::optional<bool>(true));
    CHECK(f.badge("m2") == std::optional<bool>(false));
    CHECK(f.badge("c1") == std::nullopt);

    app::DirectoryFilters open;
    open.openNow = true;
    f.frame(open);
    CHECK(f.ids() == Ids{"m1"});

    f.now = kTuesdayFifteen;
    f.frame(open);
    CHECK(f.ids() == Ids{"m1", "m2"});
    CHECK(f.view.queryTime().hour == 15);
}

TEST_CASE("a place card shows the opening hours in French, and unreadable hours as written with a warning",
          "[directory_view]") {
    ViewFixture f;
    f.view.open("m1");
    f.frame({});
    REQUIRE(f.view.hasCard());
    CHECK(f.view.card().place.nom == "Médiathèque Lucie-Aubrac");
    CHECK(f.view.card().openNow == std::optional<bool>(true));
    REQUIRE(f.view.card().hoursLines.size() == 1);
    CHECK_THAT(f.view.card().hoursLines[0], Catch::Contains("du mardi au samedi") && Catch::Contains("10 h 00"));
    CHECK_FALSE(f.view.card().hoursUnparsed);

    f.view.open("c1");
    f.frame({});
    CHECK(f.view.card().hoursUnparsed);
    CHECK_THAT(f.view.card().hoursWarning, Catch::Contains("sur rendez-vous"));
    CHECK(f.view.card().openNow == std::nullopt);

    // The card follows the clock like the list: at 15:00 on Tuesday m2 is open.
    f.view.open("m2");
    f.frame({});
    CHECK(f.view.card().openNow == std::optional<bool>(false));
    f.now = kTuesdayFifteen;
    f.frame({});
    CHECK(f.view.card().openNow == std::optional<bool>(true));
}

TEST_CASE("a place oriented from the directory is stored in the session saved through the Séance form",
          "[directory_view][orient]") {
    ViewFixture f;
    core::Learner l;
    l.pseudonym = "Martin Léa";
    auto learner = f.notebook->createLearner(l);

    app::SessionForm form(*f.notebook);
    form.pick(learner);
    app::SessionForm::toggle(form.draft().themes, "email");
    f.frame(text("bachut"));
    REQUIRE(f.ids() == Ids{"m2"});
    f.view.open(f.view.results()[0].id);
    f.view.orient(form.draft());
    CHECK(form.orientationName() == "Médiathèque du Bachut (Lyon)");
    auto saved = form.save();

    auto stored = f.notebook->session(saved.id);
    REQUIRE(stored);
    CHECK(stored->orientationPlaceId == "m2");
    CHECK(form.draft().orientationPlaceId.empty());  // the next session starts with no orientation
}

TEST_CASE("orienting with no place open, or to a place no longer in the directory, is refused", "[directory_view][orient]") {
    ViewFixture f;
    core::Session draft;
    CHECK_THROWS_AS(f.view.orient(draft), Error);
    f.view.open("nowhere");
    CHECK_THROWS_AS(f.view.orient(draft), Error);
    CHECK(draft.orientationPlaceId.empty());
    // The card of a place that does not exist closes rather than showing stale data.
    CHECK_THROWS_AS(f.view.refresh(f.fr), Error);
    CHECK_FALSE(f.view.hasCard());
    CHECK(f.view.openId().empty());
}

// Hidden: the search latency on a large demo notebook (10,000 places). Run with
//   MEDIANE_DIRECTORY_DATA=/path/to/large-demo unit_tests "[.directory_view_latency]"
// Why thread CPU time besides wall time: on a shared machine the wall clock measures the neighbours too.
TEST_CASE("directory view search latency on a large demo", "[.directory_view_latency]") {
    const char* data = std::getenv("MEDIANE_DIRECTORY_DATA");
    if (!data) return;  // nothing to measure without a large demo
    auto notebook = app::Notebook::open(data, test::assetsDir());
    auto fr = core::Translator::load(test::assetsDir() + "/i18n", "fr");
    const char* limit = std::getenv("MEDIANE_DIRECTORY_LIMIT");
    app::DirectoryView view(*notebook, test::assetsDir(), [] { return core::LocalDateTime{2025, 3, 4, 11, 0}; },
                            limit ? std::atoi(limit) : app::DirectoryView::kDefaultLimit);
    auto status = notebook->status();
    auto cpuMs = [] {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
    };
    std::vector<app::DirectoryFilters> cases;
    for (const char* typed : {"", "m", "me", "med", "médiathèque", "lyon", "villeurbanne médi", "démarches", "zzz"}) {
        app::DirectoryFilters f;
        f.text = typed;
        cases.push_back(f);
        f.openNow = true;
        cases.push_back(f);
        f.openNow = false;
        f.freeOnly = true;
        f.service = "Aide aux démarches administratives";
        cases.push_back(f);
        f.publicType = "Seniors";
        f.openNow = true;
        cases.push_back(f);
    }
    double worstWall = 0, worstCpu = 0, totalWall = 0, totalCpu = 0;
    std::string worstCase;
    int runs = 0;
    for (int round = 0; round < 4; ++round)
        for (const auto& f : cases) {
            view.setFilters(text("zzz"));  // a change, so every case re-queries
            view.notice(status);
            view.refresh(fr);
            view.setFilters(f);
            double cpu0 = cpuMs();
            view.refresh(fr);
            double cpu = cpuMs() - cpu0, wall = view.lastSearchMs();
            if (round == 0) continue;  // the first round warms SQLite's page cache and the hours cache
            std::string name = "\"" + f.text + "\" open=" + std::to_string(f.openNow) + " free=" +
                               std::to_string(f.freeOnly) + " service=" + std::to_string(!f.service.empty()) +
                               " public=" + std::to_string(!f.publicType.empty());
            if (cpu > worstCpu) worstCase = name;
            worstCpu = std::max(worstCpu, cpu);
            worstWall = std::max(worstWall, wall);
            totalWall += wall;
            totalCpu += cpu;
            ++runs;
            if (round == 3) WARN(name << ": " << view.results().size() << " results, " << cpu << " ms CPU, " << wall << " ms wall");
        }
    WARN("directory search on " << status.places << " places, " << runs << " searches: CPU mean " << totalCpu / runs
                                << " ms, worst " << worstCpu << " ms (" << worstCase << "); wall mean "
                                << totalWall / runs << " ms, worst " << worstWall << " ms");
    CHECK(worstCpu < 16.0);
}
