// « Sauvegarder »: the status bar's button that copies the notebook to a folder the adviser picks.
#pragma once

#include "app/app_state.hpp"

namespace mediane::ui {

// Opens the folder picker, starting in the last export folder (a USB stick is found from there or typed).
void openBackup(app::AppState& state);
// Draws the picker while it is open; once a folder is chosen, runs the backup (app/notebook_backup) and
// says where it went. Call once per frame from the status bar.
void drawBackup(app::AppState& state);

}  // namespace mediane::ui
