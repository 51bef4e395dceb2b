// The place search of the Séance form: name, commune or postal code typed, accents ignored; no ImGui.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace mediane::app {

// "Médiathèque Lucie-Aubrac (Vénissieux 69200)": what a place reads as in the picker and once picked.
std::string placeLabel(const core::Place& place);

// Usage: picker.setPlaces(form.places()); picker.setQuery(typed); if (auto id = picker.confirm()) draft.placeId = *id;
// Why not a combo: a notebook with the directory holds 10,000 places. The folded text of each is made once
// per setPlaces, so a keystroke is one scan of short strings.
class PlacePicker {
public:
    static constexpr std::size_t kLimit = 10;

    // The places to search, in the order an empty search shows them (own places and the last used first).
    void setPlaces(std::vector<core::Place> places);
    const std::vector<core::Place>& places() const { return m_places; }

    // Every word typed must appear in the place's name, commune or postal code (case and accents ignored).
    // A blank text shows the first places.
    void setQuery(const std::string& typed);
    const std::string& query() const { return m_query; }
    const std::vector<const core::Place*>& matches() const { return m_matches; }
    // How many places match in all (matches() keeps the first kLimit).
    std::size_t matchCount() const { return m_count; }

    int highlighted() const { return m_highlight; }
    void moveHighlight(int delta);
    // Enter: the highlighted match's id (the first unless arrows moved); nothing when nothing matches.
    std::optional<std::string> confirm();
    const core::Place* find(const std::string& id) const;

private:
    std::vector<core::Place> m_places;
    std::vector<std::string> m_folded;
    std::string m_query;
    std::vector<const core::Place*> m_matches;
    std::size_t m_count = 0;
    int m_highlight = 0;
};

// Own places first, then the last place used, then the rest by name: what an empty search lists.
std::vector<core::Place> orderForPicking(std::vector<core::Place> places, const std::vector<core::Place>& own,
                                         const std::string& lastPlaceId);

}  // namespace mediane::app
