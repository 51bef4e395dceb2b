// The place search field of the Séance form: type a few letters of a name, commune or postal code, Enter picks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app_state.hpp"
#include "app/place_picker.hpp"

namespace mediane::ui {

// Usage: if (auto id = m_place.draw(state, "session.place", form.places(), d.placeId)) d.placeId = *id;
// Items are tagged <id> (the search field), <id>_match_<n>, <id>_picked and <id>_change.
class PlaceField {
public:
    // Returns the id picked this frame. Shows the picked place with « Changer », or the search and its matches.
    std::optional<std::string> draw(app::AppState& state, const std::string& id, const std::vector<core::Place>& places,
                                    const std::string& pickedId);
    // Re-reads the order of the places (own places, the last used) on the next draw, e.g. after « Mes lieux ».
    void invalidate() { m_source = nullptr; }
    const app::PlacePicker& picker() const { return m_picker; }

private:
    app::PlacePicker m_picker;
    const core::Place* m_source = nullptr;  // the list the picker was built from (its first element and size)
    std::size_t m_sourceSize = 0;
    std::string m_typed;
    bool m_searching = false;  // « Changer » pressed: the search shows even though a place is picked
    bool m_focus = false;
};

}  // namespace mediane::ui
