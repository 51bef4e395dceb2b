// « Mes lieux »: a window over the Séance form to add, correct and pick one's own places.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "app/app_state.hpp"
#include "app/own_places.hpp"

namespace mediane::ui {

// Usage: if (button(« Mes lieux… »)) m_places.open(state); if (auto id = m_places.draw(state)) pick(*id);
// Items are tagged places.* (places.new, places.name, places.save, places.pick_<n>, places.edit_<n>, places.close).
class OwnPlacesDialog {
public:
    // Opens the list; with no own place yet, straight on the form of a new one.
    void open(app::AppState& state);
    // Returns the id of the place saved or picked this frame (the caller makes it the session's place).
    std::optional<std::string> draw(app::AppState& state);
    bool isOpen() const { return m_open; }
    app::OwnPlaces* places() { return m_places.get(); }

private:
    std::optional<std::string> drawList(app::AppState& state);
    std::optional<std::string> drawForm(app::AppState& state);

    std::unique_ptr<app::OwnPlaces> m_places;
    bool m_open = false, m_openNextFrame = false, m_focusName = false;
};

}  // namespace mediane::ui
