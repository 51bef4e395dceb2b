// The commune search field of the Séance and Bénéficiaires forms: a name or postal code typed, arrows, Enter.
#pragma once

#include <optional>
#include <string>

#include "app/app_state.hpp"
#include "app/commune_picker.hpp"

namespace mediane::ui {

// What the adviser did with the field this frame.
struct CommuneFieldEvent {
    std::optional<app::PickedCommune> picked;  // a commune was picked (Enter or a click on a match)
    bool cleared = false;                      // « × »: the commune was removed, the search field shows again
};

// Usage (the owner keeps the picked commune in its record):
//   auto event = m_commune.draw(state, "session.commune", communeLabel(d.communeName, d.communePostalCode));
//   if (event.picked) form.setCommune(*event.picked); else if (event.cleared) form.clearCommune();
// Items are tagged <id> (the search field), <id>_match_<n>, <id>_picked and <id>_clear.
class CommuneField {
public:
    // Shows pickedLabel with a « × » when a commune is set, else the search field and its matches.
    CommuneFieldEvent draw(app::AppState& state, const std::string& id, const std::string& pickedLabel);
    const app::CommunePicker* picker() const { return m_picker ? &*m_picker : nullptr; }

private:
    std::optional<app::CommunePicker> m_picker;  // made on the first draw: it reads the communes through AppState
    std::string m_typed;
    bool m_focus = false;  // give the search field the keyboard after « × »
};

}  // namespace mediane::ui
