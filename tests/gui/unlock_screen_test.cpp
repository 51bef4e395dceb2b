// The passphrase screen of an encrypted notebook: keyboard only, one intent per Enter, retry after a refusal.
#include "imgui_harness.hpp"

#include "support/temp_dir.hpp"
#include "ui/unlock_screen.hpp"

#include <catch2/catch.hpp>

using namespace mediane;

namespace {

struct UnlockHarness {
    core::Translator tr = core::Translator::load(test::assetsDir() + "/i18n", "fr");
    ui::UnlockScreen screen;
    std::vector<std::string> intents;
    test::ImGuiHarness h{[this] {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("##unlock", nullptr, ImGuiWindowFlags_NoDecoration);
        if (auto typed = screen.draw(tr)) intents.push_back(*typed);
        ImGui::End();
    }};
};

}  // namespace

TEST_CASE("typing the passphrase then Enter hands it over once, and the field is emptied") {
    UnlockHarness u;
    u.h.frames(2);  // the field takes the keyboard on the first frame
    u.h.typeText("phrase de passe");
    u.h.pressKey(ImGuiKey_Enter);
    u.h.frames(2);
    REQUIRE(u.intents == std::vector<std::string>{"phrase de passe"});
    u.h.pressKey(ImGuiKey_Enter);  // Enter again on the empty field: nothing to hand over
    u.h.frames(2);
    CHECK(u.intents.size() == 1);
}

TEST_CASE("a refused passphrase is said on the screen and the adviser can type again at once") {
    UnlockHarness u;
    u.h.frames(2);
    u.h.typeText("mauvaise");
    u.h.pressKey(ImGuiKey_Enter);
    u.h.frames(1);
    REQUIRE(u.intents.size() == 1);
    u.screen.refused(u.tr.message(Error(Error::Kind::Refused, "err.passphrase_wrong")));
    CHECK(u.screen.showsError());
    u.h.frames(2);
    u.h.typeText("la bonne phrase");
    u.h.pressKey(ImGuiKey_Enter);
    u.h.frames(2);
    REQUIRE(u.intents.size() == 2);
    CHECK(u.intents.back() == "la bonne phrase");
    CHECK_FALSE(u.screen.showsError());
}
