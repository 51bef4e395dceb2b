// « Modifier », « Supprimer » and « Historique » for a session listed on any screen, with the delete confirmation.
#pragma once

#include <string>

#include "app/app_state.hpp"
#include "core/model.hpp"

namespace mediane::ui {

// Usage: in each row of a session table, m_actions.drawButtons(state, session); after the table, once per frame,
//        if (m_actions.drawPopups(state)) reload();
// « Modifier » opens the Séance form on the session (AppState::sessionToEdit); « Supprimer » asks first, saying
// what is lost and that it cannot be undone; « Historique » lists the changes made here (field names only).
class SessionActions {
public:
    void drawButtons(app::AppState& state, const core::Session& session);
    // Returns true when a session was deleted in this frame.
    bool drawPopups(app::AppState& state);
    // The width drawButtons takes, for a table column.
    float width(app::AppState& state) const;

private:
    bool drawConfirmation(app::AppState& state);
    void drawHistory(app::AppState& state);

    core::Session m_target;  // the session a popup is about
    bool m_openConfirm = false, m_openHistory = false;
};

}  // namespace mediane::ui
