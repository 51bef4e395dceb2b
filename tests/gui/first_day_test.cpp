// The first day in the window, headless: a new notebook gets its own place and a session; a notebook that
// cannot open shows why in the window.
#include <catch2/catch.hpp>

#include <fstream>

#include "app/app_state.hpp"
#include "app/notebook.hpp"
#include "app/startup_problem.hpp"
#include "imgui_harness.hpp"
#include "support/temp_dir.hpp"
#include "ui/session_screen.hpp"
#include "ui/shell.hpp"
#include "ui/startup_problem_screen.hpp"

using namespace mediane;
using mediane::test::ImGuiHarness;

TEST_CASE("on a new notebook Mes lieux adds a place, picks it, and a session at that place saves", "[first_day]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    app::AppState state(*notebook, test::assetsDir(), "fr");
    ui::Shell shell;
    ImGuiHarness h([&] { shell.draw(state); });
    h.frame();
    CHECK(h.has("session.no_places"));
    REQUIRE(h.has("session.my_places"));

    h.click("session.my_places");
    h.frames(2);
    REQUIRE(h.has("places.name"));  // no place yet: straight on the new place's form
    h.typeText("Salle des fêtes");
    h.click("places.postal_code");
    h.typeText("69500");
    h.click("places.commune");
    h.typeText("Bron");
    h.click("places.save");
    h.frames(2);
    CHECK(state.banner.kind == app::Banner::Kind::Success);
    CHECK_FALSE(h.has("places.name"));  // the window closed
    auto* form = shell.screen<ui::SessionScreen>().form();
    REQUIRE(form->places().size() == 1);
    CHECK(form->draft().placeId == form->places()[0].id);
    CHECK(h.has("session.place_picked"));

    h.click("session.theme_email");
    h.pressCtrl(ui::kKeyS);
    CHECK(state.banner.kind == app::Banner::Kind::Success);
    auto recent = notebook->recentSessions(1);
    REQUIRE(recent.size() == 1);
    CHECK(recent[0].placeId == form->places()[0].id);
}

TEST_CASE("a place is searched by postal code and Enter picks the first match", "[first_day]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    core::Place a, b;
    a.name = "Médiathèque Lucie-Aubrac";
    a.commune = "Vénissieux";
    a.postalCode = "69200";
    b.name = "Espace numérique";
    b.commune = "Saint-Étienne";
    b.postalCode = "42000";
    a = notebook->addPlace(a);
    b = notebook->addPlace(b);
    app::AppState state(*notebook, test::assetsDir(), "fr");
    ui::Shell shell;
    ImGuiHarness h([&] { shell.draw(state); });
    h.frame();
    REQUIRE(h.has("session.place_change"));
    h.click("session.place_change");
    h.frames(2);
    REQUIRE(h.has("session.place"));
    h.typeText("saint etienne");
    CHECK(h.has("session.place_match_0"));
    CHECK_FALSE(h.has("session.place_match_1"));
    h.pressKey(ImGuiKey_Enter);
    h.frame();
    CHECK(shell.screen<ui::SessionScreen>().form()->draft().placeId == b.id);
    CHECK(h.has("session.place_picked"));
}

TEST_CASE("a damaged notebook shows its own message and a safe next step in the window", "[first_day]") {
    test::TempDir dir;
    const std::string file = dir.str() + "/" + app::Notebook::kDatabaseFile;
    {
        std::ofstream out(file, std::ios::binary);
        for (int i = 0; i < 300; ++i) out << "pas une base de données\n";
    }
    auto tr = core::Translator::load(test::assetsDir() + "/i18n", "fr");
    app::StartupProblem problem;
    try {
        app::Notebook::open(dir.str(), test::assetsDir());
        FAIL("opened");
    } catch (const Error& e) {
        problem = app::describeStartupProblem(e, file, tr);
    }
    CHECK(problem.kind == app::StartupProblemKind::Corrupt);
    CHECK(problem.title == "Carnet endommagé");
    CHECK(problem.nextStep.find("n\u2019écrivez rien par-dessus") != std::string::npos);

    ui::StartupChoice choice = ui::StartupChoice::None;
    ImGuiHarness h(test::inWindow([&] {
        auto c = ui::drawStartupProblem(problem, tr);
        if (c != ui::StartupChoice::None) choice = c;
    }));
    h.frame();
    CHECK(h.has("startup.title"));
    CHECK(h.has("startup.next"));
    CHECK_FALSE(h.has("startup.retry"));  // retrying a damaged file changes nothing
    h.click("startup.quit");
    CHECK(choice == ui::StartupChoice::Quit);
}
