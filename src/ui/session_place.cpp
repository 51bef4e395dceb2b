// The Séance form's place: a search over every place (own and directory) and « Mes lieux » beside it.
#include <imgui.h>

#include "ui/session_screen.hpp"
#include "ui/widgets.hpp"

namespace mediane::ui {

void SessionScreen::drawPlacePicker(app::AppState& state) {
    auto& d = m_form->draft();
    if (m_form->places().empty()) {
        // A new notebook: the first place is one's own, added here rather than a dead end.
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(kMutedColour, "%s", state.tr("first_day.no_places").c_str());
        ImGui::PopTextWrapPos();
        tagItem("session.no_places");
    } else if (auto id = m_place.draw(state, "session.place", m_form->places(), d.placeId)) {
        d.placeId = *id;
    }
    if (button(state.tr("first_day.my_places"), "session.my_places")) m_ownPlaces.open(state);
    if (auto id = m_ownPlaces.draw(state)) {
        m_form->reloadPlaces();
        m_place.invalidate();
        d.placeId = *id;
    }
}

}  // namespace mediane::ui
