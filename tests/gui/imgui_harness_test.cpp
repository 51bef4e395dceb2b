// The headless harness itself: a click reaches a tagged button, typed text reaches the focused field.
#include <catch2/catch.hpp>

#include "imgui_harness.hpp"
#include "ui/widgets.hpp"

using mediane::test::ImGuiHarness;
using mediane::test::inWindow;

TEST_CASE("a click on a tagged button presses it exactly once", "[harness]") {
    int presses = 0;
    ImGuiHarness h(inWindow([&] {
        if (mediane::ui::button("Enregistrer", "save")) ++presses;
    }));
    h.frame();
    REQUIRE(h.has("save"));
    h.click("save");
    h.frames(2);
    CHECK(presses == 1);
}

TEST_CASE("typed text reaches the clicked text field and Enter is seen", "[harness]") {
    std::string text;
    int enters = 0;
    ImGuiHarness h(inWindow([&] {
        if (mediane::ui::inputText("Nom", "name", &text, ImGuiInputTextFlags_EnterReturnsTrue)) ++enters;
    }));
    h.click("name");
    h.typeText("Émile");
    CHECK(text == "Émile");
    h.pressKey(ImGuiKey_Enter);
    CHECK(enters == 1);
}

TEST_CASE("Ctrl+S is seen by ui::ctrlPressed and plain S is not", "[harness]") {
    int saves = 0;
    ImGuiHarness h(inWindow([&] {
        if (mediane::ui::ctrlPressed(mediane::ui::kKeyS)) ++saves;
    }));
    h.frame();
    h.pressNative(mediane::ui::kKeyS);
    CHECK(saves == 0);
    h.pressCtrl(mediane::ui::kKeyS);
    CHECK(saves == 1);
}
