// The one window of Médiane: header with the tabs, language and font size, the banner, the active screen, the status bar.
#pragma once

#include <imgui.h>

#include <memory>
#include <vector>

#include "app/app_state.hpp"
#include "core/error.hpp"
#include "ui/screen_registry.hpp"

namespace mediane::ui {

class Shell {
public:
    // One instance of every registered screen, kept for the shell's lifetime (each keeps its view-model).
    Shell();

    // Owns Begin/End of a full-viewport window with no decoration; screens draw only their contents.
    void draw(app::AppState& state);
    // What the frame is cleared with: the shell's window draws no background over it.
    static ImVec4 backgroundColour();

    // A screen by its class, for tests: shell.screen<DirectoryScreen>() (include that screen's header).
    template <class S>
    S& screen();

private:
    void drawHeader(app::AppState& state);
    void drawBanner(app::AppState& state);
    static float messageSlotHeight();
    static void clearFixedError(app::AppState& state);

    struct Live {
        const ScreenEntry* entry;
        std::unique_ptr<ScreenPanel> panel;
    };
    std::vector<Live> m_screens;  // in tab order
};

template <class S>
S& Shell::screen() {
    for (auto& live : m_screens)
        if (auto* panel = dynamic_cast<ScreenPanelOf<S>*>(live.panel.get())) return panel->screen();
    throw Error(Error::Kind::NotFound, "ui.screen_not_registered");
}

}  // namespace mediane::ui
