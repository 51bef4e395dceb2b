// An in-app folder chooser (no desktop dialog needed): the path, its sub-folders, up one level, choose.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app_state.hpp"

namespace mediane::ui {

// Usage: if (button(...)) picker.open(folder);  if (auto chosen = picker.draw(state)) folder = *chosen;
class FolderPicker {
public:
    void open(const std::string& start);
    // Draws the popup while it is open; returns the folder once the adviser chooses it.
    std::optional<std::string> draw(app::AppState& state);

private:
    void go(const std::string& folder);

    bool m_requested = false;
    std::string m_current;
    std::string m_typed;
    std::vector<std::string> m_children;
};

}  // namespace mediane::ui
