// The screens the shell can show: each screen's file describes itself (name, tab, order, how to make one) here.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/app_state.hpp"

namespace mediane::ui {

// One live screen inside the shell; wraps a screen class so the shell needs no screen's header.
class ScreenPanel {
public:
    virtual ~ScreenPanel() = default;
    virtual void draw(app::AppState& state) = 0;
};

template <class S>
class ScreenPanelOf final : public ScreenPanel {
public:
    void draw(app::AppState& state) override { m_screen.draw(state); }
    S& screen() { return m_screen; }

private:
    S m_screen;
};

struct ScreenEntry {
    std::string name;    // --screen NAME (screenshots, smoke tests), and what AppState navigates by
    std::string tabKey;  // translation key of the tab's label
    std::string tabTag;  // the tab button's id, which tests click
    int order = 0;       // tabs left to right by increasing order
    std::unique_ptr<ScreenPanel> (*make)() = nullptr;
};

// Usage, at the end of a screen's file:
//   ScreenEntry sessionScreenEntry() { return screenEntry<SessionScreen>("session", "shell.tab_session", ...); }
template <class S>
ScreenEntry screenEntry(std::string name, std::string tabKey, std::string tabTag, int order) {
    return {std::move(name), std::move(tabKey), std::move(tabTag), order,
            [] { return std::unique_ptr<ScreenPanel>(std::make_unique<ScreenPanelOf<S>>()); }};
}

// Every screen, in the order they were added (the --screen choices); the shell sorts its tabs by `order`.
const std::vector<ScreenEntry>& registeredScreens();
// The entry for --screen NAME; null when no screen has that name.
const ScreenEntry* findScreen(const std::string& name);

}  // namespace mediane::ui
