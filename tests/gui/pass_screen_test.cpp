// The Pass numérique screen driven by injected mouse and keyboard, checked in the notebook and the view-model.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "app/app_state.hpp"
#include "core/calendar.hpp"
#include "gui_fixture.hpp"
#include "imgui_harness.hpp"
#include "support/notebook_sql.hpp"
#include "ui/pass_screen.hpp"

using mediane::app::AppState;
using mediane::app::Banner;
using mediane::test::GuiFixture;
using mediane::test::ImGuiHarness;
namespace core = mediane::core;

namespace {
struct PassUnderTest {
    GuiFixture f;
    AppState state{*f.notebook, mediane::test::assetsDir(), "fr"};
    mediane::ui::PassScreen screen;
    ImGuiHarness h{mediane::test::inWindow([this] { screen.draw(state); })};

    // Frames until the stock and the use per month, read on the screen's reader thread, are drawn (as an
    // adviser sees them a few frames after a change); waits, asserts nothing about time.
    void framesUntilFigures() {
        h.frame();
        for (int i = 0; i < 3000 && (!screen.desk()->figuresReady() || screen.desk()->readingFigures()); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            h.frame();
        }
    }
    void type(const std::string& field, const std::string& text) {
        h.click(field);
        h.typeText(text);
    }
    void giveTo(const std::string& number, const std::string& learnerLetters) {
        type("pass.give.number", number);
        type("pass.give.learner", learnerLetters);
        h.frame();
        h.click("pass.give.pick.0");
        h.frame();  // the picker closes and the save button moves up
        h.click("pass.give.save");
    }
};
}  // namespace

TEST_CASE("receiving a booklet through the form puts its cheques in the stock shown", "[pass_screen]") {
    PassUnderTest t;
    t.framesUntilFigures();
    REQUIRE(t.screen.desk()->stock().received == 10);
    t.h.click("pass.receive");  // folded once a booklet is there
    t.type("pass.receive.first", "2000");
    t.type("pass.receive.last", "2049");
    const auto year = core::today().substr(0, 4);
    t.type("pass.receive.valid_year", year);
    t.type("pass.receive.funder", "Conseil départemental du Rhône");
    t.h.click("pass.receive.save");

    CHECK(t.state.banner.kind == Banner::Kind::Success);
    t.framesUntilFigures();
    CHECK(t.screen.desk()->stock().received == 60);
    CHECK(t.screen.desk()->stock().inStock == 60);
    REQUIRE(t.screen.desk()->booklets().size() == 2);
    auto stored = t.f.notebook->booklets();
    auto it = std::find_if(stored.begin(), stored.end(), [](const core::PassBooklet& b) { return b.firstNumber == 2000; });
    REQUIRE(it != stored.end());
    CHECK(it->lastNumber == 2049);
    CHECK(it->faceValueCents == 1000);
    CHECK(it->structure == "Médiathèque Jean-Jaurès");  // prefilled from the previous booklet
    CHECK(it->validYear == std::stoi(year));
    CHECK(it->expiry == year + "-12-31");
    CHECK(it->funder == "Conseil départemental du Rhône");
}

TEST_CASE("a booklet without its validity year is refused on the year's field", "[pass_screen]") {
    PassUnderTest t;
    t.h.frame();
    t.h.click("pass.receive");
    t.type("pass.receive.first", "2000");
    t.type("pass.receive.last", "2009");
    t.h.click("pass.receive.save");
    CHECK(t.state.banner.kind == Banner::Kind::Error);
    CHECK(t.state.banner.field == "booklet.valid_year");
    CHECK(t.f.notebook->booklets().size() == 1);
}

TEST_CASE("a qualified place types another structure's cheque and the year printed on it and sees at once that it "
          "can be redeemed",
          "[pass_screen]") {
    PassUnderTest t;
    t.h.frame();
    t.type("pass.check.number", "880001");
    t.h.pressKey(ImGuiKey_Enter);
    t.h.frames(2);
    REQUIRE(t.screen.lastVerdict());
    CHECK_FALSE(t.screen.lastVerdict()->redeemable);
    CHECK(t.screen.lastVerdict()->reasonKey == "err.cheque_unknown_needs_year");
    t.type("pass.check.valid_year", core::today().substr(0, 4));
    t.h.pressKey(ImGuiKey_Enter);
    t.h.frames(2);
    REQUIRE(t.screen.lastVerdict());
    CHECK(t.screen.lastVerdict()->redeemable);
    CHECK(t.screen.lastVerdict()->redeemableUntil == std::to_string(std::stoi(core::today().substr(0, 4)) + 1) + "-01-31");
    // Checking writes nothing.
    CHECK_FALSE(t.f.notebook->passStore().findByNumber(880001));
}

TEST_CASE("cancelling a range through the form cancels every cheque of it, with its cause and reason", "[pass_screen]") {
    PassUnderTest t;
    t.h.frame();
    t.h.click("pass.cancel");
    t.type("pass.cancel.first", "1005");
    t.type("pass.cancel.last", "1006");
    t.h.click("pass.cancel.stolen");
    t.type("pass.cancel.reason", "sac volé à la permanence");
    t.h.click("pass.cancel.save");
    CHECK(t.state.banner.kind == Banner::Kind::Success);
    for (auto n : {1005, 1006}) {
        auto c = t.f.notebook->passStore().findByNumber(n);
        REQUIRE(c);
        CHECK(c->state == core::ChequeState::Cancelled);
        CHECK(c->cancelCause == "stolen");
        CHECK(c->cancelReason == "sac volé à la permanence");
    }
    // Again: already cancelled, the whole range is refused and named.
    t.h.frame();
    t.type("pass.cancel.first", "1004");
    t.type("pass.cancel.last", "1005");
    t.type("pass.cancel.reason", "perdu");
    t.h.click("pass.cancel.save");
    CHECK(t.state.banner.kind == Banner::Kind::Error);
    CHECK(t.f.notebook->passStore().findByNumber(1004)->state == core::ChequeState::InStock);
}

