// « Voir pourquoi »: the list of changes the hub refused, each with its reason and what to do.
#pragma once

#include "app/app_state.hpp"

namespace mediane::ui {

// Reads the refused changes from the notebook when asked to open (a click), never every frame.
void openRefusedChanges(app::AppState& state);
// Draws the list while it is open; call once per frame from the status bar.
void drawRefusedChanges(app::AppState& state);

}  // namespace mediane::ui