TEST_CASE("a structure that only redeems sees the cheque check, not the booklet and giving forms", "[pass_screen]") {
    PassUnderTest t;
    core::PassProfile profile;
    profile.structure = "Médiathèque Jean-Jaurès";
    profile.id = "mediatheque.0";
    profile.distributor = 0;
    t.f.notebook->passSettingsStore().keepAsPulled(profile);
    t.h.frames(2);
    CHECK(t.h.has("pass.check.number"));
    CHECK(t.h.has("pass.cancel"));
    CHECK_FALSE(t.h.has("pass.give.save"));
    CHECK_FALSE(t.h.has("pass.receive.save"));
    CHECK(t.screen.desk()->graceDays() == 31);
}

TEST_CASE("giving a cheque to a learner found by a few letters moves it out of the stock", "[pass_screen]") {
    PassUnderTest t;
    t.h.frame();
    t.giveTo("1004", "Dupu");
    CHECK(t.state.banner.kind == Banner::Kind::Success);
    auto cheques = t.f.notebook->learnerCheques(t.f.jean.id);
    REQUIRE(cheques.size() == 1);
    CHECK(cheques[0].number == 1004);
    t.framesUntilFigures();
    CHECK(t.screen.desk()->stock().given == 1);
    CHECK(t.screen.desk()->stock().inStock == 9);
}

TEST_CASE("giving an expired cheque shows the expiry message and changes nothing", "[pass_screen]") {
    PassUnderTest t;
    core::PassBooklet old;
    old.structure = "Centre social";
    old.firstNumber = 500;
    old.lastNumber = 509;
    old.receivedOn = core::addDays(core::today(), -400);
    old.expiry = core::addDays(core::today(), -10);
    t.f.notebook->receiveBooklet(old);
    t.h.frame();
    t.giveTo("503", "Mart");

    CHECK(t.state.banner.kind == Banner::Kind::Error);
    CHECK(t.state.banner.field == "cheque");
    CHECK(t.state.banner.text.find("expiré") != std::string::npos);
    CHECK(t.state.banner.text.find(old.expiry) != std::string::npos);
    CHECK(t.f.notebook->learnerCheques(t.f.lea.id).empty());
}

TEST_CASE("giving a cheque already redeemed is refused with its message", "[pass_screen]") {
    PassUnderTest t;
    t.f.redeemElsewhere(1002);
    t.h.frame();
    t.giveTo("1002", "Dupo");
    CHECK(t.state.banner.kind == Banner::Kind::Error);
    CHECK(t.state.banner.text.find("1002") != std::string::npos);
    CHECK(t.f.notebook->learnerCheques(t.f.marie.id).empty());
}

TEST_CASE("on a coordinator's laptop the settings panel sets the roles and adds a service, queued for the hub",
          "[pass_screen]") {
    PassUnderTest t;
    mediane::test::NotebookSql(*t.f.notebook)
        .exec("INSERT INTO sync_account (id, hub_url, login, role, structure, enrolled_at) VALUES "
              "(1, 'http://127.0.0.1:9', 'claire', 'coordinator', 'Médiathèque Jean-Jaurès', '2026-12-01')");
    t.h.frame();
    REQUIRE(t.screen.desk()->editsSettings());
    t.h.click("pass.settings");
    t.h.frame();
    t.h.click("pass.settings.distributor");  // no longer hands cheques out
    t.h.click("pass.settings.save_profile");
    CHECK(t.state.banner.kind == Banner::Kind::Success);
    t.h.frame();
    t.type("pass.settings.code", "atelier-2h");
    t.type("pass.settings.label", "Atelier 2 h");
    t.h.click("pass.settings.add_service");
    CHECK(t.state.banner.kind == Banner::Kind::Success);
    auto profile = t.f.notebook->passProfile();
    REQUIRE(profile);
    CHECK(profile->distributor == 0);
    CHECK(profile->qualifiedPlace == 1);
    REQUIRE(t.f.notebook->passServices().size() == 1);
    CHECK(t.f.notebook->passServices().front().label == "Atelier 2 h");
    CHECK(mediane::test::sqlInt(*t.f.notebook, "SELECT count(*) FROM outbox WHERE entity IN ('pass_profile', 'pass_service')") == 2);
    // The screen follows its new role: no giving form any more.
    t.h.frames(2);
    CHECK_FALSE(t.h.has("pass.give.save"));
}

TEST_CASE("the Pass screen's first frame is drawn before its stock is read, without a false zero", "[pass_screen]") {
    PassUnderTest t;
    t.h.frame();  // the read is posted in this frame; its answer is taken in at a later one
    CHECK_FALSE(t.screen.desk()->figuresReady());
    CHECK(t.h.has("pass.monthly.reading"));
    t.framesUntilFigures();
    CHECK_FALSE(t.h.has("pass.monthly.reading"));
    CHECK(t.h.has("pass.stock.received"));
    CHECK(t.screen.desk()->stock().received == 10);
}
